import NIOCore
import Testing
@testable import IMAPCodec

/// The response codes of NOTIFY (RFC 5465 §8) and what Dovecot 2.3 sends
/// for NOTIFY events.
@Suite struct NotifyResponseParserTests {
    private func row(_ code: String, _ expected: ResponseCode, sourceLocation: SourceLocation = #_sourceLocation) -> ParserRow {
        ParserRow("* OK [\(code)] text\r\n", untaggedOK("text", code: expected), sourceLocation: sourceLocation)
    }

    @Test func notificationOverflow() {
        expectParsed([
            row("NOTIFICATIONOVERFLOW", .notificationOverflow),
            row("notificationoverflow", .notificationOverflow),
            ParserRow("* OK [NOTIFICATIONOVERFLOW] ...A large mailbox clean-up perhaps?\r\n",
                      untaggedOK("...A large mailbox clean-up perhaps?", code: .notificationOverflow)),
        ])
    }

    @Test func badEventAsTheRFCWritesIt() {
        expectParsed([
            row("BADEVENT (AnnotationChange)", .badEvent([.annotationChange])),
            row("BADEVENT (MailboxMetadataChange ServerMetadataChange)", .badEvent([.mailboxMetadataChange, .serverMetadataChange])),
            row("BADEVENT (messagenew FLAGCHANGE X-Vendor)", .badEvent([.messageNew, .flagChange, .other("X-Vendor")])),
            row("BADEVENT ( AnnotationChange )", .badEvent([.annotationChange])),
            ParserRow("B NO [BADEVENT (MessageNew MessageExpunge)] Unsupported\r\n",
                      taggedResponse("B", .no, "Unsupported", code: .badEvent([.messageNew, .messageExpunge]))),
        ])
    }

    @Test func badEventAsDovecotWritesIt() {
        // Dovecot 2.3.19 leaves out the parentheses.
        expectParsed([
            ParserRow("a6 NO [BADEVENT AnnotationChange] Unsupported NOTIFY events (0.001 + 0.000 secs).\r\n",
                      taggedResponse("a6", .no, "Unsupported NOTIFY events (0.001 + 0.000 secs).", code: .badEvent([.annotationChange]))),
            ParserRow("a12 NO [BADEVENT AnnotationChange ServerMetadataChange] Unsupported NOTIFY events\r\n",
                      taggedResponse("a12", .no, "Unsupported NOTIFY events",
                                     code: .badEvent([.annotationChange, .serverMetadataChange]))),
            row("BADEVENT", .badEvent([])),
            row("BADEVENT ()", .badEvent([])),
        ])
    }

    @Test func malformedBadEvent() {
        expectRejected([
            InvalidParserRow("* NO [BADEVENT (AnnotationChange] x\r\n", .syntax(") after BADEVENT events")),
            InvalidParserRow("* NO [BADEVENT (\"MessageNew\")] x\r\n", .syntax("event in BADEVENT")),
            InvalidParserRow("* NO [BADEVENT AnnotationChange\r\n", .syntax("] after response code")),
        ])
    }

    /// What Dovecot 2.3.19 sent in a raw session with `NOTIFY SET STATUS` and
    /// IDLE: STATUS for other mailboxes (a non-ASCII name as a UTF-8
    /// literal, not modified UTF-7), EXISTS and FETCH for the selected one,
    /// LIST for created, renamed and deleted mailboxes.
    @Test func dovecotEventTranscript() {
        let responses = parseTranscript(
            "* STATUS {9}\r\nEntwürfe (MESSAGES 0 UIDNEXT 1 UIDVALIDITY 1795596557 UNSEEN 0)\r\n"
                + "* STATUS Archive (MESSAGES 0 UIDNEXT 2 UIDVALIDITY 1795596555 UNSEEN 0 HIGHESTMODSEQ 5)\r\n"
                + "a4 OK NOTIFY completed (0.001 + 0.000 secs).\r\n"
                + "+ idling\r\n"
                + "* STATUS Archive (MESSAGES 1 UIDNEXT 3 UNSEEN 1 HIGHESTMODSEQ 6)\r\n"
                + "* 1 EXISTS\r\n"
                + "* 1 RECENT\r\n"
                + "* 1 FETCH (UID 1)\r\n"
                + "* LIST () \"/\" Zed\r\n"
                + "* LIST () \"/\" Zed2 (\"OLDNAME\" (Zed))\r\n"
                + "* LIST (\\NonExistent) \"/\" Zed2\r\n"
                + "* OK [NOTIFICATIONOVERFLOW] Too many events\r\n")
        #expect(responses == [
            .untagged(.mailboxStatus(
                MailboxName(displayName: "Entwürfe", utf8: true),
                MailboxStatus(messages: 0, uidNext: UID(1), uidValidity: UIDValidity(1_795_596_557), unseen: 0))),
            .untagged(.mailboxStatus(
                MailboxName(wire: "Archive"),
                MailboxStatus(messages: 0, uidNext: UID(2), uidValidity: UIDValidity(1_795_596_555), unseen: 0,
                              highestModSeq: ModSeq(5)))),
            taggedResponse("a4", .ok, "NOTIFY completed (0.001 + 0.000 secs)."),
            .continuation(ContinuationRequest(text: "idling")),
            .untagged(.mailboxStatus(
                MailboxName(wire: "Archive"),
                MailboxStatus(messages: 1, uidNext: UID(3), unseen: 1, highestModSeq: ModSeq(6)))),
            .untagged(.exists(1)),
            .untagged(.recent(1)),
            fetchResponse(1, .uid(UID(1))),
            .untagged(.list(MailboxListing(attributes: [], delimiter: "/", name: MailboxName(wire: "Zed")))),
            .untagged(.list(MailboxListing(attributes: [], delimiter: "/", name: MailboxName(wire: "Zed2")))),
            .untagged(.list(MailboxListing(attributes: [.nonExistent], delimiter: "/", name: MailboxName(wire: "Zed2")))),
            untaggedOK("Too many events", code: .notificationOverflow),
        ])
        // The UTF-8 name still reads as the mailbox a person knows.
        if case .untagged(.mailboxStatus(let name, _))? = responses.first {
            #expect(name.displayName == "Entwürfe")
        }
    }
}
