import GRDB

/// An IMAP UID, meaningful only together with its folder and UIDVALIDITY.
public struct MessageUID: StoreIdentifier {
    /// The stored integer.
    public let rawValue: Int64

    /// Creates the identifier from its stored integer.
    public init(rawValue: Int64) { self.rawValue = rawValue }
}

extension MessageUID {
    /// Creates a UID from the 32-bit value an IMAP server sends.
    public init(_ value: UInt32) { self.init(rawValue: Int64(value)) }
}
