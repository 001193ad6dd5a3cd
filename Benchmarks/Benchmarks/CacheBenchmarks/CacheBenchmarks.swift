import Benchmark
import Foundation
import MIME
import MailStore
import TernTestSupport

/// The cache and MIME figures of issue 3: batch insert throughput, first page,
/// unread counts, FTS over 100,000 messages, parse + render of 1,000 mixed
/// messages, and bytes per message on disk.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal],
        maxDuration: .seconds(10),
        maxIterations: 1_000
    )

    func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
    let messagesPerSecond = BenchmarkMetric.custom("messages/s", polarity: .prefersLarger, useScalingFactor: false)
    let bytesPerMessage = BenchmarkMetric.custom("bytes/message", polarity: .prefersSmaller, useScalingFactor: false)

    Benchmark(
        "Insert 100k messages in batches of 1000",
        configuration: .init(metrics: [.wallClock, messagesPerSecond], warmupIterations: 0,
                             maxDuration: .seconds(20), maxIterations: 3)
    ) { benchmark in
        let batches = CacheFixture.batches
        let cache = try MailCache.openTemporary()
        defer {
            try? cache.close()
            try? FileManager.default.removeItem(atPath: (cache.path as NSString).deletingLastPathComponent)
        }
        let (_, inbox) = try await CacheFixture.makeFolders(cache)
        let clock = ContinuousClock()
        benchmark.startMeasurement()
        let start = clock.now
        for batch in batches {
            _ = try await cache.upsertMessages(folder: inbox, uidValidity: CacheFixture.validity, batch)
        }
        let elapsed = clock.now - start
        benchmark.stopMeasurement()
        benchmark.measurement(messagesPerSecond, Int(Double(CacheFixture.messageCount) / seconds(elapsed)))
    }

    Benchmark(
        "First page (100 rows) of a 100k-message folder (target < 2 ms)",
        configuration: .init(metrics: [.wallClock, .mallocCountTotal], maxDuration: .seconds(5))
    ) { benchmark in
        let fixture = try await CacheFixture.shared.prepare()
        benchmark.startMeasurement()
        let page = try fixture.cache.messagePage(folder: fixture.inbox, limit: 100)
        benchmark.stopMeasurement()
        precondition(page.count == 100, "page has \(page.count) rows")
        blackHole(page)
    }

    Benchmark(
        "Unread counts for 50 folders (target < 5 ms)",
        configuration: .init(metrics: [.wallClock, .mallocCountTotal], maxDuration: .seconds(5))
    ) { benchmark in
        let fixture = try await CacheFixture.shared.prepare()
        benchmark.startMeasurement()
        let counts = try fixture.cache.folderCounts(account: fixture.account)
        benchmark.stopMeasurement()
        precondition(counts[fixture.inbox]?.total == CacheFixture.messageCount, "INBOX count wrong")
        blackHole(counts)
    }

    Benchmark(
        "FTS 'invoice' over 100k messages, newest 100 (target < 20 ms)",
        configuration: .init(metrics: [.wallClock, .mallocCountTotal], maxDuration: .seconds(10))
    ) { benchmark in
        let fixture = try await CacheFixture.shared.prepare()
        benchmark.startMeasurement()
        let hits = try fixture.cache.search("invoice", limit: 100)
        benchmark.stopMeasurement()
        precondition(hits.count == 100, "\(hits.count) hits")
        blackHole(hits)
    }

    Benchmark(
        "FTS 'sender42 holiday' over 100k messages (target < 20 ms)",
        configuration: .init(metrics: [.wallClock, .mallocCountTotal], maxDuration: .seconds(10))
    ) { benchmark in
        let fixture = try await CacheFixture.shared.prepare()
        benchmark.startMeasurement()
        let hits = try fixture.cache.search("sender42 holiday", limit: 100)
        benchmark.stopMeasurement()
        blackHole(hits)
    }

    let indexedPerSecond = BenchmarkMetric.custom("FTS indexed messages/s", polarity: .prefersLarger, useScalingFactor: false)
    Benchmark(
        "Cache size on disk per message (100k, FTS-indexed)",
        configuration: .init(metrics: [bytesPerMessage, indexedPerSecond], warmupIterations: 0, maxIterations: 1)
    ) { benchmark in
        // One sample each, taken when the shared fixture was built: the file size
        // after a clean close, and how fast indexPending indexed the 100k messages.
        let fixture = try await CacheFixture.shared.prepare()
        benchmark.measurement(bytesPerMessage, fixture.fileSize / CacheFixture.messageCount)
        benchmark.measurement(indexedPerSecond, Int(Double(CacheFixture.messageCount) / seconds(fixture.indexTime)))
    }

    Benchmark(
        "Parse + render 1,000 mixed messages (MIME)",
        configuration: .init(metrics: [.wallClock, .mallocCountTotal, messagesPerSecond],
                             maxDuration: .seconds(20), maxIterations: 20)
    ) { benchmark in
        let raws = MIMECorpus.raws
        let clock = ContinuousClock()
        var characters = 0
        benchmark.startMeasurement()
        let start = clock.now
        for raw in raws {
            let message = MessageParser.parse(raw)
            let body = ReadableBody(message)
            let snippet = Snippet.make(from: body.text)
            characters &+= body.text.utf8.count &+ snippet.utf8.count
        }
        let elapsed = clock.now - start
        benchmark.stopMeasurement()
        blackHole(characters)
        benchmark.measurement(messagesPerSecond, Int(Double(raws.count) / seconds(elapsed)))
    }

    Benchmark.teardown = {
        await CacheFixture.shared.stop()
    }
}

/// 1,000 mixed messages from `MessageFactory`, raw bytes, made once.
enum MIMECorpus {
    static let raws: [[UInt8]] = MessageFactory(seed: 42).messages(0..<1_000).map(\.raw)
}
