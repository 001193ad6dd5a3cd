import Foundation
import Testing
@testable import MailStore

@Suite struct SearchTests {
    private func drain(_ cache: MailCache) async throws {
        while try await cache.indexPending(limit: 50) > 0 {}
    }

    @Test func findsSubjectAddressesSnippetAndBodyAfterIndexing() async throws {
        let test = try TestCache()
        defer { test.remove() }
        let (account, inbox, sent) = try await test.seed()
        try await test.cache.upsertMessages(folder: inbox, uidValidity: validity, [
            header(1, subject: "Quarterly invoice", snippet: "please pay"),
            header(2, subject: "Lunch?", from: "bob@lunch.example", snippet: "Café at noon"),
            header(3, subject: "Holiday photos"),
        ])
        try await test.cache.upsertMessages(folder: sent, uidValidity: validity, [header(1, day: 10, subject: "Re: invoice")])
        #expect(try test.cache.search("invoice").isEmpty, "not indexed yet")
        #expect(try test.cache.pendingIndexCount() == 4)
        try await drain(test.cache)
        #expect(try test.cache.pendingIndexCount() == 0)

        #expect(try test.cache.search("invoice").map(\.subject) == ["Re: invoice", "Quarterly invoice"])
        #expect(try test.cache.search("invoice", folder: inbox).map(\.uid) == [MessageUID(1)])
        #expect(try test.cache.search("inv", account: account).count == 2, "prefix match")
        #expect(try test.cache.search("bob").map(\.uid) == [MessageUID(2)], "address")
        #expect(try test.cache.search("Alice").count == 4, "display name")
        #expect(try test.cache.search("cafe").map(\.uid) == [MessageUID(2)], "snippet, diacritics folded")
        #expect(try test.cache.search("pay invoice").map(\.uid) == [MessageUID(1)], "all words")
        #expect(try test.cache.search("\"unbalanced OR ( NEAR").isEmpty, "FTS syntax is text")
        #expect(try test.cache.search("   ").isEmpty)

        // A cached body becomes searchable after re-indexing.
        let photos = try #require(try test.cache.message(folder: inbox, uid: MessageUID(3)))
        try await test.cache.storeBody(message: photos.id, bytes: Data("x".utf8), text: "the lighthouse at dawn")
        try await drain(test.cache)
        #expect(try test.cache.search("lighthouse").map(\.id) == [photos.id])
    }

    @Test func deletedMessagesLeaveNoHitsAndArePurged() async throws {
        let test = try TestCache()
        defer { test.remove() }
        let (_, inbox, _) = try await test.seed()
        try await test.cache.upsertMessages(folder: inbox, uidValidity: validity, (1...30).map { header($0, subject: "report \($0)") })
        try await drain(test.cache)
        #expect(try test.cache.search("report").count == 30)
        try await test.cache.applyExpunges(folder: inbox, uids: (1...10).map { MessageUID($0) })
        #expect(try test.cache.search("report").count == 20, "no hit for a deleted message even before the purge")
        try await drain(test.cache)
        let rows = try await test.cache.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM messageSearch") }
        #expect(rows == 20)
        try await test.cache.resetFolder(inbox, newUIDValidity: UIDValidity(100))
        try await drain(test.cache)
        #expect(try test.cache.search("report").isEmpty)
    }

    @Test func bulkInsertThenBatchedIndexing() async throws {
        let test = try TestCache()
        defer { test.remove() }
        let (_, inbox, _) = try await test.seed()
        let words = ["alpha", "bravo", "charlie", "delta", "echo"]
        for start in stride(from: 1, through: 5_000, by: 500) {
            try await test.cache.upsertMessages(folder: inbox, uidValidity: validity, (start..<start + 500).map {
                header(Int64($0), subject: "\(words[$0 % 5]) status \($0)")
            })
        }
        #expect(try test.cache.pendingIndexCount() == 5_000)
        var batches = 0
        while try await test.cache.indexPending(limit: 1_000) > 0 { batches += 1 }
        #expect(batches == 5)
        #expect(try test.cache.search("charlie", limit: 10_000).count == 1_000)
        #expect(try test.cache.search("charlie", limit: 3).map(\.uid) == [MessageUID(4_997), MessageUID(4_992), MessageUID(4_987)])
    }
}
