import Foundation
import GRDB
import Testing
@testable import MailStore

@Suite struct CountsTests {
    /// Recounts from the message table, to compare with the maintained counts.
    private func recount(_ cache: MailCache, _ folder: FolderID) async throws -> MailCounts {
        try await cache.pool.read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT COUNT(*) AS total, COALESCE(SUM((flags & 1) = 0), 0) AS unread FROM message WHERE folderID = ?
                """, arguments: [folder])
            return MailCounts(total: row?["total"] ?? -1, unread: row?["unread"] ?? -1)
        }
    }

    @Test func countsStayExactAfterMixedOperations() async throws {
        let test = try TestCache()
        defer { test.remove() }
        let (account, inbox, sent) = try await test.seed()
        let cache = test.cache
        try await cache.upsertMessages(folder: inbox, uidValidity: validity, (1...200).map { header($0, seen: $0 % 2 == 0) })
        try await cache.upsertMessages(folder: sent, uidValidity: validity, (1...30).map { header($0, seen: true) })
        // Replays, flag flips both ways, a flag change that keeps \Seen, expunges of read and unread.
        try await cache.upsertMessages(folder: inbox, uidValidity: validity, (150...220).map { header($0, seen: $0 % 5 == 0) })
        try await cache.applyFlagChanges(folder: inbox, (1...40).map { FlagUpdate(uid: MessageUID($0), flags: $0 % 3 == 0 ? [.seen] : []) })
        try await cache.applyFlagChanges(folder: inbox, [FlagUpdate(uid: MessageUID(2), flags: [.flagged])])
        try await cache.applyExpunges(folder: inbox, uids: (10...25).map { MessageUID($0) })
        try await cache.setFlagsLocally(folder: inbox, uids: (100...120).map { MessageUID($0) }, change: .init(add: [.seen]))
        try await cache.setFlagsLocally(folder: sent, uids: [MessageUID(1)], change: .init(remove: [.seen]))
        try await cache.retainOnly(folder: sent, uids: Set((1...20).map { MessageUID($0) }))

        for folder in [inbox, sent] {
            #expect(try cache.counts(folder: folder) == (try await recount(cache, folder)))
        }
        let inboxCounts = try #require(try cache.counts(folder: inbox))
        let sentCounts = try #require(try cache.counts(folder: sent))
        #expect(sentCounts == MailCounts(total: 20, unread: 1))
        #expect(try cache.counts(account: account) == MailCounts(
            total: inboxCounts.total + sentCounts.total, unread: inboxCounts.unread + sentCounts.unread))
        let perFolder = try cache.folderCounts(account: account)
        #expect(perFolder[inbox] == inboxCounts)
        #expect(perFolder[sent] == sentCounts)

        try await cache.resetFolder(inbox, newUIDValidity: UIDValidity(99))
        #expect(try cache.counts(folder: inbox) == MailCounts(total: 0, unread: 0))
        #expect(try await recount(cache, inbox) == MailCounts(total: 0, unread: 0))
    }
}
