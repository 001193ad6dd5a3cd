import Foundation
@testable import MailStore
@testable import MailSync
@testable import MailUI
import TerminalKit
import Testing

/// Every pane drawn on the in-memory screen at several sizes, compared line
/// by line: wide characters, truncation, neutralised control characters.
@Suite struct PaneRenderTests {
    let reducer = Reducer(keymap: .standard)

    @Test func wideLayoutWithSidebarAndList() {
        let state = Fixture.state(width: 100, height: 10)
        #expect(Fixture.render(state) == """
            work               …│ work/INBOX — 5 messages, 2 unread
             ▸ INBOX           2│N  @      19:26  Grace Hopper         Compiler notes
             ▤ Archive          │         May 27  山田太郎             会議の議事録について
             ✗ Trash            │  r      May 26  Ada Lovelace         Re: Compiler notes
              · Tern           1│N*       May 12  Émile Zola           Café 📬 demain? Une très longue ligne d'…
            home               …│     2025-05-18  Evil ?[2J Sender      Free?[31m money
             ▸ INBOX           1│
                                │
                                │
             work: starting │ home: starting                                                    ? help · q quit
            """)
    }

    @Test func narrowTerminalShowsOnlyTheFocusedPane() {
        var state = Fixture.state(width: 50, height: 6)
        state.focus = .list
        #expect(Fixture.render(state) == """
             work/INBOX — 5 messages, 2 unread
            N  @      19:26  Grace Hopper  Compiler notes
                     May 27  山田太郎      会議の議事録につい…
              r      May 26  Ada Lovelace  Re: Compiler notes
            N*       May 12  Émile Zola    Café 📬 demain? Un…
             work: starting │ home: starting  ? help · q quit
            """)
    }

    @Test func readerSplitsWithTheListAndWrapsTheBody() throws {
        var state = Fixture.state(width: 80, height: 20)
        state.focus = .list
        _ = reducer.reduce(&state, .key(.down))
        _ = reducer.reduce(&state, .key(.enter))
        let message = try #require(state.reader?.message)
        let body = MessageBodyRecord(messageRowID: message.id, bytes: Data(), text: "お疲れ様です。\n\n会議の議事録を添付します。ご確認ください。Thanks, and see you at the next meeting of the committee.\n> quoted line",
                                     byteCount: 0, lastAccess: Fixture.now)
        let part = MessagePartRecord(messageRowID: message.id, section: "2", mimeType: "application/pdf",
                                     fileName: "議事録.pdf", size: 48_000, isAttachment: true)
        _ = reducer.reduce(&state, .detail(MessageDetail(message: message, body: body, parts: [part])))
        #expect(Fixture.render(state) == """
            work             …│ work/INBOX — 5 messages, 2 unread
             ▸ INBOX         2│N  @      19:26  Grace Hopper     Compiler notes
             ▤ Archive        │         May 27  山田太郎         会議の議事録について
             ✗ Trash          │  r      May 26  Ada Lovelace     Re: Compiler notes
              · Tern         1│N*       May 12  Émile Zola       Café 📬 demain? Une très l…
            home             …│     2025-05-18  Evil ?[2J Sender  Free?[31m money
             ▸ INBOX         1│
                              │─────────────────────────────────────────────────────────────
                              │From:    山田太郎 <someone@example.org>
                              │To:      Alice <alice@tern.test>
                              │Date:    Wed, 2026-05-27 14:26
                              │Subject: 会議の議事録について
                              │
                              │@ 議事録.pdf (application/pdf, 46 KB)
                              │
                              │お疲れ様です。
                              │
                              │会議の議事録を添付します。ご確認ください。Thanks, and see you
                              │at the next meeting of the committee.
             work: starting │ home: starting                                ? help · q quit
            """)
        // Scrolling the reader moves the body, not the headers.
        _ = reducer.reduce(&state, .key(.pageDown))
        let scrolled = Fixture.render(state)
        #expect(scrolled.contains("│> quoted line"))
        #expect(scrolled.contains("│Subject: 会議の議事録について"))
    }

    @Test func shortTerminalOpensTheReaderInTheRightPane() {
        var state = Fixture.state(width: 90, height: 9)
        state.focus = .list
        _ = reducer.reduce(&state, .key(.enter))
        #expect(Fixture.render(state) == """
            work             …│───────────────────────────────────────────────────────────────────────
             ▸ INBOX         2│From:    Grace Hopper <someone@example.org>
             ▤ Archive        │To:      Alice <alice@tern.test>
             ✗ Trash          │Date:    Thu, 2026-05-28 19:26
              · Tern         1│Subject: Compiler notes
            home             …│
             ▸ INBOX         1│Fetching the message body…
                              │
             work: starting │ home: starting                                          ? help · q quit
            """)
        _ = reducer.reduce(&state, .key(.enter))
        #expect(Fixture.render(state).hasPrefix("──────"), "Enter in the reader makes it full screen")
    }

    @Test func poolPaneShowsTheNumbers() {
        var state = Fixture.state(width: 110, height: 14)
        _ = reducer.reduce(&state, .key(.character("P")))
        let work = AccountPoolSnapshot(
            account: "work", open: 3, idle: 1, inUse: 1, idling: 1, opening: 0, closing: 0, waiting: 0, maxConnections: 4,
            leases: 40, reusedLeases: 36, reuseRatio: 0.9, waits: 2, totalWaitTime: .zero, waitTimeouts: 0,
            healthCheckFailures: 1, reconnects: 3, connectAttempts: 7, connectionsOpened: 4, connectFailures: 0,
            authenticationFailed: false, lastError: "connection reset by peer", lastErrorAt: nil, resetGeneration: 1)
        var latency = LatencyRecorder()
        latency.record(.milliseconds(512))
        let watch = WatchStatus(account: "work", folder: "INBOX", mode: .idle, syncs: 5, latency: latency.summary)
        _ = reducer.reduce(&state, .pool(PoolSnapshot(accounts: [work]), [watch]))
        let lines = Fixture.render(state).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(Array(lines[8...12]) == [
            " Connection pool",
            " work  open 3/4  in use 1  idle 1  IDLE 1  opening 0  waiting 0",
            "   leases 40  reuse 90%  waits 2  reconnects 3  health failures 1  opened 4",
            "   last error: connection reset by peer",
            "   INBOX: idle  latency 512 ms (p99 512 ms)  syncs 5",
        ])
    }

    @Test func helpOverlayListsTheActiveKeymap() {
        var state = Fixture.state(width: 80, height: 30)
        _ = reducer.reduce(&state, .key(.character("?")))
        let screen = Fixture.render(state)
        #expect(screen.contains("┌─ Keys ─"))
        #expect(screen.contains("<Down>"))
        #expect(screen.contains("sync all accounts"))
        #expect(screen.contains("any key closes"))
        var vim = Keymap(bindings: [.character("j"): .moveDown, .character("q"): .quit])
        vim.bind(.control("d"), to: .pageDown)
        let custom = Renderer.render(state, context: RenderContext(theme: .standard, keymap: vim, timeZone: Fixture.context.timeZone)).text
        #expect(custom.contains("j") && custom.contains("C-d") && !custom.contains("<Down>"))
    }

    @Test func helpUsesTwoColumnsOnAShortTerminal() {
        var state = Fixture.state(width: 100, height: 20)
        _ = reducer.reduce(&state, .key(.character("?")))
        let screen = Fixture.render(state)
        #expect(screen.contains("q") && screen.contains("quit"), "the last action still shows")
        #expect(screen.contains("down") && screen.contains("help"))
        let box = screen.split(separator: "\n").filter { $0.contains("│") && $0.contains("sync all accounts") }
        #expect(box.count == 1)
    }

    @Test func folderPickerOverlay() {
        var state = Fixture.state(width: 60, height: 12)
        state.focus = .list
        _ = reducer.reduce(&state, .key(.character("m")))
        let screen = Fixture.render(state)
        #expect(screen.contains("┌─ Move to ─"))
        #expect(screen.contains("│ ▤ Archive"))
        #expect(screen.contains("│ · Projects/Tern"))
    }

    @Test func statusLineShowsErrorsAndSyncTimes() {
        var state = Fixture.state(width: 100, height: 5)
        _ = reducer.reduce(&state, .sync(.finished(AccountSyncReport(account: "work"))))
        _ = reducer.reduce(&state, .sync(.failed(account: "home", error: "cannot connect")))
        let last = Fixture.render(state).split(separator: "\n").last.map(String.init)
        #expect(last == " work: ok (synced 20:26) │ home: error: cannot connect                              ? help · q quit")
    }

    @Test func everySizeRendersWithinItsBounds() {
        for (width, height) in [(20, 5), (40, 10), (69, 15), (70, 15), (132, 50), (1, 1), (0, 0)] {
            var state = Fixture.state(width: width, height: height)
            state.focus = .list
            _ = reducer.reduce(&state, .key(.enter))
            _ = reducer.reduce(&state, .key(.character("P")))
            let grid = Renderer.render(state, context: Fixture.context)
            #expect(grid.rows.count == height)
            for row in grid.rows {
                #expect(row.count == width)
                #expect(row.reduce(0) { $0 + Int($1.width) } == width, "wide characters keep the row's width")
            }
        }
    }
}
