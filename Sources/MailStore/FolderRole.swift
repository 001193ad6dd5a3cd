import GRDB

/// What a folder is for, from RFC 6154 SPECIAL-USE attributes or well-known names.
public enum FolderRole: String, Hashable, Sendable, Codable, CaseIterable, DatabaseValueConvertible {
    case inbox, sent, drafts, trash, junk, archive, all, flagged, none

    /// The role of a folder given its LIST attributes and full name.
    ///
    /// SPECIAL-USE attributes win; otherwise the last path component is matched
    /// against names servers commonly use (`Sent Items`, `[Gmail]/Spam`, …).
    public static func detect(attributes: [String], name: String, delimiter: String?) -> FolderRole {
        for attribute in attributes {
            switch attribute.lowercased() {
            case "\\sent": return .sent
            case "\\drafts": return .drafts
            case "\\trash": return .trash
            case "\\junk": return .junk
            case "\\archive": return .archive
            case "\\all": return .all
            case "\\flagged": return .flagged
            default: continue
            }
        }
        if name.uppercased() == "INBOX" { return .inbox }
        var leaf = Substring(name)
        if let delimiter, !delimiter.isEmpty, let range = name.range(of: delimiter, options: .backwards) {
            leaf = name[range.upperBound...]
        }
        switch leaf.lowercased() {
        case "sent", "sent items", "sent messages", "sent mail", "outbox sent": return .sent
        case "drafts", "draft": return .drafts
        case "trash", "deleted items", "deleted messages", "bin", "deleted": return .trash
        case "junk", "spam", "junk e-mail", "junk email", "bulk mail": return .junk
        case "archive", "archives": return .archive
        case "all mail": return .all
        case "starred", "flagged": return .flagged
        default: return .none
        }
    }

    /// The order a sidebar shows roles in (inbox first, ordinary folders last).
    public var sortOrder: Int {
        switch self {
        case .inbox: 0
        case .drafts: 1
        case .sent: 2
        case .archive: 3
        case .flagged: 4
        case .all: 5
        case .junk: 6
        case .trash: 7
        case .none: 8
        }
    }
}
