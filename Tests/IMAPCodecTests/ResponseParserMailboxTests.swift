import NIOCore
import Testing
@testable import IMAPCodec

/// LIST/LSUB, STATUS and FLAGS. Names are compared as wire bytes (never
/// `displayName`, which belongs to the modified UTF-7 decoder).
@Suite struct ResponseParserMailboxTests {
    private func list(_ attributes: [MailboxAttribute], _ delimiter: Character?, _ name: [UInt8]) -> Response {
        .untagged(.list(MailboxListing(attributes: attributes, delimiter: delimiter, name: MailboxName(bytes: name))))
    }

    private func list(_ attributes: [MailboxAttribute], _ delimiter: Character?, _ name: String) -> Response {
        list(attributes, delimiter, Array(name.utf8))
    }

    @Test func listResponses() {
        expectParsed([
            ParserRow("* LIST (\\HasNoChildren) \"/\" INBOX\r\n", list([.hasNoChildren], "/", "INBOX")),
            ParserRow("* LIST (\\HasNoChildren) \"/\" \"INBOX\"\r\n", list([.hasNoChildren], "/", "INBOX")),
            ParserRow("* LIST () \".\" \"Archive.2024\"\r\n", list([], ".", "Archive.2024")),
            ParserRow("* LIST (\\Noselect) NIL \"\"\r\n", list([.noSelect], nil, "")),
            ParserRow("* LIST (\\Noselect) \"\\\\\" Public\r\n", list([.noSelect], "\\", "Public")),
            ParserRow("* LIST (\\HasNoChildren \\Sent) \"/\" \"Sent Messages\"\r\n", list([.hasNoChildren, .sent], "/", "Sent Messages")),
            ParserRow("* LIST (\\All \\HasNoChildren) \"/\" \"[Gmail]/All Mail\"\r\n", list([.all, .hasNoChildren], "/", "[Gmail]/All Mail")),
            ParserRow("* LIST (\\HasChildren \\Noselect) \"/\" \"[Gmail]\"\r\n", list([.hasChildren, .noSelect], "/", "[Gmail]")),
            ParserRow("* LIST (\\Archive \\Drafts \\Flagged \\Junk \\Trash \\Important \\Marked \\Unmarked \\NoInferiors \\Subscribed \\Remote \\NonExistent) \"/\" x\r\n",
                      list([.archive, .drafts, .flagged, .junk, .trash, .important, .marked, .unmarked, .noInferiors,
                            .subscribed, .remote, .nonExistent], "/", "x")),
            ParserRow("* LIST (\\X-Custom) \"/\" x\r\n", list([.other("\\X-Custom")], "/", "x")),
            ParserRow("* list (\\hasnochildren) \"/\" inbox\r\n", list([.hasNoChildren], "/", "inbox")),
            // Modified UTF-7 stays as sent.
            ParserRow("* LIST (\\HasNoChildren) \"/\" \"&AMk-l&AOk-ments envoy&AOk-s\"\r\n",
                      list([.hasNoChildren], "/", "&AMk-l&AOk-ments envoy&AOk-s")),
            ParserRow("* LIST () \"/\" ~peter/mail/&U,BTFw-/&ZeVnLIqe-\r\n", list([], "/", "~peter/mail/&U,BTFw-/&ZeVnLIqe-")),
            // UTF-8 names (UTF8=ACCEPT), quoted and as an atom.
            ParserRow("* LIST () \"/\" \"Entwürfe/日本語\"\r\n", list([], "/", "Entwürfe/日本語")),
            ParserRow("* LIST () \"/\" Entwürfe\r\n", list([], "/", "Entwürfe")),
            // Literal names, names with quotes and backslashes.
            ParserRow("* LIST () \"/\" {10}\r\nfoo \"bar\"/\r\n", list([], "/", "foo \"bar\"/")),
            ParserRow("* LIST () \"/\" \"a \\\"quoted\\\" \\\\ name\"\r\n", list([], "/", "a \"quoted\" \\ name")),
            ParserRow("* LIST () \"/\" Foo*Bar%\r\n", list([], "/", "Foo*Bar%")),
            ParserRow("* LIST () \"/\" NIL\r\n", list([], "/", "NIL")),
            // LIST-EXTENDED data and trailing junk after the name.
            ParserRow("* LIST (\\Subscribed) \"/\" \"Foo\" (\"CHILDINFO\" (\"SUBSCRIBED\"))\r\n", list([.subscribed], "/", "Foo")),
            ParserRow("* LIST () \"/\" \"Foo\" (\"OLDNAME\" (\"Bar\"))\r\n", list([], "/", "Foo")),
            ParserRow("* LIST (\\HasNoChildren) \"/\" \"name\" \r\n", list([.hasNoChildren], "/", "name")),
            ParserRow("* LIST  ( \\HasNoChildren )  \"/\"  name\r\n", list([.hasNoChildren], "/", "name")),
            // "" as delimiter is read as NIL.
            ParserRow("* LIST () \"\" flat\r\n", list([], nil, "flat")),
            // XLIST (old Gmail) has the same shape.
            ParserRow("* XLIST (\\Inbox) \"/\" \"Inbox\"\r\n", list([.other("\\Inbox")], "/", "Inbox")),
            ParserRow("* LSUB () \".\" #news.comp.mail.misc\r\n",
                      .untagged(.lsub(MailboxListing(attributes: [], delimiter: ".", name: MailboxName(wire: "#news.comp.mail.misc"))))),
        ])
        // Raw non-UTF-8 bytes in a name survive unchanged.
        expectParsed([
            ParserRow(bytes: wire("* LIST () \"/\" \"a") + [0xFF, 0xFE] + wire("b\"\r\n"), list([], "/", [0x61, 0xFF, 0xFE, 0x62])),
        ])
    }

