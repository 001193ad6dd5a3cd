import GRDB

/// An IMAP CONDSTORE modification sequence (RFC 7162).
public struct ModSeq: StoreIdentifier {
    /// The stored integer.
    public let rawValue: Int64

    /// Creates the identifier from its stored integer.
    public init(rawValue: Int64) { self.rawValue = rawValue }
}

extension ModSeq {
    /// Creates a mod-sequence from the value an IMAP server sends (RFC 7162 caps it at 2^63-1).
    public init(clamping value: UInt64) { self.init(rawValue: Int64(clamping: value)) }
}
