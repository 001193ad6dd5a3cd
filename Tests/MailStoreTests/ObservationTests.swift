import Foundation
import Testing
@testable import MailStore

@Suite struct ObservationTests {
    @Test func folderPageObservationDeliversChanges() async throws {
        let test = try TestCache()
        defer { test.remove() }
        let (_, inbox, _) = try await test.seed()
        try await test.cache.upsertMessages(folder: inbox, uidValidity: validity, [header(1)])
        var iterator = test.cache.observeMessagePage(folder: inbox, limit: 10).makeAsyncIterator()
        let initial = try #require(try await iterator.next())
        #expect(initial.map(\.uid) == [MessageUID(1)])

        try await test.cache.upsertMessages(folder: inbox, uidValidity: validity, [header(2)])
        let afterInsert = try #require(try await iterator.next())
        #expect(afterInsert.map(\.uid) == [MessageUID(2), MessageUID(1)], "no duplicate of the first value in between")

        try await test.cache.applyFlagChanges(folder: inbox, [FlagUpdate(uid: MessageUID(1), flags: [.seen])])
        let afterFlags = try #require(try await iterator.next())
        #expect(afterFlags.last?.flags == [.seen])
    }

    @Test func folderListObservationCarriesCounts() async throws {
        let test = try TestCache()
        defer { test.remove() }
        let (account, inbox, _) = try await test.seed()
        var iterator = test.cache.observeFolders(account: account).makeAsyncIterator()
        let initial = try #require(try await iterator.next())
        #expect(initial.folders.map(\.name) == ["INBOX", "Sent"])
        #expect(initial.accountCounts == MailCounts(total: 0, unread: 0))

        try await test.cache.upsertMessages(folder: inbox, uidValidity: validity, [header(1), header(2, seen: true)])
        let updated = try #require(try await iterator.next())
        #expect(updated.accountCounts == MailCounts(total: 2, unread: 1))
        #expect(updated.folders.first?.unreadCount == 1)
    }

    @Test func callbackObservationStopsWhenCancelled() async throws {
        let test = try TestCache()
        defer { test.remove() }
        let (_, inbox, _) = try await test.seed()
        let (stream, continuation) = AsyncStream.makeStream(of: Int.self, bufferingPolicy: .unbounded)
        let token = test.cache.startObservingMessagePage(folder: inbox, onError: { _ in }, onChange: { continuation.yield($0.count) })
        var iterator = stream.makeAsyncIterator()
        #expect(await iterator.next() == 0)
        try await test.cache.upsertMessages(folder: inbox, uidValidity: validity, [header(1)])
        #expect(await iterator.next() == 1)
        token.cancel()
        continuation.finish()
    }

    @Test func anObservationStartsAgainAfterAFailedRead() async throws {
        let test = try TestCache()
        defer { test.remove() }
        let (_, inbox, _) = try await test.seed()
        try await test.cache.upsertMessages(folder: inbox, uidValidity: validity, [header(1)])
        var iterator = test.cache.observeMessagePage(folder: inbox, limit: 10).makeAsyncIterator()
        #expect(try await iterator.next()?.map(\.uid) == [MessageUID(1)])
        // Reads of the page fail while the table is away …
        try await test.cache.pool.write { db in
            try db.execute(sql: "ALTER TABLE message RENAME TO message_away")
            try db.execute(sql: "CREATE TABLE message (broken INTEGER)")
        }
        try await test.cache.pool.write { db in try db.execute(sql: "INSERT INTO message (broken) VALUES (1)") }
        try await Task.sleep(for: .milliseconds(300))
        // … and the observation comes back once it is readable again.
        try await test.cache.pool.write { db in
            try db.execute(sql: "DROP TABLE message")
            try db.execute(sql: "ALTER TABLE message_away RENAME TO message")
        }
        try await test.cache.upsertMessages(folder: inbox, uidValidity: validity, [header(2)])
        var latest: [MessageUID] = []
        while latest != [MessageUID(2), MessageUID(1)] {
            guard let page = try await iterator.next() else { Issue.record("the stream ended"); return }
            latest = page.map(\.uid)
        }
    }
}
