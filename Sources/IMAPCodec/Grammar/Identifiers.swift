/// A message's unique identifier within a mailbox (RFC 3501 §2.3.1.1).
///
/// Identity in Tern is always (account, folder, UIDVALIDITY, UID), never a
/// sequence number, so the two are distinct types.
public struct UID: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    public init(_ value: UInt32) { self.rawValue = value }
    public static func < (lhs: UID, rhs: UID) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { String(rawValue) }
}

/// A mailbox's UIDVALIDITY: when it changes, every cached UID is void.
public struct UIDValidity: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    public init(_ value: UInt32) { self.rawValue = value }
    public var description: String { String(rawValue) }
}

/// A message sequence number: a position in the selected mailbox, which
/// shifts on every EXPUNGE.
public struct SequenceNumber: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    public init(_ value: UInt32) { self.rawValue = value }
    public static func < (lhs: SequenceNumber, rhs: SequenceNumber) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { String(rawValue) }
}

/// A CONDSTORE modification sequence (RFC 7162), a 63-bit unsigned number.
public struct ModSeq: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public var rawValue: UInt64
    public init(rawValue: UInt64) { self.rawValue = rawValue }
    public init(_ value: UInt64) { self.rawValue = value }
    public static func < (lhs: ModSeq, rhs: ModSeq) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { String(rawValue) }
}

/// A command tag, such as `A0001`, that pairs a command with its completion.
public struct Tag: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ value: String) { self.rawValue = value }
    public var description: String { rawValue }
}
