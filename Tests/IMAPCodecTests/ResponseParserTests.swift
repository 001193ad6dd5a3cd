import NIOCore
import Testing
@testable import IMAPCodec

/// Status responses, continuations and the small untagged responses.
@Suite struct ResponseParserTests {
    @Test func taggedStatusResponses() {
        expectParsed([
            ParserRow("A1 OK LOGIN completed\r\n", taggedResponse("A1", .ok, "LOGIN completed")),
            ParserRow("A2 NO [TRYCREATE] No such mailbox\r\n", taggedResponse("A2", .no, "No such mailbox", code: .tryCreate)),
            ParserRow("a3 BAD Error in IMAP command\r\n", taggedResponse("a3", .bad, "Error in IMAP command")),
            ParserRow("A4 OK\r\n", taggedResponse("A4", .ok, "")),
            ParserRow("A4 OK \r\n", taggedResponse("A4", .ok, "")),
            ParserRow("A5 ok done\r\n", taggedResponse("A5", .ok, "done")),
            ParserRow("A6 No  two spaces\r\n", taggedResponse("A6", .no, "two spaces")),
            ParserRow("A7 OK [READ-WRITE] Select completed (0.001 + 0.000 secs).\r\n",
                      taggedResponse("A7", .ok, "Select completed (0.001 + 0.000 secs).", code: .readWrite)),
            ParserRow("A8 OK [READ-ONLY]\r\n", taggedResponse("A8", .ok, "", code: .readOnly)),
            ParserRow("A9 OK [ALERT]no space\r\n", taggedResponse("A9", .ok, "no space", code: .alert)),
            ParserRow("tag.with-odd_chars OK x\r\n", taggedResponse("tag.with-odd_chars", .ok, "x")),
            ParserRow("A10 OK bare LF\n", taggedResponse("A10", .ok, "bare LF")),
            ParserRow("A11 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n",
                      taggedResponse("A11", .no, "Authentication failed.", code: .authenticationFailed)),
            ParserRow("A12 OK Ünïcödé text ✓\r\n", taggedResponse("A12", .ok, "Ünïcödé text ✓")),
        ])
    }

    @Test func untaggedStatusResponses() {
        expectParsed([
            ParserRow("* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ AUTH=PLAIN] Dovecot ready.\r\n",
                      untaggedOK("Dovecot ready.", code: .capability(["IMAP4rev1", "SASL-IR", "LOGIN-REFERRALS", "ID", "ENABLE", "IDLE", "LITERAL+", "AUTH=PLAIN"]))),
            ParserRow("* OK Gimap ready for requests from 192.0.2.1 x1mb123\r\n",
                      untaggedOK("Gimap ready for requests from 192.0.2.1 x1mb123")),
            ParserRow("* NO [ALERT] Disk almost full\r\n", .untagged(.state(.no, ResponseText(code: .alert, text: "Disk almost full")))),
            ParserRow("* BAD garbage\r\n", .untagged(.state(.bad, ResponseText(text: "garbage")))),
            ParserRow("* OK\r\n", untaggedOK("")),
            ParserRow("*  OK  padded\r\n", untaggedOK("padded")),
            ParserRow("* PREAUTH [CAPABILITY IMAP4rev1] Logged in as joe\r\n",
                      .untagged(.preauth(ResponseText(code: .capability(["IMAP4REV1"]), text: "Logged in as joe")))),
            ParserRow("* BYE Logging out\r\n", .untagged(.bye(ResponseText(text: "Logging out")))),
            ParserRow("* BYE\r\n", .untagged(.bye(ResponseText(text: "")))),
            ParserRow("* bye [UNAVAILABLE] shutting down\r\n", .untagged(.bye(ResponseText(code: .unavailable, text: "shutting down")))),
        ])
    }

    @Test func continuationRequests() {
        expectParsed([
            ParserRow("+ Ready for literal data\r\n", .continuation(ContinuationRequest(text: "Ready for literal data"))),
            ParserRow("+ \r\n", .continuation(ContinuationRequest(text: ""))),
            ParserRow("+\r\n", .continuation(ContinuationRequest(text: ""))),
            ParserRow("+\n", .continuation(ContinuationRequest(text: ""))),
            ParserRow("+ idling\r\n", .continuation(ContinuationRequest(text: "idling"))),
            ParserRow("+ [ALERT] careful\r\n", .continuation(ContinuationRequest(text: "careful", code: .alert))),
            ParserRow("+ eyJzdGF0dXMiOiI0MDEiLCJzY2hlbWVzIjoiQmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS8ifQ==\r\n",
                      .continuation(ContinuationRequest(text: "eyJzdGF0dXMiOiI0MDEiLCJzY2hlbWVzIjoiQmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS8ifQ=="))),
            ParserRow("+ YGgGCSqGSIb3EgECAgIBAAD/////6jcyG4GE3KkTzBeBiVHeceP2CWY0SR0fAQAgAAQEBAQ=\r\n",
                      .continuation(ContinuationRequest(text: "YGgGCSqGSIb3EgECAgIBAAD/////6jcyG4GE3KkTzBeBiVHeceP2CWY0SR0fAQAgAAQEBAQ="))),
        ])
    }

    @Test func capabilityAndEnabled() {
        expectParsed([
            ParserRow("* CAPABILITY IMAP4rev1 STARTTLS AUTH=GSSAPI LOGINDISABLED\r\n",
                      .untagged(.capability(["IMAP4rev1", "STARTTLS", "AUTH=GSSAPI", "LOGINDISABLED"]))),
            ParserRow("* capability imap4rev1 idle x-gm-ext-1 \r\n", .untagged(.capability(["IMAP4REV1", "IDLE", "X-GM-EXT-1"]))),
            ParserRow("* CAPABILITY\r\n", .untagged(.capability([]))),
            ParserRow("* ENABLED CONDSTORE QRESYNC\r\n", .untagged(.enabled([.condStore, .qresync]))),
            ParserRow("* ENABLED\r\n", .untagged(.enabled([]))),
            ParserRow("* ENABLED UTF8=ACCEPT\r\n", .untagged(.enabled([.utf8Accept]))),
        ])
    }

