import NIOCore

/// A command a client sends (RFC 3501 §6, RFC 9051 §6 and the extensions Tern uses).
///
/// `CommandEncoder` turns one into bytes, split where a synchronising literal
/// must wait for the server's continuation.
public enum Command: Hashable, Sendable {
    case capability
    case noop
    case logout
    case startTLS
    /// LOGIN with astring-quoted (or literal) user name and password.
    case login(username: String, password: String)
    /// AUTHENTICATE with an optional initial response (SASL-IR), already base64.
    case authenticate(mechanism: String, initialResponse: String?)
    case select(MailboxName, SelectParameters?)
    case examine(MailboxName, SelectParameters?)
    case create(MailboxName)
    case delete(MailboxName)
    case rename(from: MailboxName, to: MailboxName)
    case subscribe(MailboxName)
    case unsubscribe(MailboxName)
    /// LIST with optional RETURN options (e.g. `SPECIAL-USE`, `SUBSCRIBED`, `STATUS (…)`).
    case list(reference: MailboxName, pattern: String, returnOptions: [ListReturnOption])
    case lsub(reference: MailboxName, pattern: String)
    case status(MailboxName, [StatusAttribute])
    case append(MailboxName, flags: [Flag], date: InternalDate?, message: ByteBuffer)
    case check
    case close
    case unselect
    case expunge
    case uidExpunge(UIDSet)
    case search(SearchKey, returnOptions: [String]?)
    case uidSearch(SearchKey, returnOptions: [String]?)
    case fetch(SequenceSet, [FetchItem], FetchModifiers)
    case uidFetch(UIDSet, [FetchItem], FetchModifiers)
    case store(SequenceSet, StoreModifiers, StoreAction)
    case uidStore(UIDSet, StoreModifiers, StoreAction)
    case copy(SequenceSet, MailboxName)
    case uidCopy(UIDSet, MailboxName)
    case move(SequenceSet, MailboxName)
    case uidMove(UIDSet, MailboxName)
    case enable([Capability])
    /// ID with key/value pairs, or `nil` for `ID NIL`.
    case id([IDParameter]?)
    case namespace
    /// IDLE (RFC 2177); ended by `CommandEncoder.done`.
    case idle
    /// NOTIFY (RFC 5465): which events the server reports, for which mailboxes.
    case notify(NotifyRequest)
}

/// CONDSTORE/QRESYNC parameters of SELECT/EXAMINE (RFC 7162 §3.2.5).
public enum SelectParameters: Hashable, Sendable {
    case condStore
    /// `(QRESYNC (uidvalidity modseq [known-uids]))`
    case qresync(uidValidity: UIDValidity, modSeq: ModSeq, knownUIDs: UIDSet?)
}

/// A RETURN option of LIST-EXTENDED (RFC 5258, RFC 6154, RFC 5819).
public enum ListReturnOption: Hashable, Sendable {
    case subscribed
    case children
    case specialUse
    case status([StatusAttribute])
}

/// An item to FETCH.
public enum FetchItem: Hashable, Sendable {
    case uid
    case flags
    case internalDate
    case rfc822Size
    case envelope
    case bodyStructure
    /// BODY[section]<origin.count>; `peek` for BODY.PEEK (does not set \Seen).
    case bodySection(SectionSpecifier, peek: Bool, partial: ClosedRange<Int>?)
    case binary([Int], peek: Bool)
    case binarySize([Int])
    case modSeq
    case gmailMessageID
    case gmailThreadID
    case gmailLabels
}

/// FETCH modifiers of RFC 7162: `(CHANGEDSINCE n VANISHED)`.
public struct FetchModifiers: Hashable, Sendable {
    public var changedSince: ModSeq?
    /// VANISHED (only with UID FETCH, QRESYNC enabled, and CHANGEDSINCE).
    public var vanished: Bool

    public init(changedSince: ModSeq? = nil, vanished: Bool = false) {
        self.changedSince = changedSince
        self.vanished = vanished
    }

    public static let none = FetchModifiers()
}

/// STORE modifiers of RFC 7162: `(UNCHANGEDSINCE n)`.
public struct StoreModifiers: Hashable, Sendable {
    public var unchangedSince: ModSeq?
    public init(unchangedSince: ModSeq? = nil) { self.unchangedSince = unchangedSince }
    public static let none = StoreModifiers()
}

/// What STORE does to the flags: `+FLAGS`, `-FLAGS` or `FLAGS`, optionally `.SILENT`.
public struct StoreAction: Hashable, Sendable {
    public enum Operation: Hashable, Sendable { case add, remove, replace }
    public var operation: Operation
    public var silent: Bool
    public var flags: [Flag]
    /// `X-GM-LABELS` instead of `FLAGS` (Gmail).
    public var gmailLabels: [String]?

    public init(operation: Operation, silent: Bool = false, flags: [Flag]) {
        self.operation = operation
        self.silent = silent
        self.flags = flags
        self.gmailLabels = nil
    }

    public static func add(_ flags: [Flag], silent: Bool = false) -> StoreAction {
        StoreAction(operation: .add, silent: silent, flags: flags)
    }
    public static func remove(_ flags: [Flag], silent: Bool = false) -> StoreAction {
        StoreAction(operation: .remove, silent: silent, flags: flags)
    }
    public static func replace(_ flags: [Flag], silent: Bool = false) -> StoreAction {
        StoreAction(operation: .replace, silent: silent, flags: flags)
    }
}

/// A SEARCH criterion (RFC 3501 §6.4.4), the subset a mail client needs.
public indirect enum SearchKey: Hashable, Sendable {
    case all
    case uid(UIDSet)
    case sequence(SequenceSet)
    case seen, unseen, flagged, unflagged, answered, deleted, undeleted, draft
    case keyword(String)
    case from(String)
    case to(String)
    case subject(String)
    case body(String)
    case text(String)
    case header(String, String)
    /// `SINCE dd-Mon-yyyy` (day, month 1–12, year).
    case since(day: Int, month: Int, year: Int)
    case before(day: Int, month: Int, year: Int)
    case modSeq(ModSeq)
    case gmailRaw(String)
    case not(SearchKey)
    case or(SearchKey, SearchKey)
    case and([SearchKey])
}