    @Test func statusResponses() {
        expectParsed([
            ParserRow("* STATUS blurdybloop (MESSAGES 231 UIDNEXT 44292)\r\n",
                      .untagged(.mailboxStatus(MailboxName(wire: "blurdybloop"), MailboxStatus(messages: 231, uidNext: UID(44292))))),
            ParserRow("* STATUS \"INBOX\" (MESSAGES 17 RECENT 0 UIDNEXT 18 UIDVALIDITY 1700000000 UNSEEN 3 DELETED 1 SIZE 123456789012 HIGHESTMODSEQ 90060115205545359)\r\n",
                      .untagged(.mailboxStatus(.inbox, MailboxStatus(
                          messages: 17, recent: 0, uidNext: UID(18), uidValidity: UIDValidity(1_700_000_000), unseen: 3,
                          deleted: 1, size: 123_456_789_012, highestModSeq: ModSeq(90_060_115_205_545_359))))),
            ParserRow("* STATUS \"Sent Items\" ()\r\n", .untagged(.mailboxStatus(MailboxName(wire: "Sent Items"), MailboxStatus()))),
            ParserRow("* STATUS Foo (messages 2 X-UNKNOWN (a b) UNSEEN 1 )\r\n",
                      .untagged(.mailboxStatus(MailboxName(wire: "Foo"), MailboxStatus(messages: 2, unseen: 1)))),
            ParserRow("* STATUS {5}\r\nab cd (MESSAGES 1)\r\n",
                      .untagged(.mailboxStatus(MailboxName(wire: "ab cd"), MailboxStatus(messages: 1)))),
        ])
    }

    @Test func flagsResponses() {
        expectParsed([
            ParserRow("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n",
                      .untagged(.flags([.answered, .flagged, .deleted, .seen, .draft]))),
            ParserRow("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Forwarded $MDNSent Junk NonJunk \\Recent)\r\n",
                      .untagged(.flags([.answered, .flagged, .deleted, .seen, .draft, .keyword("$Forwarded"),
                                        .keyword("$MDNSent"), .keyword("Junk"), .keyword("NonJunk"), .recent]))),
            ParserRow("* FLAGS ()\r\n", .untagged(.flags([]))),
            ParserRow("* FLAGS (\\seen \\SEEN \\Important)\r\n", .untagged(.flags([.seen, .seen, .extension("Important")]))),
        ])
    }

    @Test func malformedMailboxData() {
        expectRejected([
            InvalidParserRow("* LIST \\Noselect \"/\" x\r\n", .syntax("( before mailbox attributes")),
            InvalidParserRow("* LIST () / x\r\n", .syntax("quoted delimiter or NIL")),
            InvalidParserRow("* LIST () \"/\"\r\n", .syntax("SP after hierarchy delimiter")),
            InvalidParserRow("* LIST () \"/\" \r\n", .syntax("mailbox name in LIST")),
            InvalidParserRow("* LIST () \"/\" \"unterminated\r\n", .syntax("closing quote")),
            InvalidParserRow("* STATUS x (MESSAGES)\r\n", .syntax("SP after STATUS attribute name")),
            InvalidParserRow("* STATUS x (MESSAGES -1)\r\n", .syntax("number in MESSAGES")),
            InvalidParserRow("* STATUS x MESSAGES 1\r\n", .syntax("( before STATUS attributes")),
            InvalidParserRow("* FLAGS \\Seen\r\n", .syntax("( before flags")),
            InvalidParserRow("* FLAGS (\\Seen \\)\r\n", .syntax("flag name after \\")),
            InvalidParserRow("* FLAGS (\\Seen\r\n", .syntax(") after flags")),
        ])
    }
}
