import GRDB

/// A local conversation: the row id of the first message seen in the thread.
public struct ThreadID: StoreIdentifier {
    /// The stored integer.
    public let rawValue: Int64

    /// Creates the identifier from its stored integer.
    public init(rawValue: Int64) { self.rawValue = rawValue }
}
