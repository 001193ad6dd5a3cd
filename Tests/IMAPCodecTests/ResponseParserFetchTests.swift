import NIOCore
import Testing
@testable import IMAPCodec

/// FETCH items and ENVELOPE.
@Suite struct ResponseParserFetchTests {
    @Test func simpleItems() {
        expectParsed([
            ParserRow("* 12 FETCH (UID 4827313)\r\n", fetchResponse(12, .uid(UID(4_827_313)))),
            ParserRow("* 12 FETCH (FLAGS (\\Seen \\Answered $Forwarded))\r\n", fetchResponse(12, .flags([.seen, .answered, .keyword("$Forwarded")]))),
            ParserRow("* 12 FETCH (FLAGS ())\r\n", fetchResponse(12, .flags([]))),
            ParserRow("* 12 FETCH (RFC822.SIZE 44827)\r\n", fetchResponse(12, .rfc822Size(44827))),
            ParserRow("* 12 FETCH (INTERNALDATE \"17-Jul-1996 02:44:25 -0700\")\r\n",
                      fetchResponse(12, .internalDate(InternalDate(year: 1996, month: 7, day: 17, hour: 2, minute: 44, second: 25, zoneMinutes: -420)))),
            ParserRow("* 1 FETCH (INTERNALDATE \" 3-Dec-2024 23:59:60 +0530\")\r\n",
                      fetchResponse(1, .internalDate(InternalDate(year: 2024, month: 12, day: 3, hour: 23, minute: 59, second: 60, zoneMinutes: 330)))),
            ParserRow("* 1 FETCH (INTERNALDATE \"3-jan-2024 00:00:00 +0000\")\r\n",
                      fetchResponse(1, .internalDate(InternalDate(year: 2024, month: 1, day: 3, hour: 0, minute: 0, second: 0, zoneMinutes: 0)))),
            ParserRow("* 1 FETCH (MODSEQ (624140003))\r\n", fetchResponse(1, .modSeq(ModSeq(624_140_003)))),
            ParserRow("* 1 FETCH (X-GM-MSGID 1278455344230334865 X-GM-THRID 18446744073709551615)\r\n",
                      fetchResponse(1, .gmailMessageID(1_278_455_344_230_334_865), .gmailThreadID(UInt64.max))),
            ParserRow("* 1 FETCH (X-GM-LABELS (\\Inbox \\Sent Important \"Muy Importante\" \"\\\\Important\"))\r\n",
                      fetchResponse(1, .gmailLabels(["\\Inbox", "\\Sent", "Important", "Muy Importante", "\\Important"]))),
            ParserRow("* 1 FETCH (X-GM-LABELS ())\r\n", fetchResponse(1, .gmailLabels([]))),
            ParserRow("* 1 FETCH (X-GM-LABELS ({5}\r\nab cd foo))\r\n", fetchResponse(1, .gmailLabels(["ab cd", "foo"]))),
            ParserRow("* 1 FETCH ()\r\n", fetchResponse(1)),
            ParserRow("* 7 fetch (uid 8 flags (\\seen) rfc822.size 9)\r\n", fetchResponse(7, .uid(UID(8)), .flags([.seen]), .rfc822Size(9))),
            ParserRow("* 7 FETCH ( UID 8  RFC822.SIZE 9 )\r\n", fetchResponse(7, .uid(UID(8)), .rfc822Size(9))),
            ParserRow("* 7 FETCH (UID 8 EMAILID (M6d99ac3275bb4e) THREADID NIL PREVIEW {5}\r\nHello SAVEDATE \"17-Jul-1996 02:44:25 -0700\" X-UNKNOWN[1]<0> NIL)\r\n",
                      fetchResponse(7, .uid(UID(8)))),
        ])
    }

