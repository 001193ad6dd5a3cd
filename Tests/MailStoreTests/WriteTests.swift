import Foundation
import GRDB
import Testing
@testable import MailStore

@Suite struct WriteTests {
    @Test func upsertAccountIsIdempotent() async throws {
        let test = try TestCache()
        defer { test.remove() }
        let first = try await test.cache.upsertAccount(name: "work")
        let second = try await test.cache.upsertAccount(name: "work")
        let other = try await test.cache.upsertAccount(name: "home")
        #expect(first == second)
        #expect(first != other)
        #expect(try test.cache.accounts().map(\.name) == ["home", "work"])
    }

    @Test func upsertFoldersInsertsUpdatesAndDeletes() async throws {
        let test = try TestCache()
        defer { test.remove() }
        let account = try await test.cache.upsertAccount(name: "work")
        let list = [
            ListedFolder(name: "INBOX"), ListedFolder(name: "Archive"),
            ListedFolder(name: "Old", attributes: ["\\Noselect"]), ListedFolder(name: "Junk Mail", attributes: ["\\Junk"]),
        ]
        let first = try await test.cache.upsertFolders(account: account, list)
        #expect(first.added.count == 4)
        let replay = try await test.cache.upsertFolders(account: account, list)
        #expect(replay.isEmpty)

        let old = try #require(try test.cache.folder(account: account, name: "Old"))
        #expect(!old.selectable)
        let inbox = try #require(try test.cache.folder(account: account, name: "INBOX"))
        try await test.cache.upsertMessages(folder: old.id, uidValidity: validity, [header(1), header(2)])

        // Old disappears from the server, Archive is unsubscribed.
        let second = try await test.cache.upsertFolders(account: account, [
            ListedFolder(name: "INBOX"), ListedFolder(name: "Archive", subscribed: false),
            ListedFolder(name: "Junk Mail", attributes: ["\\Junk"]),
        ])
        #expect(second.removed == ["Old"])
        #expect(second.updated.count == 1)
        let folders = try test.cache.folders(account: account)
        #expect(folders.map(\.name) == ["INBOX", "Archive", "Junk Mail"])
        #expect(folders.map(\.role) == [.inbox, .archive, .junk])
        #expect(folders.first?.id == inbox.id)
        #expect(folders[1].subscribed == false)
        let orphans = try await test.cache.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message") }
        #expect(orphans == 0)
    }

    @Test func upsertMessagesReplayChangesNothing() async throws {
        let test = try TestCache()
        defer { test.remove() }
        let (_, inbox, _) = try await test.seed()
        let batch = (1...50).map { header(Int64($0), seen: $0 % 3 == 0) }
        let inserted = try await test.cache.upsertMessages(folder: inbox, uidValidity: validity, batch)
        #expect(inserted == 50)
        let before = try test.cache.messagePage(folder: inbox, limit: 100)
        let replayed = try await test.cache.upsertMessages(folder: inbox, uidValidity: validity, batch)
        #expect(replayed == 0)
        let after = try test.cache.messagePage(folder: inbox, limit: 100)
        #expect(before == after)
        #expect(try test.cache.counts(folder: inbox) == MailCounts(total: 50, unread: 34))
        #expect(try test.cache.folder(inbox)?.uidValidity == validity)
    }

    @Test func upsertUpdatesMutableStateOfKnownMessages() async throws {
        let test = try TestCache()
        defer { test.remove() }
        let (_, inbox, _) = try await test.seed()
        try await test.cache.upsertMessages(folder: inbox, uidValidity: validity, [header(1)])
        var changed = header(1, seen: true)
        changed.keywords = ["$Work"]
        changed.modSeq = ModSeq(42)
        try await test.cache.upsertMessages(folder: inbox, uidValidity: validity, [changed])
        let message = try #require(try test.cache.message(folder: inbox, uid: MessageUID(1)))
        #expect(message.flags == [.seen])
        #expect(message.keywords == ["$Work"])
        #expect(message.modSeq == ModSeq(42))
        #expect(message.from == [CachedAddress(name: "Alice", email: "alice@example.com")])
        #expect(message.fromDisplay == "Alice")
    }

