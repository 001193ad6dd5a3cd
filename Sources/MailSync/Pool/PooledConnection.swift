import IMAPClient
import IMAPCodec

/// One live connection in the pool, as the pool's actor sees it.
struct PooledConnection: Sendable {
    enum State: Sendable, Equatable {
        /// Ready to lend; unused since `since` (pool time).
        case idle
        /// Lent to lease `leaseID`.
        case inUse(leaseID: Int)
        /// Lent as a dedicated (IDLE) connection.
        case dedicated(leaseID: Int, purpose: String)
        /// Told to log out; its task ends soon.
        case closing
    }

    let id: Int
    let connection: IMAPConnection
    /// Resolved to tell the connection's task to log out and close.
    let closeSignal: OneShot<Void>
    var state: State
    /// Pool time of the last release (or of opening).
    var lastUsed: Duration
    /// The mailbox selected when it was last released.
    var selected: MailboxName?
    /// Not lent yet since it was opened (its first lease is not a reuse).
    var fresh = true

    var leaseID: Int? {
        switch state {
        case .inUse(let id), .dedicated(let id, _): return id
        case .idle, .closing: return nil
        }
    }
}