    @Test func bodySections() {
        expectParsed([
            ParserRow("* 1 FETCH (BODY[] {5}\r\nHello)\r\n", fetchResponse(1, .bodySection(.complete, origin: nil, data: data("Hello")))),
            ParserRow("* 1 FETCH (BODY[] {0}\r\n)\r\n", fetchResponse(1, .bodySection(.complete, origin: nil, data: data("")))),
            ParserRow("* 1 FETCH (BODY[] \"Hello \\\"you\\\"\")\r\n", fetchResponse(1, .bodySection(.complete, origin: nil, data: data("Hello \"you\"")))),
            ParserRow("* 1 FETCH (BODY[] NIL)\r\n", fetchResponse(1, .bodySection(.complete, origin: nil, data: nil))),
            ParserRow("* 1 FETCH (BODY[1.2] {3}\r\nabc)\r\n",
                      fetchResponse(1, .bodySection(SectionSpecifier(part: [1, 2]), origin: nil, data: data("abc")))),
            ParserRow("* 1 FETCH (BODY[HEADER] {4}\r\n\r\n\r\n)\r\n", fetchResponse(1, .bodySection(.header, origin: nil, data: data("\r\n\r\n")))),
            ParserRow("* 1 FETCH (BODY[HEADER.FIELDS (FROM TO)] {11}\r\nFrom: a\r\n\r\n)\r\n",
                      fetchResponse(1, .bodySection(SectionSpecifier(text: .headerFields(["FROM", "TO"])), origin: nil, data: data("From: a\r\n\r\n")))),
            ParserRow("* 1 FETCH (BODY[HEADER.FIELDS.NOT (\"Received\" X-Spam)] \"\")\r\n",
                      fetchResponse(1, .bodySection(SectionSpecifier(text: .headerFieldsNot(["Received", "X-Spam"])), origin: nil, data: data("")))),
            ParserRow("* 1 FETCH (BODY[1.MIME] {2}\r\nab)\r\n",
                      fetchResponse(1, .bodySection(SectionSpecifier(part: [1], text: .mime), origin: nil, data: data("ab")))),
            ParserRow("* 1 FETCH (BODY[3.HEADER] NIL)\r\n",
                      fetchResponse(1, .bodySection(SectionSpecifier(part: [3], text: .header), origin: nil, data: nil))),
            ParserRow("* 1 FETCH (BODY[TEXT]<0> {4}\r\nbody)\r\n", fetchResponse(1, .bodySection(.text, origin: 0, data: data("body")))),
            ParserRow("* 1 FETCH (BODY[1]<1024> \"x\")\r\n", fetchResponse(1, .bodySection(SectionSpecifier(part: [1]), origin: 1024, data: data("x")))),
            ParserRow("* 1 FETCH (body[text] {1+}\r\nx)\r\n", fetchResponse(1, .bodySection(.text, origin: nil, data: data("x")))),
            ParserRow("* 2 FETCH (UID 9 BODY[] {12}\r\n(a) {3}\r\nxyz FLAGS (\\Seen))\r\n",
                      fetchResponse(2, .uid(UID(9)), .bodySection(.complete, origin: nil, data: data("(a) {3}\r\nxyz")), .flags([.seen]))),
            ParserRow("* 1 FETCH (RFC822 {3}\r\nabc RFC822.HEADER {2}\r\nab RFC822.TEXT NIL)\r\n",
                      fetchResponse(1, .rfc822(data("abc")), .rfc822Header(data("ab")), .rfc822Text(nil))),
            ParserRow("* 1 FETCH (BINARY[1] ~{3}\r\n\u{0}\u{1}\u{2} BINARY.SIZE[1] 3 BINARY[] NIL BINARY[2.1]<5> \"q\")\r\n",
                      fetchResponse(1, .binarySection([1], origin: nil, data: ByteBuffer(bytes: [0, 1, 2])), .binarySize([1], size: 3),
                                    .binarySection([], origin: nil, data: nil), .binarySection([2, 1], origin: 5, data: data("q")))),
        ])
    }

