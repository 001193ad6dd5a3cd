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
}
