import Foundation
import MailStore
import MailSync
import MailUI
import TerminalKit

/// The interactive client with 100,000 messages in a folder: start to the
/// first full frame, key press to frame while scrolling (p50/p99/max), and
/// resident memory. The UI runs as in `tern` (MailApp, its thread, cache
/// observations, the reducer and renderer, the row diff) on an in-memory
/// terminal, so the figures leave out only the terminal's own drawing.
///
/// Run: `swift run -c release --package-path Benchmarks UIBenchmark`
@main
struct UIBenchmark {
    static let messageCount = 100_000

    static func main() async throws {
        let path = try await makeCache()
        let results = ScriptedTerminal.Results()
        var keys: [KeyEvent] = [.tab]
        keys += Array(repeating: .down, count: 2_000)
        keys += Array(repeating: .pageDown, count: 200)
        keys += Array(repeating: .up, count: 500)
        keys.append(.character("q"))
        let script = keys

        let clock = ContinuousClock()
        let start = clock.now
        let cache = try MailCache.open(path: path).cache
        let services = UIServices(
            cache: cache, events: AsyncStream { $0.finish() }, perform: { _ in }, fetchBody: { _ in },
            poolStatus: { (PoolSnapshot(accounts: []), []) })
        guard let app = MailApp(accounts: ["bench"], services: services, context: RenderContext()) else {
            throw BenchmarkError("no wake-up pipe")
        }
        await app.run {
            ScriptedTerminal(width: 160, height: 50, keys: script, results: results) { grid in
                grid.lines.count > 2 && grid.lines[2].contains("number")
            }
        }
        let figures = results.figures.withLock { $0 }
        try cache.close()
        try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)

        guard let first = figures.firstFullFrame else { throw BenchmarkError("no full frame was drawn") }
        let latencies = figures.keyToFrame.sorted()
        func percentile(_ p: Double) -> Duration {
            latencies.isEmpty ? .zero : latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]
        }
        print("UI with \(messageCount) cached messages in one folder (160×50 in-memory terminal):")
        print("  start to first full frame: \(ms(first - start)) (target < 200 ms)")
        print("  key to frame over \(latencies.count) keys: p50 \(ms(percentile(0.5))), p99 \(ms(percentile(0.99))), max \(ms(latencies.last ?? .zero)) (target p99 < 16 ms)")
        print("  frames \(figures.frames), rows redrawn per frame \(figures.changedRows / max(1, figures.frames))")
        print("  resident memory: \(residentMegabytes()) MB (target < 100 MB)")
    }

    /// A cache file with `messageCount` headers in INBOX; returns its path.
    static func makeCache() async throws -> String {
        let cache = try MailCache.openTemporary()
        let account = try await cache.upsertAccount(name: "bench")
        _ = try await cache.upsertFolders(account: account, ["INBOX", "Archive", "Sent", "Trash"].map { ListedFolder(name: $0) })
        guard let inbox = try cache.folder(account: account, name: "INBOX")?.id else { throw BenchmarkError("no INBOX") }
        let words = ["invoice", "meeting", "lunch", "report", "holiday", "budget", "release", "party"]
        for batchStart in stride(from: 1, through: messageCount, by: 1_000) {
            let batch = (batchStart..<batchStart + 1_000).map { uid in
                FetchedHeader(
                    uid: MessageUID(rawValue: Int64(uid)),
                    date: Date(timeIntervalSince1970: 1_700_000_000 + Double(uid) * 600),
                    messageID: "ui-bench-\(uid)@example.com", inReplyTo: nil,
                    from: [CachedAddress(name: "Sender \(uid % 500)", email: "sender\(uid % 500)@example.com")],
                    to: [CachedAddress(email: "me@example.com")],
                    subject: "\(words[uid % words.count]) number \(uid)", flags: uid % 7 != 0 ? [.seen] : [],
                    size: 1_000, snippet: "")
            }
            _ = try await cache.upsertMessages(folder: inbox, uidValidity: UIDValidity(1), batch)
        }
        let path = cache.path
        try cache.close()
        return path
    }

    static func ms(_ duration: Duration) -> String {
        let value = Double(duration.components.seconds) * 1_000 + Double(duration.components.attoseconds) / 1e15
        return String(format: "%.2f ms", value)
    }

    /// VmRSS from /proc/self/status, in MB.
    static func residentMegabytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "") else { return -1 }
        return kilobytes / 1024
    }
}

struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