    @Test func literalDataIsASliceOfTheInput() throws {
        var parser = ResponseParser()
        var input = ByteBuffer(string: "* 1 FETCH (BODY[] {5}\r\nHello)\r\n")
        let inputBase = input.withUnsafeReadableBytes { UInt(bitPattern: $0.baseAddress) }
        let response = try parser.parseResponse(from: &input)
        guard case .untagged(.fetch(_, let attributes))? = response,
              case .bodySection(_, _, let body?)? = attributes.first else {
            Issue.record("unexpected \(String(describing: response))")
            return
        }
        #expect(body == data("Hello"))
        // Same storage: the slice's bytes live inside the input buffer.
        let bodyBase = body.withUnsafeReadableBytes { UInt(bitPattern: $0.baseAddress) }
        #expect(bodyBase == inputBase + 23)
    }

    @Test func envelopes() {
        let date = "Wed, 17 Jul 1996 02:23:25 -0700 (PDT)"
        expectParsed([
            ParserRow("* 12 FETCH (ENVELOPE (\"\(date)\" \"IMAP4rev1 WG mtg summary and minutes\" ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ((NIL NIL \"imap\" \"cac.washington.edu\")) ((NIL NIL \"minutes\" \"CNRI.Reston.VA.US\")(\"John Klensin\" NIL \"KLENSIN\" \"MIT.EDU\")) NIL NIL \"<B27397-0100000@cac.washington.edu>\"))\r\n",
                      fetchResponse(12, .envelope(env(
                          date: date, subject: "IMAP4rev1 WG mtg summary and minutes",
                          from: [addr("Terry Gray", "gray", "cac.washington.edu")],
                          sender: [addr("Terry Gray", "gray", "cac.washington.edu")],
                          replyTo: [addr("Terry Gray", "gray", "cac.washington.edu")],
                          to: [addr(nil, "imap", "cac.washington.edu")],
                          cc: [addr(nil, "minutes", "CNRI.Reston.VA.US"), addr("John Klensin", "KLENSIN", "MIT.EDU")],
                          messageID: "<B27397-0100000@cac.washington.edu>")))),
            // Everything NIL.
            ParserRow("* 1 FETCH (ENVELOPE (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL))\r\n", fetchResponse(1, .envelope(env()))),
            // "" is kept apart from NIL; empty address lists are tolerated.
            ParserRow("* 1 FETCH (ENVELOPE (\"\" \"\" () NIL NIL NIL NIL NIL \"\" NIL))\r\n",
                      fetchResponse(1, .envelope(env(date: "", subject: "", inReplyTo: "")))),
            // A group: start marker, members, end marker.
            ParserRow("* 1 FETCH (ENVELOPE (NIL \"s\" NIL NIL NIL ((NIL NIL \"undisclosed-recipients\" NIL)(NIL NIL NIL NIL)) ((NIL NIL \"team\" NIL)(\"Ann\" NIL \"ann\" \"example.com\") (\"Bob\" NIL \"bob\" \"example.com\")(NIL NIL NIL NIL)) NIL NIL NIL))\r\n",
                      fetchResponse(1, .envelope(env(
                          subject: "s",
                          to: [addr(nil, "undisclosed-recipients", nil), addr(nil, nil, nil)],
                          cc: [addr(nil, "team", nil), addr("Ann", "ann", "example.com"), addr("Bob", "bob", "example.com"), addr(nil, nil, nil)])))),
            // Literal strings, source routes, escapes, UTF-8 and encoded words.
            ParserRow("* 1 FETCH (ENVELOPE (NIL {21}\r\nSubject with \"quotes\" ((\"=?UTF-8?Q?Andr=C3=A9?=\" \"@relay.example\" \"andre\" \"example.fr\")) NIL NIL ((\"Zoë \\\"Z\\\" Ünal\" NIL \"zoe\" \"example.de\")) NIL NIL \"<a@b>\" {7}\r\n<c@d>x\r))\r\n",
                      fetchResponse(1, .envelope(env(
                          subject: "Subject with \"quotes\"",
                          from: [addr("=?UTF-8?Q?Andr=C3=A9?=", "andre", "example.fr", route: "@relay.example")],
                          to: [addr("Zoë \"Z\" Ünal", "zoe", "example.de")],
                          inReplyTo: "<a@b>", messageID: "<c@d>x\r")))),
            ParserRow("* 1 FETCH (envelope (nil nil nil nil nil nil nil nil nil nil))\r\n", fetchResponse(1, .envelope(env()))),
        ])
    }

