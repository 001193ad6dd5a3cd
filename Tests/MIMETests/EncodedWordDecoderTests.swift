import Testing
@testable import MIME

@Suite struct EncodedWordDecoderTests {
    @Test(arguments: [
        ("plain text", "plain text"),
        ("=?UTF-8?Q?Fran=C3=A7ois?= Martin", "François Martin"),
        ("=?ISO-8859-1?B?Wm/rIMViZXJn?=", "Zoë Åberg"),
        ("=?utf-8?q?a_b?=", "a b"),
        // Whitespace between adjacent encoded words disappears.
        ("=?UTF-8?Q?a?= =?UTF-8?Q?b?=", "ab"),
        // Glued to text without a space.
        ("Re:=?UTF-8?Q?caf=C3=A9?=!", "Re:café!"),
        // A multibyte character split across two words.
        ("=?UTF-8?B?5pel?= =?UTF-8?B?5pys?=", "日本"),
        ("=?UTF-8?Q?=E6=97?= =?UTF-8?Q?=A5?=", "日"),
        // Unknown charset: the text is kept, not dropped.
        ("=?x-unknown?Q?hello?=", "hello"),
        // Malformed words stay as written.
        ("=?UTF-8?X?abc?=", "=?UTF-8?X?abc?="),
        ("=?UTF-8?Q?unterminated", "=?UTF-8?Q?unterminated"),
        ("=?ISO-2022-JP?B?GyRCRnxLXDhsGyhC?=", "日本語"),
        ("=?EUC-JP?B?xvzL3Ljs?=", "日本語"),
        ("=?KOI8-R?B?8NLJ18XU?=", "Привет"),
        ("=?windows-1252?Q?=80_5?=", "€ 5"),
        ("=?GB2312?B?1tDOxA==?=", "中文"),
    ])
    func decodes(input: String, expected: String) {
        #expect(EncodedWordDecoder.decode(input) == expected)
    }

    @Test func invalidBytesBecomeReplacementCharacters() {
        #expect(CharsetDecoder.decode([0x61, 0xff, 0x62], charset: "UTF-8") == "a\u{FFFD}b")
        #expect(CharsetDecoder.decode([0x61, 0x82, 0xa0, 0x62], charset: "EUC-JP")?.hasPrefix("a") == true)
    }

    @Test func unknownCharsetIsNil() {
        #expect(CharsetDecoder.decode([0x61], charset: "x-no-such-charset") == nil)
    }
}
