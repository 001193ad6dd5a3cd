/// A server capability such as `IMAP4rev1`, `IDLE` or `AUTH=PLAIN`.
///
/// Stored upper-cased so comparisons are case-insensitive as RFC 3501 requires.
public struct Capability: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String

    public init(_ value: String) { rawValue = value.uppercased() }
    public init(stringLiteral value: String) { self.init(value) }
    public var description: String { rawValue }

    /// The SASL mechanism named by an `AUTH=` capability.
    public var authMechanism: String? {
        rawValue.hasPrefix("AUTH=") ? String(rawValue.dropFirst(5)) : nil
    }

    public static let imap4rev1: Capability = "IMAP4REV1"
    public static let imap4rev2: Capability = "IMAP4REV2"
    public static let idle: Capability = "IDLE"
    public static let startTLS: Capability = "STARTTLS"
    public static let loginDisabled: Capability = "LOGINDISABLED"
    public static let literalPlus: Capability = "LITERAL+"
    public static let literalMinus: Capability = "LITERAL-"
    public static let condStore: Capability = "CONDSTORE"
    public static let qresync: Capability = "QRESYNC"
    public static let enable: Capability = "ENABLE"
    public static let move: Capability = "MOVE"
    public static let uidPlus: Capability = "UIDPLUS"
    public static let specialUse: Capability = "SPECIAL-USE"
    public static let listExtended: Capability = "LIST-EXTENDED"
    public static let listStatus: Capability = "LIST-STATUS"
    public static let esearch: Capability = "ESEARCH"
    public static let notify: Capability = "NOTIFY"
    public static let id: Capability = "ID"
    public static let namespace: Capability = "NAMESPACE"
    public static let unselect: Capability = "UNSELECT"
    public static let utf8Accept: Capability = "UTF8=ACCEPT"
    public static let saslIR: Capability = "SASL-IR"
    public static let gmailExtensions: Capability = "X-GM-EXT-1"
    public static let binary: Capability = "BINARY"
    public static let authPlain: Capability = "AUTH=PLAIN"
    public static let authXOAuth2: Capability = "AUTH=XOAUTH2"
}
