import IMAPCodec

extension IMAPConnection {
    /// NOTIFY (RFC 5465): tells the server which changes to report, for which
    /// mailboxes, so one connection can watch several mailboxes.
    ///
    /// Returns the untagged STATUS replies that arrived before the tagged OK,
    /// by mailbox: with `.set(status: true, …)` the server sends one for each
    /// watched mailbox that is not selected (a baseline to compare later
    /// events against). Every other untagged response (and a STATUS that a
    /// server sends after its tagged OK, as Dovecot 2.3 does for some
    /// mailboxes) is kept for `takeUnsolicited()`.
    ///
    /// Events then arrive unsolicited: for the selected mailbox as EXISTS,
    /// EXPUNGE/VANISHED and FETCH, for other mailboxes as untagged STATUS
    /// (`UntaggedResponse.mailboxStatus`), and mailbox creation, deletion and
    /// renaming as untagged LIST. During IDLE, `nextIdleEvent()` hands them
    /// out; otherwise they come with any command's responses and wait in
    /// `takeUnsolicited()`.
    ///
    /// ```swift
    /// try await imap.notify(.set(status: false, groups: [
    ///     NotifyEventGroup(.selected, NotifyEvent.messageEvents, messageNewAttributes: [.uid]),
    ///     NotifyEventGroup(.mailboxes([MailboxName(wire: "Archive")]), NotifyEvent.messageEvents),
    /// ]))
    /// try await imap.idle()
    /// while let event = try await imap.nextIdleEvent() {
    ///     if case .mailboxStatus(let name, let status) = event { print(name, status.messages ?? 0) }
    /// }
    /// ```
    ///
    /// Throws `IMAPCommandError` when the server lacks NOTIFY (nothing is
    /// sent) or refuses the request; an unsupported event fails with NO and
    /// the code `.badEvent([…])`, and the previous registration stays.
    @discardableResult
    public func notify(_ request: NotifyRequest) async throws -> [MailboxName: MailboxStatus] {
        guard capabilities.contains(.notify) else {
            throw IMAPCommandError(command: "NOTIFY", state: .no, text: ResponseText(text: "server lacks NOTIFY"))
        }
        var statuses: [MailboxName: MailboxStatus] = [:]
        try await runExpectingOK(.notify(request)) { u in
            if case .mailboxStatus(let name, let status) = u {
                statuses[name] = status
                return true
            }
            return false
        }
        if case .none = request {
            notifyRequest = nil
        } else {
            notifyRequest = request
        }
        return statuses
    }
}
