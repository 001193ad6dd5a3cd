/// New flags for one message, from a FETCH FLAGS response or a CONDSTORE `CHANGEDSINCE` fetch.
public struct FlagUpdate: Hashable, Sendable {
    /// The IMAP UID within the folder.
    public var uid: MessageUID
    /// The IMAP system flags.
    public var flags: MessageFlags
    /// IMAP keywords other than the system flags (`$Label1`, …).
    public var keywords: [String]
    /// The CONDSTORE mod-sequence of the last change, when known.
    public var modSeq: ModSeq?
    /// Gmail labels, when the fetch asked for them (`nil` leaves the stored ones).
    public var gmailLabels: [String]?

    /// Creates a flag update.
    public init(uid: MessageUID, flags: MessageFlags, keywords: [String] = [], modSeq: ModSeq? = nil, gmailLabels: [String]? = nil) {
        self.uid = uid
        self.flags = flags
        self.keywords = keywords
        self.modSeq = modSeq
        self.gmailLabels = gmailLabels
    }
}
