import NIOCore
import Testing
@testable import IMAPCodec

/// SEARCH, ESEARCH and VANISHED.
@Suite struct ResponseParserSearchTests {
    @Test func searchResponses() {
        expectParsed([
            ParserRow("* SEARCH 2 3 6\r\n", .untagged(.search([2, 3, 6], modSeq: nil))),
            ParserRow("* SEARCH\r\n", .untagged(.search([], modSeq: nil))),
            ParserRow("* SEARCH \r\n", .untagged(.search([], modSeq: nil))),
            ParserRow("* SEARCH 2 5 6 7 11 12 18 19 20 23 (MODSEQ 917162500)\r\n",
                      .untagged(.search([2, 5, 6, 7, 11, 12, 18, 19, 20, 23], modSeq: ModSeq(917_162_500)))),
            ParserRow("* search 4294967295\r\n", .untagged(.search([4_294_967_295], modSeq: nil))),
        ])
        expectRejected([
            InvalidParserRow("* SEARCH 1 x\r\n", .syntax("CRLF after untagged response")),
            InvalidParserRow("* SEARCH 4294967296\r\n", .syntax("number in SEARCH that fits in 32 bits")),
            InvalidParserRow("* SEARCH 1 (MODSEQ)\r\n", .syntax("SP after MODSEQ")),
            InvalidParserRow("* SEARCH 1 (FOO 2)\r\n", .syntax("MODSEQ in SEARCH")),
        ])
    }

    @Test func esearchResponses() {
        expectParsed([
            ParserRow("* ESEARCH (TAG \"A1\") UID MIN 1 MAX 9 COUNT 3 ALL 1:3,9 MODSEQ 1234\r\n",
                      .untagged(.esearch(ESearchResponse(correlator: Tag("A1"), uid: true, min: 1, max: 9, count: 3,
                                                         all: uids(.init(UID(1), UID(3)), .init(UID(9))),
                                                         modSeq: ModSeq(1234))))),
            ParserRow("* ESEARCH (TAG \"A282\") MIN 2 COUNT 3\r\n",
                      .untagged(.esearch(ESearchResponse(correlator: Tag("A282"), min: 2, count: 3)))),
            ParserRow("* ESEARCH (TAG \"A283\") ALL 2,10:11\r\n",
                      .untagged(.esearch(ESearchResponse(correlator: Tag("A283"), all: uids(.init(UID(2)), .init(UID(10), UID(11))))))),
            ParserRow("* ESEARCH (TAG \"A284\")\r\n", .untagged(.esearch(ESearchResponse(correlator: Tag("A284"))))),
            ParserRow("* ESEARCH\r\n", .untagged(.esearch(ESearchResponse()))),
            ParserRow("* ESEARCH UID COUNT 0\r\n", .untagged(.esearch(ESearchResponse(uid: true, count: 0)))),
            ParserRow("* ESEARCH (tag A5) uid count 17 X-EXT (1 2) min 3\r\n",
                      .untagged(.esearch(ESearchResponse(correlator: Tag("A5"), uid: true, min: 3, count: 17)))),
        ])
        expectRejected([
            InvalidParserRow("* ESEARCH (TAG) COUNT 1\r\n", .syntax("SP after TAG")),
            InvalidParserRow("* ESEARCH (FOO \"A1\")\r\n", .syntax("TAG in search correlator")),
            InvalidParserRow("* ESEARCH COUNT\r\n", .syntax("SP after ESEARCH return data name")),
            InvalidParserRow("* ESEARCH ALL 1:\r\n", .syntax("sequence set in ALL")),
        ])
    }

    @Test func vanishedResponses() {
        expectParsed([
            ParserRow("* VANISHED (EARLIER) 41,43:116,118,120:211,214:540\r\n",
                      .untagged(.vanished(earlier: true, uids(.init(UID(41)), .init(UID(43), UID(116)), .init(UID(118)),
                                                              .init(UID(120), UID(211)), .init(UID(214), UID(540)))))),
            ParserRow("* VANISHED 405,407,410,425\r\n",
                      .untagged(.vanished(earlier: false, uids(.init(UID(405)), .init(UID(407)), .init(UID(410)), .init(UID(425)))))),
            ParserRow("* vanished (earlier) 1:*\r\n", .untagged(.vanished(earlier: true, uids(.init(UID(1), nil))))),
            ParserRow("* VANISHED *\r\n", .untagged(.vanished(earlier: false, uids(.star)))),
            ParserRow("* VANISHED *:5\r\n", .untagged(.vanished(earlier: false, uids(.init(UID(5), nil))))),
        ])
        expectRejected([
            InvalidParserRow("* VANISHED\r\n", .syntax("SP after VANISHED")),
            InvalidParserRow("* VANISHED (LATER) 1\r\n", .syntax("EARLIER in VANISHED")),
            InvalidParserRow("* VANISHED (EARLIER)\r\n", .syntax("SP after (EARLIER)")),
            InvalidParserRow("* VANISHED 1,,2\r\n", .syntax("UID set in VANISHED")),
        ])
    }
}
