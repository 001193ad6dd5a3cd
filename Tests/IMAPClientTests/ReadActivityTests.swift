import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import Testing
@testable import IMAPClient

/// The command timeout counts silence from the server, not time since arming.
@Suite struct ReadActivityTests {
    let loop = MultiThreadedEventLoopGroup.singleton.next()

    @Test func readsKeepTheTimeoutFromFiring() async throws {
        let activity = ReadActivity()
        let fired = NIOLockedValueBox(false)
        activity.arm(on: loop, timeout: .milliseconds(500)) { fired.withLockedValue { $0 = true } }
        for _ in 0..<16 {
            try await Task.sleep(for: .milliseconds(50))
            activity.recordRead()
        }
        #expect(!fired.withLockedValue { $0 }, "bytes kept arriving for 800 ms, 500 ms timeout")
        try await Task.sleep(for: .milliseconds(1500))
        #expect(fired.withLockedValue { $0 }, "silence after the last read")
    }

    @Test func disarmCancels() async throws {
        let activity = ReadActivity()
        let fired = NIOLockedValueBox(false)
        activity.arm(on: loop, timeout: .milliseconds(50)) { fired.withLockedValue { $0 = true } }
        activity.disarm()
        try await Task.sleep(for: .milliseconds(250))
        #expect(!fired.withLockedValue { $0 })
    }
}
