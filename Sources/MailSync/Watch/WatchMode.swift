/// How a watched folder learns about changes.
public enum WatchMode: Sendable, Hashable, CustomStringConvertible {
    /// Connecting, or catching up before the first IDLE.
    case starting
    /// IDLE on a connection of its own.
    case idle
    /// NOTIFY: one IDLE connection watches this folder with others.
    case notify
    /// Polled every poll interval, with the reason (no IDLE, IDLE failing,
    /// beyond the connection budget).
    case polling(reason: String)
    /// The IDLE connection was lost; reconnecting with backoff.
    case reconnecting(reason: String)
    /// Not watched: the server rejected the credentials (never retried in a loop).
    case failed(reason: String)

    /// A short name: `idle`, `notify`, `polling`, `reconnecting`, `starting`.
    public var name: String {
        switch self {
        case .starting: return "starting"
        case .idle: return "idle"
        case .notify: return "notify"
        case .polling: return "polling"
        case .reconnecting: return "reconnecting"
        case .failed: return "failed"
        }
    }

    public var description: String {
        switch self {
        case .polling(let reason), .reconnecting(let reason), .failed(let reason): return "\(name) (\(reason))"
        default: return name
        }
    }
}
