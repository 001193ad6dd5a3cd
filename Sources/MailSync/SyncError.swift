/// Errors of the sync layer, worded for a user and free of secrets.
public enum SyncError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No account with this name is configured.
    case unknownAccount(String)
    /// The server rejected the account's credentials; not retried until the
    /// user acts (a new password, `tern auth`).
    case authenticationFailed(account: String, reason: String)
    /// Every connection of the account stayed busy for the whole wait.
    case leaseTimedOut(account: String, waitedMilliseconds: Int)
    /// Connecting kept failing; the last attempt's reason.
    case connectFailed(account: String, attempts: Int, reason: String)
    /// The pool is shutting down.
    case shutDown
    /// A folder the cache knows is gone from the server.
    case folderMissing(account: String, folder: String)
    /// A message is no longer in the cache or on the server (expunged meanwhile).
    case messageMissing(account: String, folder: String)

    public var description: String {
        switch self {
        case .unknownAccount(let name):
            return "no account named \"\(name)\""
        case .authenticationFailed(let account, let reason):
            return "\(account): the server rejected the credentials (\(reason))"
        case .leaseTimedOut(let account, let ms):
            return "\(account): no connection became free within \(ms) ms"
        case .connectFailed(let account, let attempts, let reason):
            return "\(account): cannot connect after \(attempts) attempt\(attempts == 1 ? "" : "s"): \(reason)"
        case .shutDown:
            return "the connection pool is shut down"
        case .folderMissing(let account, let folder):
            return "\(account): folder \"\(folder)\" no longer exists on the server"
        case .messageMissing(let account, let folder):
            return "\(account): the message is no longer in \"\(folder)\""
        }
    }
}
