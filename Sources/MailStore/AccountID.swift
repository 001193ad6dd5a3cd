import GRDB

/// An account in the cache (the row id of the `account` table).
public struct AccountID: StoreIdentifier {
    /// The stored integer.
    public let rawValue: Int64

    /// Creates the identifier from its stored integer.
    public init(rawValue: Int64) { self.rawValue = rawValue }
}
