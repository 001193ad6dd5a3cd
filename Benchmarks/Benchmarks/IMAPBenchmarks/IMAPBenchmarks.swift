import Benchmark
import BenchmarkSupport
import IMAPClient
import IMAPCodec
import NIOCore
import TernTestSupport

/// Parse throughput of a captured 10,000-message FETCH reply, and the wall
/// time of the same FETCH from a local Dovecot through `IMAPConnection`
/// against a bare socket receiving the same bytes (target: ≤ 1.3×).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
        maxDuration: .seconds(20),
        maxIterations: 10
    )

    Benchmark(
        "Parse captured 10k-message UID FETCH",
        configuration: .init(
            metrics: [.wallClock, .mallocCountTotal, .custom("MB/s", polarity: .prefersLarger, useScalingFactor: false),
                      .custom("messages/s", polarity: .prefersLarger, useScalingFactor: false)],
            maxDuration: .seconds(20), maxIterations: 20)
    ) { benchmark in
        let (_, capture) = try await FetchFixture.shared.prepare()
        let clock = ContinuousClock()
        benchmark.startMeasurement()
        let start = clock.now
        var parser = ResponseParser()
        var buffer = ByteBuffer()
        var messages = 0
        var offset = 0
        while offset < capture.count {
            let end = min(offset + 16 * 1024, capture.count)
            buffer.writeBytes(capture[offset..<end])
            offset = end
            while let response = try parser.parseResponse(from: &buffer) {
                if case .untagged(.fetch) = response { messages += 1 }
            }
            buffer.discardReadBytes()
        }
        let elapsed = clock.now - start
        benchmark.stopMeasurement()
        precondition(messages == FetchFixture.messageCount, "parsed \(messages) messages")
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        benchmark.measurement(.custom("MB/s", polarity: .prefersLarger, useScalingFactor: false),
                              Int(Double(capture.count) / 1e6 / seconds))
        benchmark.measurement(.custom("messages/s", polarity: .prefersLarger, useScalingFactor: false),
                              Int(Double(messages) / seconds))
    }

    Benchmark(
        "UID FETCH 10k from Dovecot: IMAPConnection vs bare socket",
        configuration: .init(
            metrics: [.wallClock, .custom("client/bare x100", polarity: .prefersSmaller, useScalingFactor: false),
                      .custom("bare ms", useScalingFactor: false), .custom("client ms", useScalingFactor: false)],
            maxDuration: .seconds(60), maxIterations: 8)
    ) { benchmark in
        let (server, _) = try await FetchFixture.shared.prepare()
        let clock = ContinuousClock()
        // Bare socket: the same command, bytes received and dropped.
        let bare = try BareSocket(port: server.plainPort)
        try bare.run(tag: "b1", "LOGIN alice secret-alice")
        try bare.run(tag: "b2", "SELECT INBOX")
        _ = try bare.run(tag: "b0", "UID FETCH 1:* \(FetchFixture.items)")  // warm Dovecot's cache
        let bareStart = clock.now
        try bare.run(tag: "b3", "UID FETCH 1:* \(FetchFixture.items)")
        let bareTime = clock.now - bareStart

        let config = ConnectionConfiguration(host: server.host, port: server.plainPort, security: .plain)
        let clientTime = try await IMAPConnection.withConnection(config) { imap in
            try await imap.login(username: "alice", password: "secret-alice")
            _ = try await imap.select(.inbox)
            var count = 0
            benchmark.startMeasurement()
            let start = clock.now
            try await imap.uidFetch(.all, items: [.uid, .flags, .internalDate, .rfc822Size, .envelope, .bodyStructure]) { _ in
                count += 1
            }
            let elapsed = clock.now - start
            benchmark.stopMeasurement()
            precondition(count == FetchFixture.messageCount, "fetched \(count)")
            return elapsed
        }
        func ms(_ d: Duration) -> Double {
            Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
        }
        benchmark.measurement(.custom("bare ms", useScalingFactor: false), Int(ms(bareTime)))
        benchmark.measurement(.custom("client ms", useScalingFactor: false), Int(ms(clientTime)))
        benchmark.measurement(.custom("client/bare x100", polarity: .prefersSmaller, useScalingFactor: false),
                              Int(100 * ms(clientTime) / ms(bareTime)))
    }

    Benchmark.teardown = {
        await FetchFixture.shared.stop()
    }
}
