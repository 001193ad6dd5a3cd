/// The values of a STATUS reply (RFC 3501 §7.2.4, RFC 7162, RFC 9051); absent items are `nil`.
public struct MailboxStatus: Hashable, Sendable {
    public var messages: Int?
    public var recent: Int?
    public var uidNext: UID?
    public var uidValidity: UIDValidity?
    public var unseen: Int?
    public var deleted: Int?
    public var size: UInt64?
    public var highestModSeq: ModSeq?

    public init(
        messages: Int? = nil, recent: Int? = nil, uidNext: UID? = nil, uidValidity: UIDValidity? = nil,
        unseen: Int? = nil, deleted: Int? = nil, size: UInt64? = nil, highestModSeq: ModSeq? = nil
    ) {
        self.messages = messages
        self.recent = recent
        self.uidNext = uidNext
        self.uidValidity = uidValidity
        self.unseen = unseen
        self.deleted = deleted
        self.size = size
        self.highestModSeq = highestModSeq
    }
}

/// A STATUS data item name, for the command side.
public enum StatusAttribute: String, Hashable, Sendable, CaseIterable {
    case messages = "MESSAGES"
    case recent = "RECENT"
    case uidNext = "UIDNEXT"
    case uidValidity = "UIDVALIDITY"
    case unseen = "UNSEEN"
    case deleted = "DELETED"
    case size = "SIZE"
    case highestModSeq = "HIGHESTMODSEQ"
}
