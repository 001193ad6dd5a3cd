import NIOCore

/// Everything a server can send: one complete response (RFC 3501 §7, RFC 9051 §7).
public enum Response: Hashable, Sendable {
    /// `* …`: data or a status the server volunteers.
    case untagged(UntaggedResponse)
    /// `A001 OK …`: the completion of the command with that tag.
    case tagged(TaggedResponse)
    /// `+ …`: the server waits for more (a literal, a SASL step, IDLE started).
    case continuation(ContinuationRequest)
}

/// The state word of a status response.
public enum ResponseState: String, Hashable, Sendable {
    case ok = "OK"
    case no = "NO"
    case bad = "BAD"
}

/// A status with optional code and human text, as in `OK [UIDNEXT 4] Predicted`.
public struct ResponseText: Hashable, Sendable {
    public var code: ResponseCode?
    public var text: String
    public init(code: ResponseCode? = nil, text: String) {
        self.code = code
        self.text = text
    }
}

/// A tagged completion: `A001 NO [TRYCREATE] No such mailbox`.
public struct TaggedResponse: Hashable, Sendable {
    public var tag: Tag
    public var state: ResponseState
    public var text: ResponseText
    public init(tag: Tag, state: ResponseState, text: ResponseText) {
        self.tag = tag
        self.state = state
        self.text = text
    }
}

/// A continuation request: either human text or base64 data (SASL, XOAUTH2 errors).
public struct ContinuationRequest: Hashable, Sendable {
    /// The text after `+ ` (may be empty, may be base64).
    public var text: String
    public var code: ResponseCode?
    public init(text: String, code: ResponseCode? = nil) {
        self.text = text
        self.code = code
    }
}

/// An untagged response (`* …`).
public enum UntaggedResponse: Hashable, Sendable {
    /// `* OK`, `* NO`, `* BAD` with text.
    case state(ResponseState, ResponseText)
    /// `* PREAUTH …` greeting.
    case preauth(ResponseText)
    /// `* BYE …`: the server is closing the connection.
    case bye(ResponseText)
    case capability([Capability])
    /// `* ENABLED …` (RFC 5161).
    case enabled([Capability])
    case list(MailboxListing)
    case lsub(MailboxListing)
    /// `* STATUS name (…)`
    case mailboxStatus(MailboxName, MailboxStatus)
    /// `* SEARCH 2 3 5 (MODSEQ 917162500)`
    case search([UInt32], modSeq: ModSeq?)
    case esearch(ESearchResponse)
    case flags([Flag])
    case exists(Int)
    case recent(Int)
    case expunge(SequenceNumber)
    /// `* VANISHED (EARLIER) 41,43:116` (RFC 7162).
    case vanished(earlier: Bool, UIDSet)
    /// `* 12 FETCH (…)`
    case fetch(SequenceNumber, [MessageAttribute])
    /// `* ID (…)` (RFC 2971): `nil` for `* ID NIL`.
    case id([IDParameter]?)
    /// `* NAMESPACE …` kept raw (rarely needed by a client like Tern).
    case namespace(String)
    /// Any other untagged response (`QUOTA`, `METADATA`, `SORT`, …), which a
    /// client must tolerate: the upper-cased name and the raw text after it,
    /// line break excluded. For `* n NAME …` the text starts with `n`.
    case other(String, String)
}

/// One field of an ID reply.
public struct IDParameter: Hashable, Sendable {
    public var key: String
    public var value: String?
    public init(key: String, value: String?) {
        self.key = key
        self.value = value
    }
}
