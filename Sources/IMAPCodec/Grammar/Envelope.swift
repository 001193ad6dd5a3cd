/// A message's ENVELOPE (RFC 3501 §7.4.2): the parsed headers a list view needs.
///
/// Strings are as the server sent them (RFC 2047 encoded words are decoded by
/// the MIME module, not here).
public struct Envelope: Hashable, Sendable {
    public var date: String?
    public var subject: String?
    public var from: [Address]
    public var sender: [Address]
    public var replyTo: [Address]
    public var to: [Address]
    public var cc: [Address]
    public var bcc: [Address]
    public var inReplyTo: String?
    public var messageID: String?

    public init(
        date: String?, subject: String?, from: [Address], sender: [Address], replyTo: [Address],
        to: [Address], cc: [Address], bcc: [Address], inReplyTo: String?, messageID: String?
    ) {
        self.date = date
        self.subject = subject
        self.from = from
        self.sender = sender
        self.replyTo = replyTo
        self.to = to
        self.cc = cc
        self.bcc = bcc
        self.inReplyTo = inReplyTo
        self.messageID = messageID
    }
}