    @Test func malformedFetch() {
        expectRejected([
            InvalidParserRow("* 1 FETCH UID 1\r\n", .syntax("( after FETCH")),
            InvalidParserRow("* 1 FETCH (UID 1\r\n", .syntax("SP or ) after FETCH item")),
            InvalidParserRow("* 1 FETCH (UID 1)) \r\n", .syntax("CRLF after message data")),
            InvalidParserRow("* 1 FETCH (UID)\r\n", .syntax("SP after UID")),
            InvalidParserRow("* 1 FETCH (UID 4294967296)\r\n", .syntax("number in UID that fits in 32 bits")),
            InvalidParserRow("* 1 FETCH (MODSEQ 5)\r\n", .syntax("( after MODSEQ")),
            InvalidParserRow("* 1 FETCH (X-GM-MSGID 99999999999999999999)\r\n", .syntax("number in X-GM-MSGID that fits in 64 bits")),
            InvalidParserRow("* 1 FETCH (FLAGS (\\Seen)UID 1)\r\n", .syntax("SP or ) after FETCH item")),
            InvalidParserRow("* 1 FETCH (INTERNALDATE \"17-Foo-1996 02:44:25 -0700\")\r\n", .syntax("month name")),
            InvalidParserRow("* 1 FETCH (INTERNALDATE \"17-Jul-1996 02:44:25 0700\")\r\n", .syntax("zone sign")),
            InvalidParserRow("* 1 FETCH (INTERNALDATE \"17-Jul-1996 25:44:25 +0700\")\r\n", .syntax("valid date-time")),
            InvalidParserRow("* 1 FETCH (INTERNALDATE 17-Jul-1996)\r\n", .syntax("quoted date-time")),
            InvalidParserRow("* 1 FETCH (BODY[1.FOO] NIL)\r\n", .syntax("HEADER, TEXT or MIME")),
            InvalidParserRow("* 1 FETCH (BODY[MIME] NIL)\r\n", .syntax("HEADER, TEXT or MIME")),
            InvalidParserRow("* 1 FETCH (BODY[1 NIL)\r\n", .syntax("] after section")),
            InvalidParserRow("* 1 FETCH (BODY[]<x> NIL)\r\n", .syntax("origin number")),
            InvalidParserRow("* 1 FETCH (BODY[] {5}\r\nabc)\r\n", .syntax("SP or ) after FETCH item")),
            InvalidParserRow("* 1 FETCH (BODY[] {3} abc)\r\n", .syntax("CRLF after literal announcement")),
            InvalidParserRow("* 1 FETCH (BODY[] {99999999999999999999}\r\n)\r\n",
                             .exact(.literalTooLarge(announced: UInt64.max, limit: ParserLimits.default.maxLiteralSize))),
            InvalidParserRow("* 1 FETCH (BODY[] ~{3}\r\nabc)\r\n", .syntax("BODY[…] data")),
            InvalidParserRow("* 1 FETCH (ENVELOPE (NIL NIL NIL NIL NIL NIL NIL NIL NIL))\r\n", .syntax("SP after envelope in-reply-to")),
            InvalidParserRow("* 1 FETCH (ENVELOPE (NIL NIL ((NIL NIL \"a\")) NIL NIL NIL NIL NIL NIL NIL))\r\n", .syntax("SP after address mailbox")),
            InvalidParserRow("* 1 FETCH (ENVELOPE (NIL NIL \"a\" NIL NIL NIL NIL NIL NIL NIL))\r\n", .syntax("from addresses in envelope")),
            InvalidParserRow("* 1 FETCH (X-GM-LABELS (\\))\r\n", .syntax("label after \\")),
        ])
    }
}
