/// A mailbox name exactly as it travels on the wire.
///
/// Without UTF8=ACCEPT, servers send non-ASCII names in modified UTF-7
/// (RFC 3501 §5.1.3); `displayName` decodes it. The wire bytes are kept so a
/// name round-trips even when it is not valid modified UTF-7.
public struct MailboxName: Hashable, Sendable, CustomStringConvertible {
    /// The name's bytes on the wire.
    public var bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// A name from its wire text (already modified-UTF-7 encoded where needed).
    public init(wire: String) { self.bytes = Array(wire.utf8) }

    /// A name from what a person reads; encoded in modified UTF-7 unless
    /// `utf8` (UTF8=ACCEPT enabled) is set.
    public init(displayName: String, utf8: Bool = false) {
        self.bytes = utf8 ? Array(displayName.utf8) : Array(ModifiedUTF7.encode(displayName).utf8)
    }

    public static let inbox = MailboxName(wire: "INBOX")

    /// Whether this is INBOX (case-insensitive, as RFC 3501 requires).
    public var isInbox: Bool {
        bytes.count == 5 && String(decoding: bytes, as: UTF8.self).uppercased() == "INBOX"
    }

    /// The wire text.
    public var wire: String { String(decoding: bytes, as: UTF8.self) }

    /// The human-readable name: modified UTF-7 decoded; the raw text when
    /// the name is not valid modified UTF-7 (UTF-8 names pass unchanged).
    public var displayName: String { ModifiedUTF7.decode(wire) ?? wire }

    public var description: String { displayName }
}
