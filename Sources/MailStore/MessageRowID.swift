import GRDB

/// A message row in the cache (the row id of the `message` table); stable for the life of the row, never reused.
public struct MessageRowID: StoreIdentifier {
    /// The stored integer.
    public let rawValue: Int64

    /// Creates the identifier from its stored integer.
    public init(rawValue: Int64) { self.rawValue = rawValue }
}
