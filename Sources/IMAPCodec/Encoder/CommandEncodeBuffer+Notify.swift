import NIOCore

/// NOTIFY (RFC 5465 §8).
extension CommandEncodeBuffer {
    /// `notify = "NOTIFY" SP (notify-set / notify-none)`,
    /// `notify-set = "SET" [SP "STATUS"] SP event-groups`,
    /// `event-groups = event-group *(SP event-group)`.
    ///
    /// An empty group list writes nothing after `SET`, which the server
    /// rejects with BAD rather than reading it as `NONE`.
    mutating func writeNotify(_ request: NotifyRequest) {
        writeText("NOTIFY ")
        switch request {
        case .none:
            writeText("NONE")
        case .set(let status, let groups):
            writeText("SET")
            if status { writeText(" STATUS") }
            for group in groups {
                writeSpace()
                writeNotifyEventGroup(group)
            }
        }
    }

    /// `event-group = "(" filter-mailboxes SP events ")"`,
    /// `events = ( "(" event *(SP event) ")" ) / "NONE"`.
    mutating func writeNotifyEventGroup(_ group: NotifyEventGroup) {
        writeText("(")
        writeNotifyMailboxes(group.mailboxes)
        writeSpace()
        if group.events.isEmpty {
            writeText("NONE")
        } else {
            writeParenthesised(group.events) { buffer, event in
                buffer.writeNotifyEvent(event, messageNewAttributes: group.messageNewAttributes)
            }
        }
        writeText(")")
    }

    /// `filter-mailboxes`; mailbox names go through `writeMailbox` (their wire
    /// bytes: modified UTF-7, quoted or a literal as needed).
    mutating func writeNotifyMailboxes(_ mailboxes: NotifyMailboxes) {
        switch mailboxes {
        case .selected: writeText("selected")
        case .selectedDelayed: writeText("selected-delayed")
        case .inboxes: writeText("inboxes")
        case .personal: writeText("personal")
        case .subscribed: writeText("subscribed")
        case .subtree(let names):
            writeText("subtree ")
            writeOneOrMoreMailbox(names)
        case .mailboxes(let names):
            writeText("mailboxes ")
            writeOneOrMoreMailbox(names)
        }
    }

    /// `one-or-more-mailbox = mailbox / many-mailboxes`,
    /// `many-mailboxes = "(" mailbox *(SP mailbox) ")"`: one name goes bare,
    /// several (or none, which the server rejects) in parentheses.
    mutating func writeOneOrMoreMailbox(_ names: [MailboxName]) {
        if names.count == 1, let name = names.first {
            writeMailbox(name)
        } else {
            writeParenthesised(names) { $0.writeMailbox($1) }
        }
    }

    /// `message-event = ("MessageNew" [SP "(" fetch-att *(SP fetch-att) ")"]) /
    /// "MessageExpunge" / "FlagChange" / "AnnotationChange"`,
    /// `mailbox-event = "MailboxName" / "SubscriptionChange" /
    /// "MailboxMetadataChange" / "ServerMetadataChange"`, `event-ext = atom`.
    mutating func writeNotifyEvent(_ event: NotifyEvent, messageNewAttributes: [FetchItem]) {
        switch event {
        case .other(let name):
            writeAtom(name)
        case .messageNew:
            writeText("MessageNew")
            if !messageNewAttributes.isEmpty {
                writeSpace()
                writeParenthesised(messageNewAttributes) { $0.writeFetchItem($1) }
            }
        case .messageExpunge, .flagChange, .annotationChange, .mailboxName, .subscriptionChange,
             .mailboxMetadataChange, .serverMetadataChange:
            writeRaw(event.name.utf8)
        }
    }
}
