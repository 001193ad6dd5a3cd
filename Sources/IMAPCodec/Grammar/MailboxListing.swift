/// One LIST or LSUB reply: attributes, hierarchy delimiter, name (RFC 3501 §7.2.2, RFC 6154).
public struct MailboxListing: Hashable, Sendable {
    public var attributes: [MailboxAttribute]
    /// The hierarchy delimiter, or `nil` for a flat namespace (NIL).
    public var delimiter: Character?
    public var name: MailboxName

    public init(attributes: [MailboxAttribute], delimiter: Character?, name: MailboxName) {
        self.attributes = attributes
        self.delimiter = delimiter
        self.name = name
    }

    /// The special-use role, if any attribute names one.
    public var specialUse: MailboxAttribute? {
        attributes.first { $0.isSpecialUse }
    }
}

/// A LIST attribute: selectability and hierarchy (RFC 3501, RFC 5258) and
/// SPECIAL-USE roles (RFC 6154).
public enum MailboxAttribute: Hashable, Sendable {
    case noInferiors, noSelect, marked, unmarked
    case hasChildren, hasNoChildren, nonExistent, subscribed, remote
    case all, archive, drafts, flagged, junk, sent, trash, important
    /// Another attribute, kept with its backslash as sent.
    case other(String)

    /// Parses the wire form case-insensitively.
    public init(_ text: String) {
        switch text.lowercased() {
        case "\\noinferiors": self = .noInferiors
        case "\\noselect": self = .noSelect
        case "\\marked": self = .marked
        case "\\unmarked": self = .unmarked
        case "\\haschildren": self = .hasChildren
        case "\\hasnochildren": self = .hasNoChildren
        case "\\nonexistent": self = .nonExistent
        case "\\subscribed": self = .subscribed
        case "\\remote": self = .remote
        case "\\all": self = .all
        case "\\archive": self = .archive
        case "\\drafts": self = .drafts
        case "\\flagged": self = .flagged
        case "\\junk": self = .junk
        case "\\sent": self = .sent
        case "\\trash": self = .trash
        case "\\important": self = .important
        default: self = .other(text)
        }
    }

    /// Whether this attribute is an RFC 6154 role.
    public var isSpecialUse: Bool {
        switch self {
        case .all, .archive, .drafts, .flagged, .junk, .sent, .trash, .important: return true
        default: return false
        }
    }
}
