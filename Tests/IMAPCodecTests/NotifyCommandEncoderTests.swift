import NIOCore
import Testing
@testable import IMAPCodec

/// NOTIFY (RFC 5465 §8) as the encoder writes it.
@Suite struct NotifyCommandEncoderTests {
    private let messageEvents = NotifyEvent.messageEvents

    @Test func noneAndSet() {
        expectEncoderRows([
            EncoderRow(.notify(.none), "A1 NOTIFY NONE\r\n"),
            EncoderRow(
                .notify(.set(status: false, groups: [NotifyEventGroup(.selected, messageEvents)])),
                "A1 NOTIFY SET (selected (MessageNew MessageExpunge FlagChange))\r\n"),
            EncoderRow(
                .notify(.set(status: true, groups: [NotifyEventGroup(.personal, [.messageNew, .messageExpunge])])),
                "A1 NOTIFY SET STATUS (personal (MessageNew MessageExpunge))\r\n"),
        ])
    }

    @Test func selectedWithFetchAttributesAndOtherMailboxes() {
        let groups = [
            NotifyEventGroup(.selected, messageEvents, messageNewAttributes: [.uid]),
            NotifyEventGroup(.mailboxes([encoderMailbox("Archive"), encoderMailbox("Sent")]), messageEvents),
        ]
        expectEncoderRows([
            EncoderRow(
                .notify(.set(status: true, groups: groups)),
                "A1 NOTIFY SET STATUS (selected (MessageNew (UID) MessageExpunge FlagChange)) "
                    + "(mailboxes (Archive Sent) (MessageNew MessageExpunge FlagChange))\r\n"),
            // The integration test's request: one mailbox goes bare.
            EncoderRow(
                .notify(.set(status: false, groups: [
                    NotifyEventGroup(.selected, messageEvents, messageNewAttributes: [.uid]),
                    NotifyEventGroup(.mailboxes([encoderMailbox("Archive")]), messageEvents),
                ])),
                "A1 NOTIFY SET (selected (MessageNew (UID) MessageExpunge FlagChange)) "
                    + "(mailboxes Archive (MessageNew MessageExpunge FlagChange))\r\n"),
            // RFC 5465 §3.1's example (with the errata's parentheses).
            EncoderRow(
                .notify(.set(status: true, groups: [
                    NotifyEventGroup(
                        .selected, [.messageNew, .messageExpunge],
                        messageNewAttributes: [
                            .uid, .bodySection(SectionSpecifier(text: .headerFields(["from", "to", "subject"])), peek: true, partial: nil),
                        ]),
                    NotifyEventGroup(.subtree([encoderMailbox("Lists")]), [.messageNew]),
                ])),
                "A1 NOTIFY SET STATUS (selected (MessageNew (UID BODY.PEEK[HEADER.FIELDS (from to subject)]) MessageExpunge)) "
                    + "(subtree Lists (MessageNew))\r\n"),
            EncoderRow(
                .notify(.set(status: false, groups: [
                    NotifyEventGroup(.selectedDelayed, messageEvents, messageNewAttributes: [.uid, .flags, .envelope]),
                ])),
                "A1 NOTIFY SET (selected-delayed (MessageNew (UID FLAGS ENVELOPE) MessageExpunge FlagChange))\r\n"),
        ])
    }

