import IMAPCodec

/// What SELECT or EXAMINE reported about a mailbox (RFC 3501 §6.3.1, RFC 7162).
public struct SelectedMailbox: Hashable, Sendable {
    public var name: MailboxName
    public var exists = 0
    public var recent = 0
    public var flags: [Flag] = []
    public var permanentFlags: [PermanentFlag] = []
    public var uidValidity: UIDValidity?
    public var uidNext: UID?
    /// First unseen message's sequence number.
    public var firstUnseen: SequenceNumber?
    /// `nil` when the server has no CONDSTORE for this mailbox (NOMODSEQ).
    public var highestModSeq: ModSeq?
    public var readOnly = false
    /// QRESYNC: UIDs removed since the client's known state (VANISHED (EARLIER)).
    public var vanished: [UIDSet] = []
    /// QRESYNC: messages whose flags changed since the client's known state.
    public var changed: [FetchedMessage] = []

    public init(name: MailboxName) { self.name = name }
}
