import Benchmark
import BenchmarkSupport
import Foundation
import IMAPClient
import IMAPCodec
import MailStore
import MailSync
import TernTestSupport

/// The sync engine on a local Dovecot:
/// - the first sync of a 10,000-message folder (headers fetched, parsed and
///   committed) against a bare socket receiving the same FETCH reply
///   (target: at most 2×);
/// - a no-change sync of 10 accounts × 5 folders, sequential with a new
///   connection per folder against parallel on the warm pool (target: the
///   pooled one at least 5× faster), and the pool's reuse ratio in steady
///   state (target: at least 95%).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .peakMemoryResident],
        maxDuration: .seconds(60),
        maxIterations: 5
    )

    Benchmark(
        "First sync of a 10k-message folder vs bare socket",
        configuration: .init(
            metrics: [.wallClock, .peakMemoryResident,
                      .custom("messages/s", polarity: .prefersLarger, useScalingFactor: false),
                      .custom("sync/bare x100", polarity: .prefersSmaller, useScalingFactor: false),
                      .custom("bare ms", useScalingFactor: false), .custom("sync ms", useScalingFactor: false)],
            // Ten rounds: on a small shared machine one round's ratio can be 30% off.
            maxDuration: .seconds(120), maxIterations: 10)
    ) { benchmark in
        let server = try await SyncFixture.shared.prepare()
        // Bare socket: the sync's own FETCH, bytes received and dropped.
        let items = "(UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE BODY.PEEK[HEADER.FIELDS (REFERENCES)] BODY.PEEK[1]<0.1024> MODSEQ)"
        let bare = try BareSocket(port: server.plainPort)
        try bare.run(tag: "b1", "LOGIN judy secret-judy")
        try bare.run(tag: "b2", "SELECT Big")
        try bare.run(tag: "b0", "UID FETCH 1:* \(items)")  // warm Dovecot's cache
        let clock = ContinuousClock()
        let bareStart = clock.now
        try bare.run(tag: "b3", "UID FETCH 1:* \(items)")
        let bareTime = clock.now - bareStart

        let cache = try MailCache.openTemporary()
        defer { try? FileManager.default.removeItem(atPath: cache.path) }
        let account = try await cache.upsertAccount(name: "judy")
        try await cache.upsertFolders(account: account, [ListedFolder(name: "Big")])
        guard let folder = try cache.folder(account: account, name: "Big") else { throw BareSocket.Failure.failed("no folder Big") }
        let syncer = FolderSyncer(cache: cache, account: "judy")
        let (result, syncTime) = try await SyncFixture.withSession(server, "judy") { imap in
            benchmark.startMeasurement()
            let start = clock.now
            let result = try await syncer.sync(folder: folder, connection: imap)
            let elapsed = clock.now - start
            benchmark.stopMeasurement()
            return (result, elapsed)
        }
        precondition(result.added == SyncFixture.bigCount, "synced \(result.added)")
        benchmark.measurement(.custom("messages/s", polarity: .prefersLarger, useScalingFactor: false),
                              Int(Double(result.added) / (milliseconds(syncTime) / 1000)))
        benchmark.measurement(.custom("bare ms", useScalingFactor: false), Int(milliseconds(bareTime)))
        benchmark.measurement(.custom("sync ms", useScalingFactor: false), Int(milliseconds(syncTime)))
        benchmark.measurement(.custom("sync/bare x100", polarity: .prefersSmaller, useScalingFactor: false),
                              Int(100 * milliseconds(syncTime) / milliseconds(bareTime)))
    }

    Benchmark(
        "No-change sync of 10 accounts x 5 folders: sequential new connections vs pooled parallel",
        configuration: .init(
            metrics: [.wallClock,
                      .custom("sequential ms", useScalingFactor: false), .custom("pooled ms", useScalingFactor: false),
                      .custom("speed-up x100", polarity: .prefersLarger, useScalingFactor: false),
                      .custom("reuse % x100", polarity: .prefersLarger, useScalingFactor: false)],
            maxDuration: .seconds(120), maxIterations: 5)
    ) { benchmark in
        let server = try await SyncFixture.shared.prepare()
        let users = server.users.map(\.name)
        let cache = try MailCache.openTemporary()
        defer { try? FileManager.default.removeItem(atPath: cache.path) }
        let engine = SyncEngine(accounts: users.map { SyncFixture.endpoint(server, $0) }, cache: cache)
        let clock = ContinuousClock()
        let (sequential, pooled, reuse) = await withTaskGroup(of: Void.self) { group in
            group.addTask { await engine.run() }
            defer { group.cancelAll() }
            // Warm up: the first sync fills the cache and the pool.
            _ = await engine.syncAll()
            _ = await engine.syncAll()

            // Sequential: one account after another, a new connection per folder.
            let sequentialStart = clock.now
            for user in users {
                guard let account = try? cache.account(named: user) else { continue }
                let syncer = FolderSyncer(cache: cache, account: user)
                for name in SyncFixture.folders {
                    guard let folder = try? cache.folder(account: account.id, name: name) else { continue }
                    _ = try? await SyncFixture.withSession(server, user) { imap in
                        try await syncer.sync(folder: folder, connection: imap)
                    }
                }
            }
            let sequential = clock.now - sequentialStart

            // Pooled: every account at once on the warm pool.
            let before = await engine.pool.snapshot()
            benchmark.startMeasurement()
            let pooledStart = clock.now
            let rounds = 5
            for _ in 0..<rounds { _ = await engine.syncAll() }
            let pooled = (clock.now - pooledStart) / rounds
            benchmark.stopMeasurement()
            let after = await engine.pool.snapshot()
            let leases = after.accounts.reduce(0) { $0 + $1.leases } - before.accounts.reduce(0) { $0 + $1.leases }
            let reused = after.accounts.reduce(0) { $0 + $1.reusedLeases } - before.accounts.reduce(0) { $0 + $1.reusedLeases }
            await engine.shutdown()
            return (sequential, pooled, leases == 0 ? 0 : Double(reused) / Double(leases))
        }
        benchmark.measurement(.custom("sequential ms", useScalingFactor: false), Int(milliseconds(sequential)))
        benchmark.measurement(.custom("pooled ms", useScalingFactor: false), Int(milliseconds(pooled)))
        benchmark.measurement(.custom("speed-up x100", polarity: .prefersLarger, useScalingFactor: false),
                              Int(100 * milliseconds(sequential) / milliseconds(pooled)))
        benchmark.measurement(.custom("reuse % x100", polarity: .prefersLarger, useScalingFactor: false),
                              Int(reuse * 10_000))
    }

    Benchmark(
        "IDLE latency over 100 arrivals: tern watch --json vs a bare IDLE client",
        configuration: .init(
            metrics: [.custom("bare p50 ms", useScalingFactor: false), .custom("tern p50 ms", useScalingFactor: false),
                      .custom("bare p95 ms", useScalingFactor: false), .custom("tern p95 ms", useScalingFactor: false),
                      .custom("bare p99 ms", useScalingFactor: false), .custom("tern p99 ms", useScalingFactor: false),
                      .custom("bare max ms", useScalingFactor: false), .custom("tern max ms", useScalingFactor: false)],
            maxDuration: .seconds(300), maxIterations: 1)
    ) { benchmark in
        // Scripts/bench builds tern in release mode and sets TERN_BIN.
        let binary = ProcessInfo.processInfo.environment["TERN_BIN"] ?? "../.build/release/tern"
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw BareSocket.Failure.failed("no tern binary at \(binary): run Scripts/bench, or set TERN_BIN")
        }
        let result = try await IdleLatency.measure(ternBinary: binary)
        for (name, values) in [("bare", result.bare), ("tern", result.tern)] {
            for (label, p) in [("p50", 0.50), ("p95", 0.95), ("p99", 0.99), ("max", 1.0)] {
                benchmark.measurement(.custom("\(name) \(label) ms", useScalingFactor: false),
                                      Int(milliseconds(IdleLatency.percentile(values, p))))
            }
        }
    }

    Benchmark.teardown = {
        await SyncFixture.shared.stop()
    }
}
