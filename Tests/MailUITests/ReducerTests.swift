import Foundation
import MailStore
import MailSync
@testable import MailUI
import TerminalKit
import Testing

@Suite struct ReducerTests {
    let reducer = Reducer(keymap: .standard)

    @Test func firstFoldersShowTheFirstInbox() {
        var state = AppState(accounts: ["work"])
        let effects = reducer.reduce(&state, .folders(account: "work", FolderListing(
            folders: [Fixture.inbox, Fixture.archive], accountCounts: MailCounts(total: 0, unread: 0))))
        #expect(effects == [.observeFolder(Fixture.inbox.id, limit: 500)])
        #expect(state.currentFolder?.id == Fixture.inbox.id)
        #expect(state.accounts[0].id == AccountID(1))
    }

    @Test func theFirstAccountsInboxIsShownWhateverOrderFoldersArriveIn() {
        var state = AppState(accounts: ["work", "home"])
        let home = Fixture.folder(5, account: 2, "INBOX", role: .inbox)
        #expect(reducer.reduce(&state, .folders(account: "home", FolderListing(folders: [home], accountCounts: MailCounts(total: 0, unread: 0))))
            == [.observeFolder(home.id, limit: 500)])
        #expect(reducer.reduce(&state, .folders(account: "work", FolderListing(folders: [Fixture.inbox], accountCounts: MailCounts(total: 0, unread: 0))))
            == [.observeFolder(Fixture.inbox.id, limit: 500)])
        #expect(state.currentFolder?.id == Fixture.inbox.id)
        #expect(reducer.reduce(&state, .folders(account: "work", FolderListing(folders: [Fixture.inbox], accountCounts: MailCounts(total: 0, unread: 0)))).isEmpty)
        _ = reducer.reduce(&state, .key(.down))
        #expect(state.currentFolder?.id == home.id)
        #expect(reducer.reduce(&state, .folders(account: "work", FolderListing(folders: [Fixture.inbox], accountCounts: MailCounts(total: 0, unread: 0)))).isEmpty,
                "a folder the user picked stays")
    }

    @Test func movingInTheSidebarShowsTheFolder() {
        var state = Fixture.state()
        #expect(state.focus == .sidebar)
        let effects = reducer.reduce(&state, .key(.down))
        #expect(effects == [.observeFolder(Fixture.archive.id, limit: 500)])
        #expect(state.messages.isEmpty)
        #expect(reducer.reduce(&state, .messages(folder: Fixture.inbox.id, Fixture.messages)).isEmpty)
        #expect(state.messages.isEmpty, "a late page of the previous folder is ignored")
    }

    @Test func openingAnUnreadMessageMarksItReadThroughTheQueue() {
        var state = Fixture.state()
        _ = reducer.reduce(&state, .key(.enter))
        #expect(state.focus == .list)
        let effects = reducer.reduce(&state, .key(.enter))
        #expect(state.focus == .reader)
        #expect(state.reader?.message.id == MessageRowID(1))
        #expect(effects == [
            .loadDetail(MessageRowID(1)),
            .setFlags(account: "work", folder: Fixture.inbox, uids: [MessageUID(rawValue: 1)],
                      change: .init(add: .seen)),
        ])
        #expect(state.messages[0].flags.contains(.seen), "shown read at once")
        #expect(state.reader?.fetching == false)
        _ = reducer.reduce(&state, .key(.escape))
        #expect(state.reader == nil)
        #expect(state.focus == .list)
    }

    @Test func openingAReadMessageQueuesNothing() {
        var state = Fixture.state()
        state.focus = .list
        _ = reducer.reduce(&state, .key(.down))
        #expect(reducer.reduce(&state, .key(.enter)) == [.loadDetail(MessageRowID(2))])
    }

    @Test func bodyArrivesAfterTheHeaders() throws {
        var state = Fixture.state()
        state.focus = .list
        _ = reducer.reduce(&state, .key(.enter))
        let message = try #require(state.reader?.message)
        _ = reducer.reduce(&state, .detail(MessageDetail(message: message, body: nil, parts: [])))
        #expect(state.reader?.fetching == true)
        #expect(Fixture.render(state).contains("Fetching the message body…"))
        _ = reducer.reduce(&state, .bodyFailed(message.id, "offline"))
        #expect(Fixture.render(state).contains("The body could not be fetched: offline"))
    }

    @Test func nextUnreadSkipsReadMessages() {
        var state = Fixture.state()
        state.focus = .list
        _ = reducer.reduce(&state, .key(.character("n")))
        #expect(state.list.selected == 3)
        _ = reducer.reduce(&state, .key(.character("n")))
        #expect(state.list.selected == 3)
        #expect(state.notice == "no more unread messages")
        _ = reducer.reduce(&state, .key(.character("p")))
        #expect(state.list.selected == 0)
    }

    @Test func toggleReadAndFlag() {
        var state = Fixture.state()
        state.focus = .list
        _ = reducer.reduce(&state, .key(.down))
        let read = reducer.reduce(&state, .key(.character("r")))
        #expect(read == [.setFlags(account: "work", folder: Fixture.inbox, uids: [MessageUID(rawValue: 2)], change: .init(remove: .seen))])
        #expect(state.messages[1].isUnread)
        let flag = reducer.reduce(&state, .key(.character("f")))
        #expect(flag == [.setFlags(account: "work", folder: Fixture.inbox, uids: [MessageUID(rawValue: 2)], change: .init(add: .flagged))])
    }

    @Test func deleteMovesToTrashAndArchiveToArchive() {
        var state = Fixture.state()
        state.focus = .list
        let deleted = reducer.reduce(&state, .key(.character("d")))
        #expect(deleted == [.remove(account: "work", folder: Fixture.inbox, uids: [MessageUID(rawValue: 1)], kind: .move, target: "Trash")])
        #expect(state.messages.count == 4)
        let archived = reducer.reduce(&state, .key(.character("a")))
        #expect(archived == [.remove(account: "work", folder: Fixture.inbox, uids: [MessageUID(rawValue: 2)], kind: .move, target: "Archive")])
        #expect(state.notice == "archived to Archive")
    }

    @Test func moveWithThePicker() {
        var state = Fixture.state()
        state.focus = .list
        _ = reducer.reduce(&state, .key(.character("m")))
        guard case .folderPicker(let picker) = state.overlay else {
            Issue.record("no picker")
            return
        }
        #expect(picker.folders.map(\.name) == ["Archive", "Trash", "Projects/Tern"])
        _ = reducer.reduce(&state, .key(.down))
        _ = reducer.reduce(&state, .key(.down))
        let effects = reducer.reduce(&state, .key(.enter))
        #expect(effects == [.remove(account: "work", folder: Fixture.inbox, uids: [MessageUID(rawValue: 1)], kind: .move, target: "Projects/Tern")])
        #expect(state.overlay == nil)
    }

    @Test func searchPromptThenResultsThenBack() {
        var state = Fixture.state()
        _ = reducer.reduce(&state, .key(.character("/")))
        for c in "notes" { _ = reducer.reduce(&state, .key(.character(c))) }
        _ = reducer.reduce(&state, .key(.backspace))
        #expect(state.overlay == .searchPrompt(query: "note"))
        #expect(Fixture.render(state).contains("Search: note▏"))
        let effects = reducer.reduce(&state, .key(.enter))
        #expect(effects == [.search("note", account: AccountID(1))])
        _ = reducer.reduce(&state, .searchResults(query: "note", [Fixture.messages[0], Fixture.messages[2]]))
        #expect(state.messages.count == 2)
        #expect(Fixture.render(state).contains("Search: note — 2 found"))
        let back = reducer.reduce(&state, .key(.escape))
        #expect(back == [.observeFolder(Fixture.inbox.id, limit: 500)])
        #expect(state.searchQuery == nil)
    }

    @Test func syncKeysAndEvents() {
        var state = Fixture.state()
        #expect(reducer.reduce(&state, .key(.character("s"))) == [.sync(.syncAll)])
        #expect(reducer.reduce(&state, .key(.character("S"))) == [.sync(.syncAccount("work"))])
        _ = reducer.reduce(&state, .sync(.started(account: "work")))
        #expect(state.accounts[0].activity == .syncing(fetched: 0))
        _ = reducer.reduce(&state, .sync(.progress(account: "work", folder: "INBOX", fetched: 120)))
        #expect(state.accounts[0].activityText == "syncing 120")
        _ = reducer.reduce(&state, .sync(.finished(AccountSyncReport(account: "work"))))
        #expect(state.accounts[0].activity == .idle)
        #expect(state.accounts[0].lastSync == Fixture.now)
        _ = reducer.reduce(&state, .sync(.progress(account: "work", folder: "INBOX", fetched: 1)))
        #expect(state.accounts[0].activity == .idle, "a watcher's fetch is not an account sync")
        _ = reducer.reduce(&state, .sync(.watchMode(account: "work", folder: "INBOX", mode: .idle)))
        #expect(state.accounts[0].watchMode == "idle")
        #expect(state.accounts[0].activityText == "IDLE")
        _ = reducer.reduce(&state, .sync(.started(account: "work")))
        #expect(state.accounts[0].activityText == "syncing")
        _ = reducer.reduce(&state, .sync(.finished(AccountSyncReport(account: "work"))))
        #expect(state.accounts[0].activityText == "IDLE", "the watch mode outlives a sync")
        _ = reducer.reduce(&state, .sync(.failed(account: "home", error: "cannot connect")))
        #expect(state.accounts[1].activity == .error("cannot connect"))
    }

    @Test func newMailIsHighlightedUntilOpened() {
        var state = Fixture.state()
        let effects = reducer.reduce(&state, .sync(.newMail(account: "work", folder: "INBOX", uids: [MessageUID(rawValue: 1)])))
        #expect(effects == [.bell])
        #expect(state.notice == "1 new message in work/INBOX")
        #expect(state.arrivals.count == 1)
        state.focus = .list
        _ = reducer.reduce(&state, .key(.enter))
        #expect(state.arrivals.isEmpty)
    }

    @Test func selectionFollowsTheMessageWhenTheListChanges() {
        var state = Fixture.state()
        state.focus = .list
        _ = reducer.reduce(&state, .key(.down))
        let arrived = Fixture.message(9, from: "New", subject: "Just in", hoursAgo: 0)
        _ = reducer.reduce(&state, .messages(folder: Fixture.inbox.id, [arrived] + Fixture.messages))
        #expect(state.selectedMessage?.id == MessageRowID(2))
    }

    @Test func aLargeFolderLoadsMoreAsTheSelectionNearsTheEnd() {
        var state = Fixture.state(width: 100, height: 30)
        let page = (0..<500).map { Fixture.message(Int64(100 + $0), from: "Sender \($0)", subject: "Message \($0)", hoursAgo: Double($0)) }
        _ = reducer.reduce(&state, .messages(folder: Fixture.inbox.id, page))
        state.focus = .list
        #expect(reducer.reduce(&state, .key(.pageDown)).isEmpty)
        _ = reducer.reduce(&state, .key(.end))
        #expect(state.list.selected == 499)
        #expect(state.loadedLimit == 1_000)
        let more = (0..<1_000).map { Fixture.message(Int64(100 + $0), from: "Sender \($0)", subject: "Message \($0)", hoursAgo: Double($0)) }
        _ = reducer.reduce(&state, .messages(folder: Fixture.inbox.id, more))
        #expect(state.list.selected == 499, "the selection stays on its message")
        #expect(reducer.reduce(&state, .key(.up)).isEmpty)
    }

    @Test func threadsGroupReplies() {
        var state = Fixture.state()
        _ = reducer.reduce(&state, .key(.character("t")))
        #expect(state.listRows.map(\.message.id.rawValue) == [3, 1, 2, 4, 5])
        #expect(state.listRows.map(\.depth) == [0, 1, 0, 0, 0])
    }

    @Test func panesHelpPoolAndQuit() {
        var state = Fixture.state()
        _ = reducer.reduce(&state, .key(.tab))
        #expect(state.focus == .list)
        _ = reducer.reduce(&state, .key(.tab))
        #expect(state.focus == .sidebar)
        #expect(reducer.reduce(&state, .key(.character("P"))) == [.watchPool(true)])
        #expect(reducer.reduce(&state, .key(.character("P"))) == [.watchPool(false)])
        _ = reducer.reduce(&state, .key(.character("?")))
        #expect(state.overlay == .help)
        #expect(reducer.reduce(&state, .key(.character("q"))).isEmpty, "a key closes the help, q does not quit there")
        #expect(reducer.reduce(&state, .key(.character("q"))) == [.quit])
        #expect(state.quitting)
    }
}
