import Testing
@testable import MIME

@Suite struct EncodedWordDecoderTests {
    @Test(arguments: [
        ("plain text", "plain text", #line),
        ("=?UTF-8?Q?Fran=C3=A7ois?= Martin", "François Martin", #line),
        ("=?ISO-8859-1?B?Wm/rIMViZXJn?=", "Zoë Åberg", #line),
        ("=?utf-8?q?a_b?=", "a b", #line),
        ("=?utf-8?b?w6k=?=", "é", #line),
        // Whitespace between adjacent encoded words disappears, even folded.
        ("=?UTF-8?Q?a?= =?UTF-8?Q?b?=", "ab", #line),
        ("=?UTF-8?Q?a?=\r\n =?UTF-8?Q?b?=", "ab", #line),
        // Text around encoded words keeps its spaces.
        ("Hello =?UTF-8?Q?W=C3=B6rld?= !", "Hello Wörld !", #line),
        // Glued to text or to each other without a space.
        ("Re:=?UTF-8?Q?caf=C3=A9?=!", "Re:café!", #line),
        ("=?UTF-8?B?5pel?==?UTF-8?B?5pys?=", "日本", #line),
        // A multibyte character split across two words.
        ("=?UTF-8?B?5pel?= =?UTF-8?B?5pys?=", "日本", #line),
        ("=?UTF-8?Q?=E6=97?= =?UTF-8?Q?=A5?=", "日", #line),
        // Adjacent words in different charsets.
        ("=?ISO-8859-1?Q?=E9?= =?UTF-8?Q?=C3=A9?=", "éé", #line),
        // Spaces inside a Q word (invalid, common) and RFC 2231 language.
        ("=?utf-8?Q?Hello World?=", "Hello World", #line),
        ("=?UTF-8*en?Q?hi?=", "hi", #line),
        ("=?UTF-8?Q??=", "", #line),
        // Base64 without padding.
        ("=?UTF-8?B?w6nDqQ?=", "éé", #line),
        // Unknown charset: the text is kept, not dropped.
        ("=?x-unknown?Q?hello?=", "hello", #line),
        ("=?x-unknown?B?w6k=?=", "é", #line),
        ("=?x-unknown?Q?=93Gr=FC=DFe=94?=", "“Grüße”", #line),
        // Malformed words stay as written.
        ("=?UTF-8?X?abc?=", "=?UTF-8?X?abc?=", #line),
        ("=?UTF-8?Q?unterminated", "=?UTF-8?Q?unterminated", #line),
        ("=??Q?nocharset?=", "=??Q?nocharset?=", #line),
        ("=?", "=?", #line),
        ("=?ISO-2022-JP?B?GyRCRnxLXDhsGyhC?=", "日本語", #line),
        ("=?EUC-JP?B?xvzL3Ljs?=", "日本語", #line),
        ("=?KOI8-R?B?8NLJ18XU?=", "Привет", #line),
        ("=?windows-1252?Q?=80_5?=", "€ 5", #line),
        ("=?GB2312?B?1tDOxA==?=", "中文", #line),
    ])
    func decodes(input: String, expected: String, line: Int) {
        #expect(EncodedWordDecoder.decode(input) == expected, "line \(line)")
    }

    @Test func invalidBytesBecomeReplacementCharacters() {
        #expect(CharsetDecoder.decode([0x61, 0xff, 0x62], charset: "UTF-8") == "a\u{FFFD}b")
        #expect(CharsetDecoder.decode([0x61, 0x82, 0xa0, 0x62], charset: "EUC-JP")?.hasPrefix("a") == true)
    }

    @Test func unknownCharsetIsNil() {
        #expect(CharsetDecoder.decode([0x61], charset: "x-no-such-charset") == nil)
    }
}
