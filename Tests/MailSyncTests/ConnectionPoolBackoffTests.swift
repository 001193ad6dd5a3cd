import TernTestSupport
import Testing
@testable import MailSync

/// Backoff and the per-host limiter as plain values.
@Suite struct ConnectionPoolBackoffTests {
    let backoff = Backoff(base: .milliseconds(200), maximum: .seconds(30))

    @Test(arguments: [
        (1, Duration.milliseconds(200)), (2, .milliseconds(400)), (3, .milliseconds(800)),
        (8, .milliseconds(25_600)), (9, .seconds(30)), (50, .seconds(30)), (1000, .seconds(30)),
    ])
    func nominalDelaysDoubleUpToTheCap(retry: Int, expected: Duration) {
        #expect(backoff.nominalDelay(forRetry: retry) == expected)
    }

    @Test func jitterSpansTheUpperHalf() {
        #expect(backoff.delay(forRetry: 3, unit: 0) == .milliseconds(400))
        #expect(backoff.delay(forRetry: 3, unit: 1) == .milliseconds(800))
        #expect(backoff.delay(forRetry: 3, unit: 0.5) == .milliseconds(600))
        #expect(backoff.delay(forRetry: 3, unit: .nan) == .milliseconds(400))
        #expect(backoff.delay(forRetry: 20, unit: 1) == .seconds(30))
    }

    @Test func anInjectedGeneratorGivesReplayableDelaysInRange() {
        var first = SplitMix64(seed: 42)
        var second = SplitMix64(seed: 42)
        var seen = Set<Duration>()
        for retry in 1...10 {
            let a = backoff.delay(forRetry: retry, using: &first)
            let b = backoff.delay(forRetry: retry, using: &second)
            #expect(a == b)
            let nominal = backoff.nominalDelay(forRetry: retry)
            #expect(a >= nominal / 2 && a <= nominal)
            seen.insert(a)
        }
        #expect(seen.count == 10)
    }

    @Test func hostLimiterPassesPermitsInOrder() {
        var limiter = HostConnectLimiter(limit: 2)
        let key = HostConnectLimiter.key(host: "Mail.Example", port: 993)
        #expect(limiter.acquire(key) == nil)
        #expect(limiter.acquire(key) == nil)
        let third = limiter.acquire(key)
        let fourth = limiter.acquire(key)
        #expect(third != nil && fourth != nil)
        #expect(limiter.activeCount(key) == 2)
        limiter.release(key)
        #expect(third?.isResolved == true && fourth?.isResolved == false)
        fourth?.fail(CancellationError())  // gave up
        limiter.release(key)
        #expect(limiter.activeCount(key) == 1)
        #expect(limiter.acquire(HostConnectLimiter.key(host: "mail.example", port: 993)) == nil)
        #expect(limiter.maxObserved[key] == 2)
    }
}
