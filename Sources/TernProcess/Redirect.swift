/// Where a child's standard stream goes.
public enum Redirect: Sendable, Equatable {
    /// `/dev/null`.
    case null
    /// The parent's own descriptor (a terminal, a CI log).
    case inherit
    /// Appended to this file, which is created (mode 0600) when missing.
    case file(String)
    /// One of the parent's open descriptors, such as the write end of a `Pipe` (close the
    /// parent's copy after spawning, or the reader never sees the end of the output).
    case descriptor(Int32)
}
