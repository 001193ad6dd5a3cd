/// A response code in brackets after OK/NO/BAD/PREAUTH/BYE (RFC 3501 §7.1, RFC 9051, extensions).
public enum ResponseCode: Hashable, Sendable {
    case alert
    case badCharset([String])
    case capability([Capability])
    case parse
    case permanentFlags([PermanentFlag])
    case readOnly
    case readWrite
    case tryCreate
    case uidNext(UID)
    case uidValidity(UIDValidity)
    case unseen(SequenceNumber)
    case highestModSeq(ModSeq)
    case noModSeq
    /// RFC 7162: the messages that failed an UNCHANGEDSINCE STORE.
    case modified(SequenceSet)
    /// RFC 4315 APPENDUID: the mailbox's UIDVALIDITY and the new UIDs.
    case appendUID(UIDValidity, UIDSet)
    /// RFC 4315 COPYUID: UIDVALIDITY of the target, source UIDs, target UIDs.
    case copyUID(UIDValidity, UIDSet, UIDSet)
    /// RFC 7162: the previously selected mailbox is now closed.
    case closed
    case authenticationFailed
    case authorizationFailed
    case expired
    case unavailable
    case serverBug
    case limit
    case overQuota
    case alreadyExists
    case nonExistent
    case cannot
    case inUse
    case contactAdmin
    case noPerm
    case privacyRequired
    case expungeIssued
    case corruption
    case clientBug
    case uidNotSticky
    /// RFC 5465: the server stopped sending NOTIFY events (too many); the
    /// client must resync what it watches and may issue NOTIFY again.
    case notificationOverflow
    /// RFC 5465: the NOTIFY events the server does not support (the command
    /// failed with NO).
    case badEvent([NotifyEvent])
    /// Any other code, with its upper-cased name and raw argument text.
    case other(String, String?)
}
