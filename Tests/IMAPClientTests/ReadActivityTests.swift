import NIOConcurrencyHelpers
import NIOCore
import NIOEmbedded
import Testing
@testable import IMAPClient

/// The command timeout counts silence from the server, not time since
/// arming. Time is driven by an `EmbeddedEventLoop`, so nothing sleeps.
@Suite struct ReadActivityTests {
    @Test func readsKeepTheTimeoutFromFiring() {
        let loop = EmbeddedEventLoop()
        let activity = ReadActivity(now: { loop.now })
        let fired = NIOLockedValueBox(false)
        activity.arm(on: loop, timeout: .milliseconds(500), consumed: 0) { fired.withLockedValue { $0 = true } }
        for _ in 0..<4 {
            loop.advanceTime(by: .milliseconds(200))
            activity.recordRead()
        }
        loop.advanceTime(by: .milliseconds(400))
        #expect(!fired.withLockedValue { $0 }, "bytes kept arriving; 400 ms of silence is under the 500 ms timeout")
        loop.advanceTime(by: .milliseconds(100))
        #expect(fired.withLockedValue { $0 }, "500 ms of silence after the last read")
    }

    @Test func silenceFromArmingFires() {
        let loop = EmbeddedEventLoop()
        let activity = ReadActivity(now: { loop.now })
        let fired = NIOLockedValueBox(false)
        activity.arm(on: loop, timeout: .milliseconds(500), consumed: 0) { fired.withLockedValue { $0 = true } }
        loop.advanceTime(by: .milliseconds(499))
        #expect(!fired.withLockedValue { $0 })
        loop.advanceTime(by: .milliseconds(1))
        #expect(fired.withLockedValue { $0 })
    }

    @Test func disarmCancels() {
        let loop = EmbeddedEventLoop()
        let activity = ReadActivity(now: { loop.now })
        let fired = NIOLockedValueBox(false)
        activity.arm(on: loop, timeout: .milliseconds(50), consumed: 0) { fired.withLockedValue { $0 = true } }
        activity.disarm()
        loop.advanceTime(by: .seconds(1))
        #expect(!fired.withLockedValue { $0 })
    }

    @Test func aDecodedResponseNotYetConsumedStandsTheTimeoutDown() {
        let loop = EmbeddedEventLoop()
        let activity = ReadActivity(now: { loop.now })
        let fired = NIOLockedValueBox(false)
        activity.recordResponses(1)  // the greeting, already received by the consumer
        activity.arm(on: loop, timeout: .milliseconds(300), consumed: 1) { fired.withLockedValue { $0 = true } }
        loop.advanceTime(by: .milliseconds(100))
        activity.recordRead()
        activity.recordResponses(1)  // the answer, stuck behind a starved consumer
        loop.advanceTime(by: .seconds(5))
        #expect(!fired.withLockedValue { $0 }, "the server answered; the wait is the consumer's")
        activity.arm(on: loop, timeout: .milliseconds(300), consumed: 2) { fired.withLockedValue { $0 = true } }
        loop.advanceTime(by: .milliseconds(300))
        #expect(fired.withLockedValue { $0 }, "once the consumer caught up, silence counts again")
    }
}
