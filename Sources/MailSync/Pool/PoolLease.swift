import IMAPClient

/// A connection lent by `ConnectionPool.lease(account:folder:)`.
///
/// Give it back with `ConnectionPool.release(_:)` (or use
/// `ConnectionPool.withConnection`, which cannot forget to). Releasing twice
/// is harmless; the `id` tells leases of the same connection apart.
public struct PoolLease: Sendable, Hashable {
    /// The account the connection is logged in to.
    public let account: String
    /// The authenticated connection; use it only until the lease is released.
    public let connection: IMAPConnection
    /// Unique within the pool.
    public let id: Int
    /// Whether this is a dedicated (IDLE) connection.
    public let isDedicated: Bool

    init(account: String, connection: IMAPConnection, id: Int, isDedicated: Bool) {
        self.account = account
        self.connection = connection
        self.id = id
        self.isDedicated = isDedicated
    }

    public static func == (lhs: PoolLease, rhs: PoolLease) -> Bool { lhs.id == rhs.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }
}
