/// An address from an ENVELOPE: `(name adl mailbox host)` (RFC 3501 §7.4.2).
///
/// A group is sent as a start marker (host `nil`, mailbox = group name) and an
/// end marker (host and mailbox `nil`); both are kept so a caller can rebuild
/// the structure.
public struct Address: Hashable, Sendable {
    /// The display name, still RFC 2047-encoded if the server sent it so.
    public var name: String?
    /// The source route (obsolete, almost always `nil`).
    public var route: String?
    public var mailbox: String?
    public var host: String?

    public init(name: String?, route: String?, mailbox: String?, host: String?) {
        self.name = name
        self.route = route
        self.mailbox = mailbox
        self.host = host
    }

    /// `mailbox@host`, when both are present.
    public var email: String? {
        guard let mailbox, let host else { return nil }
        return "\(mailbox)@\(host)"
    }

    /// Whether this entry marks the start of a group (`name:`).
    public var isGroupStart: Bool { host == nil && mailbox != nil }
    /// Whether this entry marks the end of a group (`;`).
    public var isGroupEnd: Bool { host == nil && mailbox == nil }
}
