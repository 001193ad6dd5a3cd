import IMAPClient
import IMAPCodec

extension IdleWatcher {
    /// Asks the server to report changes to `folders` (besides the selected
    /// one) on this connection (RFC 5465 NOTIFY); they arrive during IDLE as
    /// untagged STATUS, which signal a sync of that folder.
    ///
    /// Dovecot 2.3 only reports non-ASCII folders named in raw UTF-8, not in
    /// the modified UTF-7 the RFC asks for; names are sent as the RFC says,
    /// so such a folder is caught up at each re-issue instead.
    static func startNotify(_ connection: IMAPConnection, folders: [String]) async throws {
        try await connection.notify(.set(status: false, groups: [
            NotifyEventGroup(.selected, NotifyEvent.messageEvents),
            NotifyEventGroup(.mailboxes(folders.map { MailboxName(displayName: $0) }), NotifyEvent.messageEvents),
        ]))
    }
}