    @Test func batchFromAnotherUIDValidityIsRefused() async throws {
        let test = try TestCache()
        defer { test.remove() }
        let (_, inbox, _) = try await test.seed()
        try await test.cache.upsertMessages(folder: inbox, uidValidity: validity, [header(1)])
        await #expect(throws: MailCacheError.uidValidityMismatch(folder: inbox, stored: validity, batch: UIDValidity(8))) {
            try await test.cache.upsertMessages(folder: inbox, uidValidity: UIDValidity(8), [header(2)])
        }
        #expect(try test.cache.uids(folder: inbox) == [MessageUID(1)])
    }

    @Test func flagChangesApplyOnceAndIgnoreUnknownUIDs() async throws {
        let test = try TestCache()
        defer { test.remove() }
        let (_, inbox, _) = try await test.seed()
        try await test.cache.upsertMessages(folder: inbox, uidValidity: validity, (1...5).map { header($0) })
        let updates = [
            FlagUpdate(uid: MessageUID(1), flags: [.seen, .flagged], modSeq: ModSeq(10)),
            FlagUpdate(uid: MessageUID(2), flags: [.seen], keywords: ["$Junk"]),
            FlagUpdate(uid: MessageUID(99), flags: [.seen]),
        ]
        #expect(try await test.cache.applyFlagChanges(folder: inbox, updates) == 2)
        #expect(try await test.cache.applyFlagChanges(folder: inbox, updates) == 0)
        #expect(try test.cache.counts(folder: inbox) == MailCounts(total: 5, unread: 3))
        let first = try #require(try test.cache.message(folder: inbox, uid: MessageUID(1)))
        #expect(first.flags == [.seen, .flagged])
        #expect(first.modSeq == ModSeq(10))
        #expect(try test.cache.message(folder: inbox, uid: MessageUID(2))?.keywords == ["$Junk"])
    }

    @Test func expungesRemoveMessagesAndBodiesIdempotently() async throws {
        let test = try TestCache()
        defer { test.remove() }
        let (_, inbox, _) = try await test.seed()
        try await test.cache.upsertMessages(folder: inbox, uidValidity: validity, (1...10).map { header($0, seen: $0 <= 4) })
        let message = try #require(try test.cache.message(folder: inbox, uid: MessageUID(5)))
        try await test.cache.storeBody(message: message.id, bytes: Data("Subject: x\r\n\r\nhello".utf8), text: "hello")
        let gone = [MessageUID(2), MessageUID(5), MessageUID(77)]
        #expect(try await test.cache.applyExpunges(folder: inbox, uids: gone) == 2)
        #expect(try await test.cache.applyExpunges(folder: inbox, uids: gone) == 0)
        #expect(try test.cache.counts(folder: inbox) == MailCounts(total: 8, unread: 5))
        #expect(try test.cache.messageDetail(message.id) == nil)
        #expect(try test.cache.cachedBodyBytes() == 0)
        #expect(try await test.cache.retainOnly(folder: inbox, uids: [MessageUID(1), MessageUID(3), MessageUID(9)]) == 5)
        #expect(try test.cache.uids(folder: inbox) == [MessageUID(1), MessageUID(3), MessageUID(9)])
    }

    @Test func uidValidityResetDropsMessagesOnce() async throws {
        let test = try TestCache()
        defer { test.remove() }
        let (_, inbox, sent) = try await test.seed()
        try await test.cache.upsertMessages(folder: inbox, uidValidity: validity, (1...10).map { header($0) })
        try await test.cache.upsertMessages(folder: sent, uidValidity: validity, [header(1)])
        try await test.cache.updateFolderSyncState(inbox, uidNext: MessageUID(11), highestModSeq: ModSeq(100), fullSyncAt: Date())
        let first = try #require(try test.cache.message(folder: inbox, uid: MessageUID(1)))
        try await test.cache.storeBody(message: first.id, bytes: Data(repeating: 65, count: 100), text: nil)
        try await test.cache.setFlagsLocally(folder: inbox, uids: [MessageUID(1)], change: .init(add: [.seen]))

        #expect(try await test.cache.resetFolder(inbox, newUIDValidity: UIDValidity(8)))
        let folder = try #require(try test.cache.folder(inbox))
        #expect(folder.uidValidity == UIDValidity(8))
        #expect(folder.uidNext == nil && folder.highestModSeq == nil && folder.lastFullSync == nil)
        #expect(folder.totalCount == 0 && folder.unreadCount == 0)
        #expect(try test.cache.messagePage(folder: inbox).isEmpty)
        #expect(try test.cache.cachedBodyBytes() == 0)
        #expect(try test.cache.pendingChangeCount() == 0)
        #expect(try test.cache.messagePage(folder: sent).count == 1)

        // New messages under the new UIDVALIDITY; a replayed reset changes nothing.
        try await test.cache.upsertMessages(folder: inbox, uidValidity: UIDValidity(8), [header(1)])
        #expect(try await test.cache.resetFolder(inbox, newUIDValidity: UIDValidity(8)) == false)
        #expect(try test.cache.messagePage(folder: inbox).count == 1)
    }

    @Test func syncStateUpdatesKeepUnsetValues() async throws {
        let test = try TestCache()
        defer { test.remove() }
        let (_, inbox, _) = try await test.seed()
        try await test.cache.updateFolderSyncState(inbox, uidValidity: validity, uidNext: MessageUID(5), highestModSeq: ModSeq(9))
        try await test.cache.updateFolderSyncState(inbox, uidNext: MessageUID(6))
        let folder = try #require(try test.cache.folder(inbox))
        #expect(folder.uidValidity == validity)
        #expect(folder.uidNext == MessageUID(6))
        #expect(folder.highestModSeq == ModSeq(9))
        await #expect(throws: MailCacheError.unknownFolder(FolderID(999))) {
            try await test.cache.updateFolderSyncState(FolderID(999), uidNext: MessageUID(1))
        }
    }

    @Test func bodiesAreEvictedLeastRecentlyUsedFirst() async throws {
        let test = try TestCache(bodyBudget: 250)
        defer { test.remove() }
        let (_, inbox, _) = try await test.seed()
        try await test.cache.upsertMessages(folder: inbox, uidValidity: validity, (1...4).map { header($0) })
        let ids = try (1...4).map { try #require(try test.cache.message(folder: inbox, uid: MessageUID($0))).id }
        let base = Date(timeIntervalSince1970: 1_800_000_000)
        for (offset, id) in ids.prefix(2).enumerated() {
            try await test.cache.storeBody(message: id, bytes: Data(repeating: 1, count: 100), text: nil,
                                           now: base.addingTimeInterval(Double(offset)))
        }
        try await test.cache.touchBody(message: ids[0], now: base.addingTimeInterval(10))
        try await test.cache.storeBody(message: ids[2], bytes: Data(repeating: 2, count: 100), text: nil,
                                       parts: [MessagePartRecord(messageRowID: ids[2], section: "1", mimeType: "text/plain", size: 100, isAttachment: false)],
                                       now: base.addingTimeInterval(20))
        #expect(try test.cache.cachedBodyBytes() == 200)
        #expect(try test.cache.messageDetail(ids[1])?.body == nil, "least recently used is evicted")
        #expect(try test.cache.messageDetail(ids[0])?.body != nil)
        let detail = try #require(try test.cache.messageDetail(ids[2]))
        #expect(detail.parts.map(\.mimeType) == ["text/plain"])
    }

    @Test func snippetsLeftForLaterAreMadeAndTheirSourcesDropped() async throws {
        let test = try TestCache()
        defer { test.remove() }
        let (_, inbox, _) = try await test.seed()
        var first = header(1)
        first.snippetSource = Array("Content-Type: text/plain\r\n\r\nHello there".utf8)
        var second = header(2)
        second.snippetSource = Array("Content-Type: text/plain\r\n\r\nSecond one".utf8)
        try await test.cache.upsertMessages(folder: inbox, uidValidity: validity, [first, second, header(3)])
        #expect(try test.cache.pendingSnippetCount() == 2)
        _ = try await test.cache.indexPending()
        let made = try await test.cache.fillSnippets(limit: 10) { sources in
            sources.map { String(decoding: $0, as: UTF8.self).components(separatedBy: "\r\n\r\n").last ?? "" }
        }
        #expect(made == 2)
        #expect(try test.cache.pendingSnippetCount() == 0)
        #expect(try test.cache.message(folder: inbox, uid: MessageUID(1))?.snippet == "Hello there")
        #expect(try test.cache.message(folder: inbox, uid: MessageUID(2))?.needsIndex == true, "indexed again with its snippet")
        #expect(try await test.cache.fillSnippets(limit: 10) { _ in [] } == 0)
        // A removed message takes its pending source with it.
        var fourth = header(4)
        fourth.snippetSource = Array("x".utf8)
        try await test.cache.upsertMessages(folder: inbox, uidValidity: validity, [fourth])
        try await test.cache.applyExpunges(folder: inbox, uids: [MessageUID(4)])
        #expect(try test.cache.pendingSnippetCount() == 0)
    }
}
