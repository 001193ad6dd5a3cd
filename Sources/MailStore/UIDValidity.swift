import GRDB

/// An IMAP UIDVALIDITY value: when it changes, every UID of the folder is void.
public struct UIDValidity: StoreIdentifier {
    /// The stored integer.
    public let rawValue: Int64

    /// Creates the identifier from its stored integer.
    public init(rawValue: Int64) { self.rawValue = rawValue }
}

extension UIDValidity {
    /// Creates a UIDVALIDITY from the 32-bit value an IMAP server sends.
    public init(_ value: UInt32) { self.init(rawValue: Int64(value)) }
}