    @Test func messageNumbers() {
        expectParsed([
            ParserRow("* 23 EXISTS\r\n", .untagged(.exists(23))),
            ParserRow("* 0 EXISTS\r\n", .untagged(.exists(0))),
            ParserRow("* 4294967295 EXISTS\r\n", .untagged(.exists(4_294_967_295))),
            ParserRow("* 5 RECENT\r\n", .untagged(.recent(5))),
            ParserRow("* 44 EXPUNGE\r\n", .untagged(.expunge(SequenceNumber(44)))),
            ParserRow("* 3 exists\r\n", .untagged(.exists(3))),
            ParserRow("* 3 XFOO bar baz\r\n", .untagged(.other("XFOO", "3 bar baz"))),
        ])
    }

    @Test func idNamespaceAndOthers() {
        expectParsed([
            ParserRow("* ID NIL\r\n", .untagged(.id(nil))),
            ParserRow("* ID (\"name\" \"Dovecot\")\r\n", .untagged(.id([IDParameter(key: "name", value: "Dovecot")]))),
            ParserRow("* ID (\"name\" \"GImap\" \"vendor\" \"Google, Inc.\" \"support-url\" NIL)\r\n",
                      .untagged(.id([IDParameter(key: "name", value: "GImap"), IDParameter(key: "vendor", value: "Google, Inc."),
                                     IDParameter(key: "support-url", value: nil)]))),
            ParserRow("* ID ()\r\n", .untagged(.id([]))),
            ParserRow("* NAMESPACE ((\"\" \"/\")) NIL ((\"#shared/\" \"/\"))\r\n",
                      .untagged(.namespace("((\"\" \"/\")) NIL ((\"#shared/\" \"/\"))"))),
            ParserRow("* QUOTAROOT INBOX \"\"\r\n", .untagged(.other("QUOTAROOT", "INBOX \"\""))),
            ParserRow("* QUOTA \"\" (STORAGE 10 512)\r\n", .untagged(.other("QUOTA", "\"\" (STORAGE 10 512)"))),
            ParserRow("* OKAY\r\n", .untagged(.other("OKAY", ""))),
            ParserRow("* METADATA INBOX (/private/comment {3}\r\nabc)\r\n",
                      .untagged(.other("METADATA", "INBOX (/private/comment {3}\r\nabc)"))),
        ])
    }

    @Test func rejectsGarbage() {
        expectRejected([
            InvalidParserRow("(garbage\r\n", .syntax("tag")),
            InvalidParserRow("A1 MAYBE\r\n", .syntax("OK, NO or BAD after tag")),
            InvalidParserRow("A1\r\n", .syntax("SP after tag")),
            InvalidParserRow("A1 PREAUTH hi\r\n", .syntax("OK, NO or BAD")),
            InvalidParserRow("*\r\n", .syntax("SP after *")),
            InvalidParserRow("* \r\n", .syntax("response name")),
            InvalidParserRow("* FETCH (UID 1)\r\n", .syntax("number before FETCH")),
            InvalidParserRow("* 12\r\n", .syntax("SP after message number")),
            InvalidParserRow("* 12 \r\n", .syntax("FETCH, EXISTS")),
            InvalidParserRow("* 12 EXISTS now\r\n", .syntax("CRLF after message data")),
            InvalidParserRow("* 99999999999 EXISTS\r\n", .syntax("message number that fits in 32 bits")),
            InvalidParserRow("* OK[ALERT] x\r\n", .syntax("SP before response text")),
            InvalidParserRow("* ID (\"name\")\r\n", .syntax("SP after ID field name")),
            InvalidParserRow("* ID \"name\"\r\n", .syntax("( or NIL after ID")),
            InvalidParserRow("A1 OK [UIDNEXT abc] x\r\n", .syntax("number in UIDNEXT")),
            InvalidParserRow("A1 OK [ALERT text\r\n", .syntax("] after response code")),
            InvalidParserRow("A1 OK done\rmore\r\n", .syntax("CRLF after tagged response")),
            InvalidParserRow("\r\n", .syntax("tag")),
            InvalidParserRow(bytes: [0x41, 0x31, 0x20, 0x4F, 0x4B, 0x00, 0x0D, 0x0A], .syntax("SP before response text")),
        ])
    }

    @Test func syntaxErrorNamesOffsetAndExcerpt() {
        let outcome = feedParser(wire("* 1 FETCH (UID x)\r\n"))
        guard case .syntax(let expected, let offset, let excerpt)? = outcome.error else {
            Issue.record("expected a syntax error, got \(String(describing: outcome.error))")
            return
        }
        #expect(expected == "number in UID")
        #expect(offset == 15)
        #expect(excerpt == "* 1 FETCH (UID x)\\r")
        #expect(outcome.error?.description == "malformed response: expected number in UID at byte 15 in \"* 1 FETCH (UID x)\\r\"")
    }

    @Test func severalResponsesInOneBuffer() {
        let input = wire("* 3 EXISTS\r\n* 0 RECENT\r\nA1 OK done\r\n+ go\r\n")
        let expected: [Response] = [
            .untagged(.exists(3)), .untagged(.recent(0)), taggedResponse("A1", .ok, "done"),
            .continuation(ContinuationRequest(text: "go")),
        ]
        #expect(feedParser(input).responses == expected)
        #expect(feedParserByteByByte(input).responses == expected)
    }
}
