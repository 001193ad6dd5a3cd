import BenchmarkSupport
import Foundation
import Logging
import IMAPClient
import MailStore
import MailSync
import TernTestSupport

/// Runs the first sync of a 10,000-message folder a few times (the count is the first
/// argument, default 3), for a profiler (`perf record -g .build/release/SyncProfile`)
/// and for before/after figures: each round prints its wall time, the process's CPU
/// time (all threads), the stage timings (trace log) and its ratio to a bare socket
/// receiving the same FETCH just before (as the benchmark does; the ratio moves less
/// than the times when the machine's speed drifts); the end prints the medians.
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
        var ratios: [Double] = []
        let items = "(UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE BODY.PEEK[HEADER.FIELDS (REFERENCES)] "
            + "BODY.PEEK[1]<0.1024> MODSEQ)"
        for round in 0..<rounds {
            // As the benchmark: a new connection, its cache warmed by one FETCH.
            let bare = try BareSocket(port: server.plainPort)
            _ = try bare.run(tag: "b1", "LOGIN alice secret-alice")
            _ = try bare.run(tag: "b2", "SELECT Big")
            _ = try bare.run(tag: "b3", "UID FETCH 1:* \(items)")
            let bareClock = ContinuousClock()
            let bareStart = bareClock.now
            _ = try bare.run(tag: "f\(round)", "UID FETCH 1:* \(items)")
            let bareTime = seconds(bareClock.now - bareStart)
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
            let wall = seconds(elapsed)
            walls.append(wall)
            cpus.append(cpu)
            ratios.append(wall / bareTime)
            print(String(format: "round %d: %.0f ms wall, %.0f ms CPU, bare socket %.0f ms, %.2fx", round, wall * 1000,
                         cpu * 1000, bareTime * 1000, wall / bareTime))
            try? cache.close()
            try? FileManager.default.removeItem(atPath: (cache.path as NSString).deletingLastPathComponent)
        }
        print(String(format: "median: %.0f ms wall, %.0f ms CPU, %.2fx a bare socket", median(walls) * 1000,
                     median(cpus) * 1000, median(ratios)))
        try await server.stop()
    }

    /// User plus system CPU time of the whole process so far, in seconds.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }
}
