/// What NOTIFY asks for (RFC 5465 §3): nothing, or a set of event groups.
///
///     notify     = "NOTIFY" SP (notify-set / notify-none)
///     notify-set = "SET" [status-indicator] SP event-groups
///     notify-none = "NONE"
///     status-indicator = SP "STATUS"
///
/// ```swift
/// let request = NotifyRequest.set(status: true, groups: [
///     NotifyEventGroup(.selected, NotifyEvent.messageEvents, messageNewAttributes: [.uid]),
///     NotifyEventGroup(.mailboxes([MailboxName(displayName: "Archive")]), NotifyEvent.messageEvents),
/// ])
/// ```
public enum NotifyRequest: Hashable, Sendable {
    /// `NOTIFY NONE`: stop every notification (also those of plain IDLE
    /// for the selected mailbox, RFC 5465 §3.2).
    case none
    /// `NOTIFY SET [STATUS] group…`: replaces what was registered before.
    /// With `status`, the server first sends a STATUS reply for every
    /// non-selected mailbox the groups name (RFC 5465 §3.1). `groups` must
    /// not be empty (the grammar needs at least one).
    case set(status: Bool, groups: [NotifyEventGroup])
}

/// One `event-group`: the events wanted for a set of mailboxes.
///
///     event-group = "(" filter-mailboxes SP events ")"
///     events      = ( "(" event *(SP event) ")" ) / "NONE"
public struct NotifyEventGroup: Hashable, Sendable {
    public var mailboxes: NotifyMailboxes
    /// The events, in order; empty is written `NONE` (no events for these
    /// mailboxes, e.g. to exclude the selected mailbox from `personal`).
    public var events: [NotifyEvent]
    /// The `fetch-att` list after `MessageNew` (RFC 5465 §5.1): what the
    /// server sends as an unsolicited FETCH for each new message. Servers
    /// accept it only for `selected`/`selected-delayed`; empty writes none.
    /// Ignored when `events` lacks `.messageNew`.
    public var messageNewAttributes: [FetchItem]

    public init(_ mailboxes: NotifyMailboxes, _ events: [NotifyEvent], messageNewAttributes: [FetchItem] = []) {
        self.mailboxes = mailboxes
        self.events = events
        self.messageNewAttributes = messageNewAttributes
    }
}

/// The mailboxes an event group covers (`filter-mailboxes`, RFC 5465 §6).
///
///     filter-mailboxes-selected = "selected" / "selected-delayed"
///     filter-mailboxes-other    = "inboxes" / "personal" / "subscribed" /
///                                 ( "subtree" SP one-or-more-mailbox ) /
///                                 ( "mailboxes" SP one-or-more-mailbox )
public enum NotifyMailboxes: Hashable, Sendable {
    /// The selected mailbox; its events come as EXISTS, EXPUNGE, FETCH as usual.
    case selected
    /// The selected mailbox, with expunges held back until a command that
    /// allows them (so sequence numbers stay usable).
    case selectedDelayed
    /// Every mailbox mail may be delivered to.
    case inboxes
    /// Every mailbox in the user's personal namespaces.
    case personal
    /// Every subscribed mailbox.
    case subscribed
    /// These mailboxes and all mailboxes below them (not empty).
    case subtree([MailboxName])
    /// Exactly these mailboxes (not empty).
    case mailboxes([MailboxName])
}

/// A NOTIFY event name (RFC 5465 §5, the events of RFC 5423).
///
/// Names compare case-insensitively on the wire; `other` keeps an event
/// this type does not know (`event-ext = atom`), e.g. in `[BADEVENT …]`.
public enum NotifyEvent: Hashable, Sendable, CustomStringConvertible {
    /// A message arrived: EXISTS (and FETCH) for the selected mailbox,
    /// STATUS for others. Servers require `messageExpunge` with it.
    case messageNew
    /// A message was expunged: EXPUNGE/VANISHED, or STATUS.
    case messageExpunge
    /// Flags changed: FETCH, or STATUS (e.g. UNSEEN). Needs `messageNew`
    /// and `messageExpunge` too.
    case flagChange
    case annotationChange
    /// A mailbox was created, deleted or renamed: an untagged LIST.
    case mailboxName
    /// Subscriptions changed: an untagged LIST.
    case subscriptionChange
    case mailboxMetadataChange
    case serverMetadataChange
    /// An event of a later extension, by its atom.
    case other(String)

    /// `MessageNew`, `MessageExpunge` and `FlagChange`: what a mail client
    /// watches to keep counts and flags current.
    public static let messageEvents: [NotifyEvent] = [.messageNew, .messageExpunge, .flagChange]

    /// The event named `name` (case-insensitive); unknown names are `.other`.
    public init(name: String) {
        switch name.lowercased() {
        case "messagenew": self = .messageNew
        case "messageexpunge": self = .messageExpunge
        case "flagchange": self = .flagChange
        case "annotationchange": self = .annotationChange
        case "mailboxname": self = .mailboxName
        case "subscriptionchange": self = .subscriptionChange
        case "mailboxmetadatachange": self = .mailboxMetadataChange
        case "servermetadatachange": self = .serverMetadataChange
        default: self = .other(name)
        }
    }

    /// The name as RFC 5465 spells it.
    public var name: String {
        switch self {
        case .messageNew: return "MessageNew"
        case .messageExpunge: return "MessageExpunge"
        case .flagChange: return "FlagChange"
        case .annotationChange: return "AnnotationChange"
        case .mailboxName: return "MailboxName"
        case .subscriptionChange: return "SubscriptionChange"
        case .mailboxMetadataChange: return "MailboxMetadataChange"
        case .serverMetadataChange: return "ServerMetadataChange"
        case .other(let name): return name
        }
    }

    public var description: String { name }
}
