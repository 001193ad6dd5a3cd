import Foundation
import Testing
@testable import MailStore

@Suite struct PendingChangeTests {
    @Test func queueSurvivesReopenInOrder() async throws {
        let test = try TestCache()
        defer { test.remove() }
        let (_, inbox, sent) = try await test.seed()
        try await test.cache.upsertMessages(folder: inbox, uidValidity: validity, (1...3).map { header($0) })
        let flagID = try await test.cache.setFlagsLocally(
            folder: inbox, uids: [MessageUID(1), MessageUID(2)], change: .init(add: [.seen, .flagged], addKeywords: ["$Todo"]))
        let moveID = try await test.cache.enqueueChange(.move, folder: inbox, uids: [MessageUID(3)], payload: "Archive")
        let deleteID = try await test.cache.enqueueChange(.delete, folder: sent, uids: [MessageUID(9)])
        #expect(try test.cache.message(folder: inbox, uid: MessageUID(1))?.flags == [.seen, .flagged], "applied locally at once")
        #expect(try test.cache.message(folder: inbox, uid: MessageUID(2))?.keywords == ["$Todo"])
        #expect(try test.cache.counts(folder: inbox)?.unread == 1)

        // Simulate a crash: no close(), then reopen the same file.
        let (reopened, outcome) = try MailCache.open(path: test.cache.path)
        defer { try? reopened.close() }
        #expect(outcome == .checkedAfterUncleanShutdown)
        let queued = try reopened.pendingChanges()
        #expect(queued.map(\.kind) == [.flags, .move, .delete])
        #expect(queued.first?.uids == [MessageUID(1), MessageUID(2)])
        #expect(queued.first?.uidValidity == validity)
        #expect(try queued.first?.flagChange() == .init(add: [.seen, .flagged], addKeywords: ["$Todo"]))
        #expect(queued[1].payload == "Archive")

        try await reopened.markPendingChangeFailed(moveID, error: "NO [TRYCREATE]")
        try await reopened.completePendingChange(flagID)
        try await reopened.completePendingChange(flagID)
        let left = try reopened.pendingChanges()
        #expect(left.map(\.id) == [moveID, deleteID])
        #expect(left.first?.attempts == 1)
        #expect(left.first?.lastError == "NO [TRYCREATE]")
        #expect(try reopened.pendingChangeCount() == 2)
    }

    @Test func removingLocalFlagsAndKeywords() async throws {
        let test = try TestCache()
        defer { test.remove() }
        let (_, inbox, _) = try await test.seed()
        var message = header(1, seen: true)
        message.keywords = ["$A", "$B"]
        try await test.cache.upsertMessages(folder: inbox, uidValidity: validity, [message])
        try await test.cache.setFlagsLocally(folder: inbox, uids: [MessageUID(1)], change: .init(remove: [.seen], removeKeywords: ["$A"]))
        let stored = try #require(try test.cache.message(folder: inbox, uid: MessageUID(1)))
        #expect(stored.flags == [])
        #expect(stored.keywords == ["$B"])
        #expect(try test.cache.counts(folder: inbox)?.unread == 1)
    }

    @Test func serverFlagsDoNotUndoAQueuedLocalChange() async throws {
        let test = try TestCache()
        defer { test.remove() }
        let (_, inbox, _) = try await test.seed()
        try await test.cache.upsertMessages(folder: inbox, uidValidity: validity, (1...2).map { header($0) })
        try await test.cache.setFlagsLocally(folder: inbox, uids: [MessageUID(1)], change: .init(add: [.seen], removeKeywords: ["$Old"]))
        // A sync read the server before the change reached it.
        try await test.cache.applyFlagChanges(folder: inbox, [
            FlagUpdate(uid: MessageUID(1), flags: [.flagged], keywords: ["$Old", "$Work"]),
            FlagUpdate(uid: MessageUID(2), flags: [.answered]),
        ])
        let first = try #require(try test.cache.message(folder: inbox, uid: MessageUID(1)))
        #expect(first.flags == [.flagged, .seen], "the server's \\Flagged plus the queued \\Seen")
        #expect(first.keywords == ["$Work"])
        #expect(try test.cache.message(folder: inbox, uid: MessageUID(2))?.flags == [.answered])
        // Once the server confirmed the change, its flags are taken as they are.
        for change in try test.cache.pendingChanges() { try await test.cache.completePendingChange(change.id) }
        try await test.cache.applyFlagChanges(folder: inbox, [FlagUpdate(uid: MessageUID(1), flags: [])])
        #expect(try test.cache.message(folder: inbox, uid: MessageUID(1))?.flags == [])
    }

    @Test func aLocalMoveOrDeleteHidesTheMessagesAtOnce() async throws {
        let test = try TestCache()
        defer { test.remove() }
        let (_, inbox, _) = try await test.seed()
        try await test.cache.upsertMessages(folder: inbox, uidValidity: validity, (1...4).map { header($0) })
        try await test.cache.removeLocally(.move, folder: inbox, uids: [MessageUID(1), MessageUID(2)], target: "Archive")
        try await test.cache.removeLocally(.delete, folder: inbox, uids: [MessageUID(3)])
        #expect(try test.cache.messagePage(folder: inbox).map(\.uid) == [MessageUID(4)])
        #expect(try test.cache.counts(folder: inbox)?.total == 1)
        let queued = try test.cache.pendingChanges()
        #expect(queued.map(\.kind) == [.move, .delete])
        #expect(queued[0].payload == "Archive" && queued[0].uids == [MessageUID(1), MessageUID(2)])
    }
}
