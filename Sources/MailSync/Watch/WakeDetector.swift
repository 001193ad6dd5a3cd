import Foundation

/// Notices that the machine slept: a laptop that suspends leaves half-open
/// connections that never error, so after a resume every watcher must check
/// its connection at once rather than at the next re-issue.
///
/// Every `interval` it compares how far the wall clock moved with how far
/// the monotonic clock (which stops during suspend) did; a gap above
/// `threshold` is a resume. Both clocks are injected for tests.
struct WakeDetector: Sendable {
    let interval: Duration
    let threshold: Duration
    let wallClock: @Sendable () -> Date
    let monotonic: any Clock<Duration>

    /// Whether the readings of one check mean the machine was suspended.
    static func isResume(wallElapsed: TimeInterval, monotonicElapsed: Duration, threshold: Duration) -> Bool {
        let monotonicSeconds = Double(monotonicElapsed.components.seconds) + Double(monotonicElapsed.components.attoseconds) / 1e18
        let thresholdSeconds = Double(threshold.components.seconds) + Double(threshold.components.attoseconds) / 1e18
        return wallElapsed - monotonicSeconds > thresholdSeconds
    }

    /// Calls `onResume` after each detected resume, until cancelled.
    func run(onResume: @Sendable () async -> Void) async {
        var lastWall = wallClock()
        while !Task.isCancelled {
            do { try await monotonic.sleep(for: interval) } catch { return }
            let wall = wallClock()
            if Self.isResume(wallElapsed: wall.timeIntervalSince(lastWall), monotonicElapsed: interval, threshold: threshold) {
                await onResume()
            }
            lastWall = wall
        }
    }
}
