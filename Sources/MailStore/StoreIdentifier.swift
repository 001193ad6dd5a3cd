import GRDB

/// The common shape of the cache's distinct identifier types.
///
/// Each identifier wraps an `Int64` so that an ``AccountID`` can never be passed
/// where a ``FolderID`` or a ``MessageUID`` is expected, while still being stored
/// as a plain SQLite integer (GRDB's `RawRepresentable` support does the mapping).
public protocol StoreIdentifier: RawRepresentable, Hashable, Comparable, Sendable, Codable,
    DatabaseValueConvertible, CustomStringConvertible where RawValue == Int64
{
    /// Creates the identifier from its stored integer.
    init(rawValue: Int64)
}

extension StoreIdentifier {
    /// Creates the identifier from its stored integer.
    public init(_ value: Int64) { self.init(rawValue: value) }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { String(rawValue) }
}
