import NIOCore
import Testing
@testable import IMAPCodec

/// Response codes in `[…]` (RFC 3501, 4315, 5530, 7162, 9051).
@Suite struct ResponseParserResponseCodeTests {
    /// `* OK [code] text` parses to `code`.
    private func row(_ code: String, _ expected: ResponseCode, sourceLocation: SourceLocation = #_sourceLocation) -> ParserRow {
        ParserRow("* OK [\(code)] text\r\n", untaggedOK("text", code: expected), sourceLocation: sourceLocation)
    }

    @Test func rfc3501Codes() {
        expectParsed([
            row("ALERT", .alert),
            row("alert", .alert),
            row("BADCHARSET", .badCharset([])),
            row("BADCHARSET (UTF-8 US-ASCII)", .badCharset(["UTF-8", "US-ASCII"])),
            row("BADCHARSET (\"UTF-8\")", .badCharset(["UTF-8"])),
            row("CAPABILITY IMAP4rev1 LITERAL+ SASL-IR", .capability(["IMAP4REV1", "LITERAL+", "SASL-IR"])),
            row("PARSE", .parse),
            row("PERMANENTFLAGS ()", .permanentFlags([])),
            row("PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Forwarded \\*)",
                .permanentFlags([.flag(.answered), .flag(.flagged), .flag(.deleted), .flag(.seen), .flag(.draft),
                                 .flag(.keyword("$Forwarded")), .wildcard])),
            row("READ-ONLY", .readOnly),
            row("READ-WRITE", .readWrite),
            row("TRYCREATE", .tryCreate),
            row("UIDNEXT 4392", .uidNext(UID(4392))),
            row("UIDVALIDITY 3857529045", .uidValidity(UIDValidity(3_857_529_045))),
            row("UNSEEN 12", .unseen(SequenceNumber(12))),
        ])
    }

    @Test func extensionCodes() {
        expectParsed([
            row("HIGHESTMODSEQ 715194045007", .highestModSeq(ModSeq(715_194_045_007))),
            row("HIGHESTMODSEQ 18446744073709551615", .highestModSeq(ModSeq(UInt64.max))),
            row("NOMODSEQ", .noModSeq),
            row("MODIFIED 7,9", .modified(SequenceSet(ranges: [.init(SequenceNumber(7)), .init(SequenceNumber(9))]))),
            row("APPENDUID 38505 3955", .appendUID(UIDValidity(38505), uids(.init(UID(3955))))),
            row("APPENDUID 38505 3955:3957", .appendUID(UIDValidity(38505), uids(.init(UID(3955), UID(3957))))),
            row("COPYUID 38505 304,319:320 3956:3958",
                .copyUID(UIDValidity(38505), uids(.init(UID(304)), .init(UID(319), UID(320))), uids(.init(UID(3956), UID(3958))))),
            row("COPYUID 1 1:3,5 10:12,14", .copyUID(UIDValidity(1), uids(.init(UID(1), UID(3)), .init(UID(5))),
                                                     uids(.init(UID(10), UID(12)), .init(UID(14))))),
            row("CLOSED", .closed),
            row("UIDNOTSTICKY", .uidNotSticky),
        ])
    }

    @Test func rfc5530Codes() {
        expectParsed([
            row("UNAVAILABLE", .unavailable),
            row("AUTHENTICATIONFAILED", .authenticationFailed),
            row("AUTHORIZATIONFAILED", .authorizationFailed),
            row("EXPIRED", .expired),
            row("PRIVACYREQUIRED", .privacyRequired),
            row("CONTACTADMIN", .contactAdmin),
            row("NOPERM", .noPerm),
            row("INUSE", .inUse),
            row("EXPUNGEISSUED", .expungeIssued),
            row("CORRUPTION", .corruption),
            row("SERVERBUG", .serverBug),
            row("CLIENTBUG", .clientBug),
            row("CANNOT", .cannot),
            row("LIMIT", .limit),
            row("OVERQUOTA", .overQuota),
            row("ALREADYEXISTS", .alreadyExists),
            row("NONEXISTENT", .nonExistent),
        ])
    }

    @Test func unknownCodesKeepTheirArguments() {
        expectParsed([
            row("X-SOMETHING", .other("X-SOMETHING", nil)),
            row("x-lower", .other("X-LOWER", nil)),
            row("WEBALERT https://accounts.google.com/signin/continue?sarp=1&scc=1",
                .other("WEBALERT", "https://accounts.google.com/signin/continue?sarp=1&scc=1")),
            row("METADATA LONGENTRIES 2199", .other("METADATA", "LONGENTRIES 2199")),
            row("ANNOTATIONS (a b) \"c\"", .other("ANNOTATIONS", "(a b) \"c\"")),
            row("READ-WRITE extra", .readWrite),
            ParserRow("A1 NO [NONEXISTENT] Unknown Mailbox: Foo (now in authenticated state) (Failure)\r\n",
                      taggedResponse("A1", .no, "Unknown Mailbox: Foo (now in authenticated state) (Failure)", code: .nonExistent)),
            ParserRow("A2 OK [APPENDUID 1 2] Append completed.\r\n",
                      taggedResponse("A2", .ok, "Append completed.", code: .appendUID(UIDValidity(1), uids(.init(UID(2)))))),
        ])
    }

    @Test func malformedKnownCodes() {
        expectRejected([
            InvalidParserRow("* OK [UIDNEXT] x\r\n", .syntax("SP after UIDNEXT")),
            InvalidParserRow("* OK [UIDNEXT x] x\r\n", .syntax("number in UIDNEXT")),
            InvalidParserRow("* OK [UIDVALIDITY 4294967296] x\r\n", .syntax("number in UIDVALIDITY that fits in 32 bits")),
            InvalidParserRow("* OK [HIGHESTMODSEQ 18446744073709551616] x\r\n", .syntax("mod-sequence in HIGHESTMODSEQ that fits in 64 bits")),
            InvalidParserRow("* OK [PERMANENTFLAGS \\Seen] x\r\n", .syntax("( after PERMANENTFLAGS")),
            InvalidParserRow("* OK [PERMANENTFLAGS (\\Seen] x\r\n", .syntax(") after PERMANENTFLAGS flags")),
            InvalidParserRow("* OK [COPYUID 1 2] x\r\n", .syntax("SP after source UIDs in COPYUID")),
            InvalidParserRow("* OK [COPYUID 1 2: 3] x\r\n", .syntax("source UID set in COPYUID")),
            InvalidParserRow("* OK [] x\r\n", .syntax("response code name")),
            InvalidParserRow("* OK [UNSEEN 3 x\r\n", .syntax("] after response code")),
        ])
    }
}
