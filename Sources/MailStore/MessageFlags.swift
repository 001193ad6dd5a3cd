import GRDB

/// The IMAP system flags of a message, stored as a bit set in `message.flags`.
///
/// The bit values are part of the frozen schema (the unread index tests bit 0):
/// never renumber them.
public struct MessageFlags: OptionSet, Hashable, Sendable, Codable, DatabaseValueConvertible {
    /// The stored bits.
    public let rawValue: Int64

    public init(rawValue: Int64) { self.rawValue = rawValue }

    /// `\Seen`: the message has been read.
    public static let seen = MessageFlags(rawValue: 1 << 0)
    /// `\Answered`.
    public static let answered = MessageFlags(rawValue: 1 << 1)
    /// `\Flagged` (starred).
    public static let flagged = MessageFlags(rawValue: 1 << 2)
    /// `\Deleted`: marked for expunge.
    public static let deleted = MessageFlags(rawValue: 1 << 3)
    /// `\Draft`.
    public static let draft = MessageFlags(rawValue: 1 << 4)
    /// `$Forwarded` (a common keyword that lists show like a flag).
    public static let forwarded = MessageFlags(rawValue: 1 << 5)

    /// Splits IMAP flag atoms into system flags and the remaining keywords.
    ///
    /// Matching is case-insensitive, as IMAP flags are. `\Recent` is dropped: it is
    /// session state, not something worth caching.
    public static func parse(_ atoms: [String]) -> (flags: MessageFlags, keywords: [String]) {
        var flags: MessageFlags = []
        var keywords: [String] = []
        for atom in atoms {
            switch atom.lowercased() {
            case "\\seen": flags.insert(.seen)
            case "\\answered": flags.insert(.answered)
            case "\\flagged": flags.insert(.flagged)
            case "\\deleted": flags.insert(.deleted)
            case "\\draft": flags.insert(.draft)
            case "$forwarded": flags.insert(.forwarded)
            case "\\recent": break
            default: keywords.append(atom)
            }
        }
        return (flags, keywords)
    }
}
