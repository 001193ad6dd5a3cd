import Foundation

/// One account's connections and counters in a `PoolSnapshot`.
///
/// Counts (`open`, `idle`, …) are the state now; the others are totals since
/// the account was added. `lastError` is worded for a user and never holds a
/// password or a token.
public struct AccountPoolSnapshot: Sendable, Hashable {
    public var account: String
    /// Connections alive now: idle + in use + idle-watching + closing.
    public var open: Int
    /// Open, unused, ready to lend.
    public var idle: Int
    /// Lent by `lease`/`withConnection`.
    public var inUse: Int
    /// Dedicated (IDLE-watching) connections.
    public var idling: Int
    /// Being connected and logged in now.
    public var opening: Int
    /// Logging out now.
    public var closing: Int
    /// Lease requests queued now.
    public var waiting: Int
    public var maxConnections: Int
    /// Leases granted.
    public var leases: Int
    /// Leases served by a connection that existed before the request.
    public var reusedLeases: Int
    /// `reusedLeases / leases` (0 without leases).
    public var reuseRatio: Double
    /// Leases that had to queue.
    public var waits: Int
    public var totalWaitTime: Duration
    /// Waiters that gave up after `leaseTimeout`.
    public var waitTimeouts: Int
    /// Idle connections whose NOOP failed or timed out on lease.
    public var healthCheckFailures: Int
    /// Connection attempts that retried after a failure.
    public var reconnects: Int
    /// Connection attempts made (first tries and retries).
    public var connectAttempts: Int
    /// Connections successfully opened and logged in.
    public var connectionsOpened: Int
    /// Attempts to open a connection that ended in an error (after retries).
    public var connectFailures: Int
    /// Whether leases fail at once because the credentials were rejected.
    public var authenticationFailed: Bool
    public var lastError: String?
    public var lastErrorAt: Date?
    /// Connections found dead or dropped after an error so far (see
    /// `ConnectionPool.resetGeneration(account:)`).
    public var resetGeneration: Int
}
