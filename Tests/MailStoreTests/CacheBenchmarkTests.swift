import Foundation
import Testing
@testable import MailStore

/// Rough figures for the cache, printed, not asserted (speed is measured by
/// benchmarks, not timed tests). Runs only with `TERN_STORE_BENCH=1`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["TERN_STORE_BENCH"] == "1"))
struct CacheBenchmarkTests {
    private func seconds(_ start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    @Test func hundredThousandMessages() async throws {
        let test = try TestCache()
        defer { test.remove() }
        let cache = test.cache
        let account = try await cache.upsertAccount(name: "bench")
        try await cache.upsertFolders(account: account, (0..<50).map { ListedFolder(name: $0 == 0 ? "INBOX" : "Folder \($0)") })
        let inbox = try #require(try cache.folder(account: account, name: "INBOX")).id
        let count = 100_000
        let words = ["invoice", "meeting", "lunch", "report", "holiday", "budget", "release", "party"]

        var start = ContinuousClock.now
        for batchStart in stride(from: 1, through: count, by: 1_000) {
            var batch: [FetchedHeader] = []
            for uid in batchStart..<batchStart + 1_000 {
                let word: String = words[uid % words.count]
                let topic: String = words[(uid / 3) % words.count]
                let parent: String? = uid % 3 == 0 ? "bench-\(uid - 1)@example.com" : nil
                batch.append(header(
                    Int64(uid), day: Double(uid) / 100, seen: uid % 7 != 0, subject: "\(word) number \(uid)",
                    messageID: "bench-\(uid)@example.com", inReplyTo: parent, from: "sender\(uid % 500)@example.com",
                    snippet: "A snippet of text for message \(uid) about the \(topic)."))
            }
            try await cache.upsertMessages(folder: inbox, uidValidity: validity, batch)
        }
        let insert = seconds(start)
        print("[bench] insert \(count) headers in batches of 1000: \(String(format: "%.2f", insert)) s, \(Int(Double(count) / insert)) msg/s")

        start = ContinuousClock.now
        while try await cache.indexPending(limit: 5_000) > 0 {}
        let index = seconds(start)
        print("[bench] FTS indexPending for \(count): \(String(format: "%.2f", index)) s")

        start = ContinuousClock.now
        let page = try cache.messagePage(folder: inbox, limit: 100)
        print("[bench] first page (100 rows) of \(count): \(String(format: "%.2f", seconds(start) * 1000)) ms")
        start = ContinuousClock.now
        _ = try cache.messagePage(folder: inbox, after: page.last?.cursor, limit: 100)
        print("[bench] second page: \(String(format: "%.2f", seconds(start) * 1000)) ms")
        start = ContinuousClock.now
        _ = try cache.folderCounts(account: account)
        print("[bench] counts for 50 folders: \(String(format: "%.3f", seconds(start) * 1000)) ms")
        start = ContinuousClock.now
        let hits = try cache.search("invoice", limit: 100)
        print("[bench] FTS 'invoice' (\(hits.count) of ~12500, newest first): \(String(format: "%.2f", seconds(start) * 1000)) ms")
        start = ContinuousClock.now
        _ = try cache.search("sender42 holiday", limit: 100)
        print("[bench] FTS 'sender42 holiday': \(String(format: "%.2f", seconds(start) * 1000)) ms")
        start = ContinuousClock.now
        _ = try cache.threadPage(folder: inbox, limit: 100)
        print("[bench] thread page (100 threads): \(String(format: "%.2f", seconds(start) * 1000)) ms")
        start = ContinuousClock.now
        _ = try cache.nextUnread(folder: inbox, from: page.last?.cursor)
        print("[bench] next unread: \(String(format: "%.3f", seconds(start) * 1000)) ms")
        try cache.close()
        let size = (try FileManager.default.attributesOfItem(atPath: cache.path)[.size] as? Int) ?? 0
        print("[bench] file size: \(size / 1_048_576) MiB, \(size / count) bytes/message")
        #expect(page.count == 100)
    }
}
