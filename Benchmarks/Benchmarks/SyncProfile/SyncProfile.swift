import Foundation
import Logging
import IMAPClient
import MailStore
import MailSync
import TernTestSupport

/// Runs the first sync of a 10,000-message folder a few times (the count is the first
/// argument, default 3), for a profiler (`perf record -g .build/release/SyncProfile`)
/// and for before/after figures: each round prints its wall time, the process's CPU
/// time (all threads) and the stage timings (trace log); the end prints the median.
@main
struct SyncProfile {
    static func main() async throws {
        let rounds = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 3
        try await profile(rounds: max(1, rounds))
    }

    nonisolated static func profile(rounds: Int) async throws {
        let server = try await DovecotServer.start(DovecotServer.Options(userCount: 1))
        try await server.seed(user: "alice", mailbox: "Big", messages: MessageFactory(seed: 42).messages(0..<10_000))
        let configuration = ConnectionConfiguration(host: server.host, port: server.plainPort, security: .plain)
        var walls: [Double] = []
        var cpus: [Double] = []
        for round in 0..<rounds {
            let cache = try MailCache.openTemporary()
            let account = try await cache.upsertAccount(name: "alice")
            try await cache.upsertFolders(account: account, [ListedFolder(name: "Big")])
            guard let folder = try cache.folder(account: account, name: "Big") else { return }
            let clock = ContinuousClock()
            let (elapsed, cpu) = try await IMAPConnection.withConnection(configuration) { imap in
                try await imap.login(username: "alice", password: "secret-alice")
                _ = try await imap.enable([.qresync])
                var logger = Logger(label: "profile")
                logger.logLevel = .trace
                let cpuStart = processCPUSeconds()
                let start = clock.now
                let result = try await FolderSyncer(cache: cache, account: "alice", logger: logger)
                    .sync(folder: folder, connection: imap)
                let measured = (clock.now - start, processCPUSeconds() - cpuStart)
                let cached = try cache.counts(folder: folder.id)?.total ?? 0
                if result.added != 10_000 || cached != 10_000 { print("synced \(result.added), cached \(cached)") }
                return measured
            }
            let wall = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            walls.append(wall)
            cpus.append(cpu)
            print(String(format: "round %d: %.0f ms wall, %.0f ms CPU", round, wall * 1000, cpu * 1000))
            try? cache.close()
            try? FileManager.default.removeItem(atPath: (cache.path as NSString).deletingLastPathComponent)
        }
        print(String(format: "median: %.0f ms wall, %.0f ms CPU", median(walls) * 1000, median(cpus) * 1000))
        try await server.stop()
    }

    /// User plus system CPU time of the whole process so far, in seconds.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }
}