    @Test func everyMailboxFilter() {
        func row(_ mailboxes: NotifyMailboxes, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> EncoderRow {
            EncoderRow(
                .notify(.set(status: false, groups: [NotifyEventGroup(mailboxes, [.mailboxName])])),
                "A1 NOTIFY SET (\(text) (MailboxName))\r\n", sourceLocation: sourceLocation)
        }
        expectEncoderRows([
            row(.selected, "selected"),
            row(.selectedDelayed, "selected-delayed"),
            row(.inboxes, "inboxes"),
            row(.personal, "personal"),
            row(.subscribed, "subscribed"),
            row(.subtree([encoderMailbox("Lists")]), "subtree Lists"),
            row(.subtree([encoderMailbox("Lists"), encoderMailbox("Work/2024")]), "subtree (Lists Work/2024)"),
            row(.mailboxes([.inbox]), "mailboxes INBOX"),
            row(.mailboxes([encoderMailbox("Sent Items"), encoderMailbox("Drafts [old]")]),
                "mailboxes (\"Sent Items\" \"Drafts [old]\")"),
            row(.mailboxes([encoderMailbox("a]b")]), "mailboxes a]b"),
            // No name breaks the grammar; the server answers BAD.
            row(.mailboxes([]), "mailboxes ()"),
        ])
    }

    @Test func nonASCIIMailboxNames() {
        let entwuerfe = MailboxName(displayName: "Entwürfe")
        let utf8Name = MailboxName(displayName: "Entwürfe", utf8: true)
        let taipei = MailboxName(displayName: "台北")
        func notify(_ names: [MailboxName]) -> Command {
            .notify(.set(status: true, groups: [NotifyEventGroup(.mailboxes(names), [.messageNew, .messageExpunge])]))
        }
        expectEncoderRows([
            // Modified UTF-7 (RFC 3501 §5.1.3), like every other mailbox argument.
            EncoderRow(notify([entwuerfe]), "A1 NOTIFY SET STATUS (mailboxes Entw&APw-rfe (MessageNew MessageExpunge))\r\n"),
            EncoderRow(
                notify([entwuerfe, taipei]),
                "A1 NOTIFY SET STATUS (mailboxes (Entw&APw-rfe &U,BTFw-) (MessageNew MessageExpunge))\r\n"),
            EncoderRow(
                .notify(.set(status: false, groups: [NotifyEventGroup(.subtree([MailboxName(displayName: "Tom & Jerry")]), [.mailboxName])])),
                "A1 NOTIFY SET (subtree \"Tom &- Jerry\" (MailboxName))\r\n"),
            // UTF-8 bytes: a literal without UTF8=ACCEPT (split for the continuation)…
            EncoderRow(
                notify([utf8Name, encoderMailbox("Sent")]),
                "A1 NOTIFY SET STATUS (mailboxes ({9}\r\n",
                "Entwürfe Sent) (MessageNew MessageExpunge))\r\n"),
            EncoderRow(
                notify([utf8Name]),
                "A1 NOTIFY SET STATUS (mailboxes {9+}\r\nEntwürfe (MessageNew MessageExpunge))\r\n",
                encoder: CommandEncoder(literalMode: .literalPlus)),
            // …and quoted once it is enabled.
            EncoderRow(
                notify([utf8Name]),
                "A1 NOTIFY SET STATUS (mailboxes \"Entwürfe\" (MessageNew MessageExpunge))\r\n",
                encoder: CommandEncoder(utf8Accepted: true)),
        ])
    }

    @Test func eventsAndNone() {
        let all: [NotifyEvent] = [
            .messageNew, .messageExpunge, .flagChange, .annotationChange, .mailboxName, .subscriptionChange,
            .mailboxMetadataChange, .serverMetadataChange, .other("X-Vendor-Event"),
        ]
        expectEncoderRows([
            EncoderRow(
                .notify(.set(status: false, groups: [NotifyEventGroup(.personal, all)])),
                "A1 NOTIFY SET (personal (MessageNew MessageExpunge FlagChange AnnotationChange MailboxName "
                    + "SubscriptionChange MailboxMetadataChange ServerMetadataChange X-Vendor-Event))\r\n"),
            // No events: NONE, e.g. to leave the selected mailbox out of `personal`.
            EncoderRow(
                .notify(.set(status: false, groups: [
                    NotifyEventGroup(.selected, []),
                    NotifyEventGroup(.personal, [.messageNew, .messageExpunge]),
                ])),
                "A1 NOTIFY SET (selected NONE) (personal (MessageNew MessageExpunge))\r\n"),
            // The fetch attributes belong to MessageNew only.
            EncoderRow(
                .notify(.set(status: false, groups: [NotifyEventGroup(.selected, [.mailboxName], messageNewAttributes: [.uid])])),
                "A1 NOTIFY SET (selected (MailboxName))\r\n"),
            EncoderRow(
                .notify(.set(status: false, groups: [NotifyEventGroup(.selected, [], messageNewAttributes: [.uid])])),
                "A1 NOTIFY SET (selected NONE)\r\n"),
            // An extension event that is not an atom cannot become syntax.
            EncoderRow(
                .notify(.set(status: false, groups: [NotifyEventGroup(.inboxes, [.other("bad) (event")])])),
                "A1 NOTIFY SET (inboxes (\"bad) (event\"))\r\n"),
        ])
    }

    @Test func eventNamesRoundTrip() {
        for event in [NotifyEvent.messageNew, .messageExpunge, .flagChange, .annotationChange, .mailboxName,
                      .subscriptionChange, .mailboxMetadataChange, .serverMetadataChange] {
            #expect(NotifyEvent(name: event.name) == event)
            #expect(NotifyEvent(name: event.name.uppercased()) == event)
        }
        #expect(NotifyEvent(name: "X-Other") == .other("X-Other"))
    }
}
