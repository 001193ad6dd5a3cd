/// A message flag: a system flag or a keyword (RFC 3501 §2.3.2).
public enum Flag: Hashable, Sendable, CustomStringConvertible {
    case seen, answered, flagged, deleted, draft
    /// `\Recent`: only ever sent by the server.
    case recent
    /// A keyword such as `$Forwarded` or `Junk`.
    case keyword(String)
    /// A backslash flag this grammar does not know, e.g. `\Important` (kept without the backslash).
    case `extension`(String)

    /// Parses the wire form (`\Seen`, `$Label1`), case-insensitive for system flags.
    public init(_ text: String) {
        if text.first == "\\" {
            switch text.lowercased() {
            case "\\seen": self = .seen
            case "\\answered": self = .answered
            case "\\flagged": self = .flagged
            case "\\deleted": self = .deleted
            case "\\draft": self = .draft
            case "\\recent": self = .recent
            default: self = .extension(String(text.dropFirst()))
            }
        } else {
            self = .keyword(text)
        }
    }

    /// The wire form.
    public var description: String {
        switch self {
        case .seen: return "\\Seen"
        case .answered: return "\\Answered"
        case .flagged: return "\\Flagged"
        case .deleted: return "\\Deleted"
        case .draft: return "\\Draft"
        case .recent: return "\\Recent"
        case .keyword(let k): return k
        case .extension(let e): return "\\" + e
        }
    }
}

/// A flag in PERMANENTFLAGS: a flag, or `\*` (new keywords may be created).
public enum PermanentFlag: Hashable, Sendable {
    case flag(Flag)
    case wildcard
}
