/// How opening the cache went: what the caller should tell the user, if anything.
public enum OpenOutcome: Hashable, Sendable {
    /// The cache opened normally (it was created if it did not exist).
    case opened
    /// The last session did not shut down cleanly; `PRAGMA quick_check` found the
    /// file intact and it opened normally.
    case checkedAfterUncleanShutdown
    /// The file was unreadable or corrupt. It was moved to `movedTo` and an empty
    /// cache was created in its place; everything will be fetched again from the
    /// server. `reason` is SQLite's diagnosis.
    case recreated(movedTo: String, reason: String)

    /// A one-line message for the user, or `nil` when there is nothing to say.
    public var message: String? {
        switch self {
        case .opened:
            nil
        case .checkedAfterUncleanShutdown:
            "The mail cache was not closed cleanly last time; it was checked and is intact."
        case .recreated(let movedTo, let reason):
            "The mail cache was damaged (\(reason)). It was moved to \(movedTo) and a fresh cache was created; mail will be downloaded again from the server."
        }
    }
}
