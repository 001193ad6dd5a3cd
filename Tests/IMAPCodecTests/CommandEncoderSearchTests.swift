import NIOCore
import Testing
@testable import IMAPCodec

extension CommandEncoderTests {
    /// SEARCH and UID SEARCH (RFC 3501 §6.4.4, RFC 4731, RFC 7162, X-GM-RAW).
    @Suite struct Search {
        @Test func searchKeys() {
            func search(_ key: SearchKey) -> Command { .search(key, returnOptions: nil) }
            expectEncoderRows([
                EncoderRow(search(.all), "A1 SEARCH ALL\r\n"),
                EncoderRow(search(.seen), "A1 SEARCH SEEN\r\n"),
                EncoderRow(search(.unseen), "A1 SEARCH UNSEEN\r\n"),
                EncoderRow(search(.flagged), "A1 SEARCH FLAGGED\r\n"),
                EncoderRow(search(.unflagged), "A1 SEARCH UNFLAGGED\r\n"),
                EncoderRow(search(.answered), "A1 SEARCH ANSWERED\r\n"),
                EncoderRow(search(.deleted), "A1 SEARCH DELETED\r\n"),
                EncoderRow(search(.undeleted), "A1 SEARCH UNDELETED\r\n"),
                EncoderRow(search(.draft), "A1 SEARCH DRAFT\r\n"),
                EncoderRow(search(.uid(UIDSet(ranges: [.init(UID(5), nil)]))), "A1 SEARCH UID 5:*\r\n"),
                EncoderRow(search(.sequence(SequenceSet(ranges: [.init(SequenceNumber(2), SequenceNumber(4))]))), "A1 SEARCH 2:4\r\n"),
                EncoderRow(search(.keyword("$Junk")), "A1 SEARCH KEYWORD $Junk\r\n"),
                EncoderRow(search(.from("alice")), "A1 SEARCH FROM alice\r\n"),
                EncoderRow(search(.to("bob@example.org")), "A1 SEARCH TO bob@example.org\r\n"),
                EncoderRow(search(.subject("hello world")), "A1 SEARCH SUBJECT \"hello world\"\r\n"),
                EncoderRow(search(.body("say \"hi\"")), "A1 SEARCH BODY \"say \\\"hi\\\"\"\r\n"),
                EncoderRow(search(.text("")), "A1 SEARCH TEXT \"\"\r\n"),
                EncoderRow(search(.header("List-Id", "swift.org")), "A1 SEARCH HEADER List-Id swift.org\r\n"),
                EncoderRow(search(.header("Message-ID", "")), "A1 SEARCH HEADER Message-ID \"\"\r\n"),
                EncoderRow(search(.since(day: 1, month: 2, year: 1994)), "A1 SEARCH SINCE 1-Feb-1994\r\n"),
                EncoderRow(search(.before(day: 31, month: 12, year: 2024)), "A1 SEARCH BEFORE 31-Dec-2024\r\n"),
                EncoderRow(search(.since(day: 0, month: 13, year: 99)), "A1 SEARCH SINCE 1-Dec-0099\r\n"),
                EncoderRow(search(.modSeq(ModSeq(620_162_338))), "A1 SEARCH MODSEQ 620162338\r\n"),
                EncoderRow(search(.gmailRaw("has:attachment in:unread")), "A1 SEARCH X-GM-RAW \"has:attachment in:unread\"\r\n"),
                EncoderRow(search(.gmailRaw("simple")), "A1 SEARCH X-GM-RAW \"simple\"\r\n"),
                EncoderRow(search(.not(.seen)), "A1 SEARCH NOT SEEN\r\n"),
                EncoderRow(search(.or(.from("a"), .to("b"))), "A1 SEARCH OR FROM a TO b\r\n"),
                EncoderRow(
                    search(.or(.and([.from("a"), .unseen]), .not(.or(.flagged, .draft)))),
                    "A1 SEARCH OR (FROM a UNSEEN) NOT OR FLAGGED DRAFT\r\n"),
            ])
        }

        @Test func andLists() {
            func search(_ key: SearchKey) -> Command { .search(key, returnOptions: nil) }
            expectEncoderRows([
                // A top-level AND is the program's list of keys.
                EncoderRow(search(.and([.unseen, .from("alice")])), "A1 SEARCH UNSEEN FROM alice\r\n"),
                // Nested, it is parenthesised.
                EncoderRow(search(.not(.and([.seen, .flagged]))), "A1 SEARCH NOT (SEEN FLAGGED)\r\n"),
                EncoderRow(
                    search(.and([.and([.seen, .flagged]), .deleted])), "A1 SEARCH (SEEN FLAGGED) DELETED\r\n"),
                // An empty AND matches everything.
                EncoderRow(search(.and([])), "A1 SEARCH ALL\r\n"),
                EncoderRow(search(.not(.and([]))), "A1 SEARCH NOT ALL\r\n"),
            ])
        }

        @Test func returnOptionsAndUID() {
            expectEncoderRows([
                EncoderRow(.uidSearch(.unseen, returnOptions: nil), "A1 UID SEARCH UNSEEN\r\n"),
                EncoderRow(.uidSearch(.unseen, returnOptions: ["MIN", "MAX", "COUNT"]), "A1 UID SEARCH RETURN (MIN MAX COUNT) UNSEEN\r\n"),
                EncoderRow(.search(.all, returnOptions: []), "A1 SEARCH RETURN () ALL\r\n"),
                EncoderRow(.search(.all, returnOptions: ["ALL"]), "A1 SEARCH RETURN (ALL) ALL\r\n"),
                EncoderRow(
                    .uidSearch(.and([.modSeq(ModSeq(5)), .undeleted]), returnOptions: ["ALL"]),
                    "A1 UID SEARCH RETURN (ALL) MODSEQ 5 UNDELETED\r\n"),
            ])
        }

        @Test func nonASCIISearchStrings() {
            let utf8 = CommandEncoder(utf8Accepted: true)
            expectEncoderRows([
                // Without UTF8=ACCEPT: CHARSET UTF-8 after RETURN, and 8-bit strings as literals.
                EncoderRow(.search(.subject("Grüße"), returnOptions: nil), "A1 SEARCH CHARSET UTF-8 SUBJECT {7}\r\n", "Grüße\r\n"),
                EncoderRow(
                    .uidSearch(.not(.from("Jürgen")), returnOptions: ["COUNT"]),
                    "A1 UID SEARCH RETURN (COUNT) CHARSET UTF-8 NOT FROM {7}\r\n", "Jürgen\r\n"),
                EncoderRow(
                    .search(.gmailRaw("from:jürgen"), returnOptions: nil),
                    "A1 SEARCH CHARSET UTF-8 X-GM-RAW {12+}\r\nfrom:jürgen\r\n",
                    encoder: CommandEncoder(literalMode: .literalPlus)),
                // With UTF8=ACCEPT: UTF-8 is the charset, strings are quoted.
                EncoderRow(.search(.subject("Grüße"), returnOptions: nil), "A1 SEARCH SUBJECT \"Grüße\"\r\n", encoder: utf8),
                EncoderRow(
                    .search(.header("X-Ä", "ö"), returnOptions: nil), "A1 SEARCH HEADER \"X-Ä\" \"ö\"\r\n", encoder: utf8),
            ])
        }
    }
}
