import Foundation

/// What sync knows about a message after a header FETCH: the input of
/// ``MailCache/upsertMessages(folder:uidValidity:_:)``.
public struct FetchedHeader: Hashable, Sendable {
    /// The IMAP UID within the folder.
    public var uid: MessageUID
    /// The `Date:` header, or INTERNALDATE when the header is missing or unreadable.
    public var date: Date
    /// `Message-ID`, without angle brackets.
    public var messageID: String?
    /// `In-Reply-To`, without angle brackets.
    public var inReplyTo: String?
    /// `References`, oldest first, without angle brackets.
    public var references: [String]
    /// The `From` addresses.
    public var from: [CachedAddress]
    /// The `To` addresses.
    public var to: [CachedAddress]
    /// The `Cc` addresses.
    public var cc: [CachedAddress]
    /// The decoded subject.
    public var subject: String
    /// The IMAP system flags.
    public var flags: MessageFlags
    /// IMAP keywords other than the system flags (`$Label1`, …).
    public var keywords: [String]
    /// RFC822.SIZE in bytes.
    public var size: Int64
    /// Whether the message has attachments.
    public var hasAttachments: Bool
    /// A short plain-text preview (about 200 characters).
    public var snippet: String
    /// The CONDSTORE mod-sequence of the last change, when known.
    public var modSeq: ModSeq?
    /// Gmail's X-GM-MSGID, when the server has it.
    public var gmailMessageID: Int64?
    /// Gmail's X-GM-THRID.
    public var gmailThreadID: Int64?
    /// Gmail's X-GM-LABELS.
    public var gmailLabels: [String]
    /// When `snippet` is still to be made: the MIME entity (a short header
    /// and the first bytes of the first text part) to make it from, later,
    /// with ``MailCache/fillSnippets(limit:make:)``.
    public var snippetSource: [UInt8]?

    /// Creates a header; only the UID and the date are required.
    public init(
        uid: MessageUID, date: Date, messageID: String? = nil, inReplyTo: String? = nil,
        references: [String] = [], from: [CachedAddress] = [], to: [CachedAddress] = [],
        cc: [CachedAddress] = [], subject: String = "", flags: MessageFlags = [],
        keywords: [String] = [], size: Int64 = 0, hasAttachments: Bool = false,
        snippet: String = "", modSeq: ModSeq? = nil, gmailMessageID: Int64? = nil,
        gmailThreadID: Int64? = nil, gmailLabels: [String] = [], snippetSource: [UInt8]? = nil
    ) {
        self.uid = uid
        self.date = date
        self.messageID = messageID
        self.inReplyTo = inReplyTo
        self.references = references
        self.from = from
        self.to = to
        self.cc = cc
        self.subject = subject
        self.flags = flags
        self.keywords = keywords
        self.size = size
        self.hasAttachments = hasAttachments
        self.snippet = snippet
        self.modSeq = modSeq
        self.gmailMessageID = gmailMessageID
        self.gmailThreadID = gmailThreadID
        self.gmailLabels = gmailLabels
        self.snippetSource = snippetSource
    }
}
