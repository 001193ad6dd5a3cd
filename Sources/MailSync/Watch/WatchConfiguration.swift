/// Timing and limits of the IDLE watchers.
public struct WatchConfiguration: Sendable {
    /// IDLE is ended (DONE) and issued again this often, before servers drop
    /// an idle client (RFC 2177: within 29 minutes).
    public var reissueInterval: Duration = .seconds(25 * 60)
    /// Polling interval for folders without IDLE.
    public var pollInterval: Duration = .seconds(300)
    /// Consecutive IDLE failures after which a folder is polled for a while.
    public var maxIdleFailures = 3
    /// How long a folder is polled after IDLE kept failing, before IDLE is tried again.
    public var idleRetryAfter: Duration = .seconds(600)
    /// Reconnect backoff after a lost IDLE connection.
    public var reconnectBackoff = Backoff(base: .seconds(1), maximum: .seconds(60))
    /// How often the clocks are compared to notice a suspend and resume.
    public var resumeCheckInterval: Duration = .seconds(5)
    /// How far the wall clock may run ahead of the monotonic clock between
    /// two checks before it counts as a resume.
    public var resumeThreshold: Duration = .seconds(10)
    /// Watch several folders on one connection with NOTIFY when the server has it.
    public var useNotify = true

    public init() {}
}
