import Testing
@testable import MIME

/// Real text in every charset the reader must handle, as bytes produced by an
/// independent encoder (Python's codecs), base64 encoded.
struct CharsetSample: Sendable, CustomTestStringConvertible {
    var charset: String
    var text: String
    var base64: String
    var line: Int

    var bytes: [UInt8] { MIMETests.bytes(base64: base64) }
    var testDescription: String { charset }

    static let all: [CharsetSample] = [
        CharsetSample(charset: "UTF-8", text: "Emoji 😀, 日本語, ñandú — ok", base64: "RW1vamkg8J+YgCwg5pel5pys6KqeLCDDsWFuZMO6IOKAlCBvaw==", line: #line),
        CharsetSample(charset: "US-ASCII", text: "Plain old ASCII, nothing fancy.", base64: "UGxhaW4gb2xkIEFTQ0lJLCBub3RoaW5nIGZhbmN5Lg==", line: #line),
        CharsetSample(charset: "ISO-8859-1", text: "Grüße aus Köln, café crème à la française", base64: "R3L832UgYXVzIEv2bG4sIGNhZukgY3LobWUg4CBsYSBmcmFu52Fpc2U=", line: #line),
        CharsetSample(charset: "ISO-8859-2", text: "Zażółć gęślą jaźń", base64: "WmG/87PmIGfqtmyxIGphvPE=", line: #line),
        CharsetSample(charset: "ISO-8859-3", text: "Il-ħabib ġab ċerti affarijiet", base64: "SWwtsWFiaWIg9WFiIOVlcnRpIGFmZmFyaWppZXQ=", line: #line),
        CharsetSample(charset: "ISO-8859-4", text: "Rīga, Ķekava, Ļaudona", base64: "Uu9nYSwg02VrYXZhLCCmYXVkb25h", line: #line),
        CharsetSample(charset: "ISO-8859-5", text: "Привет, мир", base64: "v+DY0tXiLCDc2OA=", line: #line),
        CharsetSample(charset: "ISO-8859-6", text: "مرحبا بالعالم", base64: "5dHNyMcgyMfk2cfk5Q==", line: #line),
        CharsetSample(charset: "ISO-8859-7", text: "Καλημέρα κόσμε", base64: "yuHr5+zd8eEg6vzz7OU=", line: #line),
        CharsetSample(charset: "ISO-8859-8", text: "שלום עולם", base64: "+ezl7SDy5ezt", line: #line),
        CharsetSample(charset: "ISO-8859-9", text: "Günaydın, İstanbul şehri", base64: "R/xuYXlk/W4sIN1zdGFuYnVsIP5laHJp", line: #line),
        CharsetSample(charset: "ISO-8859-10", text: "Sámi: Đuhkot ŋ, Þórr", base64: "U+FtaTogqXVoa290IL8sIN7zcnI=", line: #line),
        CharsetSample(charset: "ISO-8859-11", text: "สวัสดีครับ", base64: "ysfRyrTVpMPRug==", line: #line),
        CharsetSample(charset: "ISO-8859-13", text: "Labas rytas, ačiū, Łódź", base64: "TGFiYXMgcnl0YXMsIGHoafssINnzZOo=", line: #line),
        CharsetSample(charset: "ISO-8859-14", text: "Bore da, ŵyr a ŷd", base64: "Qm9yZSBkYSwg8HlyIGEg/mQ=", line: #line),
        CharsetSample(charset: "ISO-8859-15", text: "Prix : 5 € pour l'œuvre", base64: "UHJpeCA6IDUgpCBwb3VyIGwnvXV2cmU=", line: #line),
        CharsetSample(charset: "ISO-8859-16", text: "Bună ziua, ștergere țară", base64: "QnVu4yB6aXVhLCC6dGVyZ2VyZSD+YXLj", line: #line),
        CharsetSample(charset: "windows-1250", text: "Příliš žluťoučký kůň, Zażółć", base64: "UPjtbGmaIJ5sdZ1vdehr/SBr+fIsIFphv/Oz5g==", line: #line),
        CharsetSample(charset: "windows-1251", text: "Съешь же ещё этих мягких французских булок", base64: "0frl+Pwg5uUg5fm4IP3y6PUg7P/j6uj1IPTw4O328+fx6uj1IOHz6+7q", line: #line),
        CharsetSample(charset: "windows-1252", text: "“Smart quotes” – 5 € …", base64: "k1NtYXJ0IHF1b3Rlc5QgliA1IIAghQ==", line: #line),
        CharsetSample(charset: "windows-1253", text: "Γειά σου κόσμε", base64: "w+Xp3CDz7/Ug6vzz7OU=", line: #line),
        CharsetSample(charset: "windows-1254", text: "Çok güzel, teşekkürler", base64: "x29rIGf8emVsLCB0Zf5la2v8cmxlcg==", line: #line),
        CharsetSample(charset: "windows-1255", text: "תודה רבה", base64: "+uXj5CD44eQ=", line: #line),
        CharsetSample(charset: "windows-1256", text: "شكرا جزيلا", base64: "1N/RxyDM0u3hxw==", line: #line),
        CharsetSample(charset: "windows-1257", text: "Ačiū labai, Rīga", base64: "Qehp+yBsYWJhaSwgUu5nYQ==", line: #line),
        CharsetSample(charset: "windows-1258", text: "Xin chào, cà phê", base64: "WGluIGNo4G8sIGPgIHBo6g==", line: #line),
        CharsetSample(charset: "KOI8-R", text: "Привет, как дела?", base64: "8NLJ18XULCDLwcsgxMXMwT8=", line: #line),
        CharsetSample(charset: "KOI8-U", text: "Привіт, як справи? Ґанок", base64: "8NLJ16bULCDRyyDT0NLB18k/IL3Bzs/L", line: #line),
        CharsetSample(charset: "GB2312", text: "你好，世界。电子邮件", base64: "xOO6w6OsysC956GjtefX09PKvP4=", line: #line),
        CharsetSample(charset: "GBK", text: "电子邮件客户端，繁體字", base64: "tefX09PKvP6/zbuntsujrLex83fX1g==", line: #line),
        CharsetSample(charset: "GB18030", text: "中文邮件 €", base64: "1tDOxNPKvP4gouM=", line: #line),
        CharsetSample(charset: "Big5", text: "繁體中文電子郵件", base64: "wWPF6aSkpOW5caRstmyl8w==", line: #line),
        CharsetSample(charset: "Shift_JIS", text: "こんにちは、世界", base64: "grGC8YLJgr+CzYFBkKKKRQ==", line: #line),
        CharsetSample(charset: "EUC-JP", text: "日本語のメールです", base64: "xvzL3LjspM6l4aG8peukx6S5", line: #line),
        CharsetSample(charset: "ISO-2022-JP", text: "会議の議事録を送ります", base64: "GyRCMnE1RCRONUQ7dk8/JHJBdyRqJF4kORsoQg==", line: #line),
        CharsetSample(charset: "EUC-KR", text: "안녕하세요, 세계", base64: "vsiz58fPvLy/5CwgvLyw6A==", line: #line),
    ]

    /// A whole message in this charset: encoded-word subject and sender name,
    /// body in base64, quoted-printable or 8bit (rotating).
    func message(index: Int) -> TestMessage {
        let encodings = ["base64", "quoted-printable", "8bit"]
        let encoding = charset == "ISO-2022-JP" ? "7bit" : encodings[index % encodings.count]
        let word = "=?\(charset)?B?\(base64)?="
        return TestMessage.message(subject: word, from: "\(word) <sender@example.com>",
                                   part: TestMessage.encodedText(bytes, charset: charset, encoding: encoding))
    }
}

@Suite struct CharsetDecoderTests {
    @Test(arguments: CharsetSample.all)
    func decodesEveryCharset(sample: CharsetSample) {
        #expect(CharsetDecoder.decode(sample.bytes, charset: sample.charset) == sample.text, "line \(sample.line)")
        #expect(CharsetDecoder.decode(sample.bytes, charset: sample.charset.lowercased()) == sample.text, "line \(sample.line)")
    }

    @Test(arguments: Array(CharsetSample.all.enumerated()).map { ($0.offset, $0.element) })
    func wholeMessageInEveryCharset(index: Int, sample: CharsetSample) {
        let message = MessageParser.parse(sample.message(index: index).bytes)
        #expect(message.subject == sample.text, "line \(sample.line)")
        #expect(message.from.first?.name == sample.text, "line \(sample.line)")
        #expect(message.from.first?.email == "sender@example.com", "line \(sample.line)")
        #expect(message.root.charsetFallback == false, "line \(sample.line)")
        let body = ReadableBody(message)
        #expect(body.text == sample.text, "line \(sample.line)")
        #expect(body.attachments.isEmpty, "line \(sample.line)")
        #expect(Snippet.make(from: message) == sample.text, "line \(sample.line)")
    }

    @Test(arguments: [
        ("utf8", "UTF-8", #line), ("latin1", "ISO-8859-1", #line), ("ks_c_5601-1987", "CP949", #line),
        ("x-sjis", "SHIFT_JIS", #line), ("gb2312", "GBK", #line), ("utf-8*en", "UTF-8", #line),
        (" US-ASCII ", "US-ASCII", #line), ("cp-1251", "CP1251", #line), ("x-cp1250", "CP1250", #line),
        ("iso-8859-8-i", "ISO-8859-8", #line), ("x-mac-roman", "MACINTOSH", #line),
    ])
    func aliases(input: String, expected: String, line: Int) {
        #expect(CharsetDecoder.normalise(input) == expected, "line \(line)")
    }

    @Test(arguments: ["iso-8859-1", "Latin1", "windows-1252", "CP1252"])
    func westernLabelsReadAsWindows1252(charset: String) {
        // "café" and curly quotes around "€5": 0x80–0x9F are windows-1252, not C1 controls.
        let bytes: [UInt8] = [0x63, 0x61, 0x66, 0xE9, 0x20, 0x93, 0x80, 0x35, 0x94]
        #expect(CharsetDecoder.decode(bytes, charset: charset) == "café \u{201C}€5\u{201D}")
    }

    @Test(arguments: ["cp-1251", "x-cp1251", "CP1251", "windows-1251"])
    func aliasesDecode(charset: String) throws {
        let sample = try #require(CharsetSample.all.first { $0.charset == "windows-1251" })
        #expect(CharsetDecoder.decode(sample.bytes, charset: charset) == sample.text)
    }

    @Test func htmlMetaCharsetIsUsedWhenTheHeaderHasNone() throws {
        let sample = try #require(CharsetSample.all.first { $0.charset == "KOI8-R" })
        let html = Array("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\"></head><body>".utf8)
            + sample.bytes + Array("</body></html>".utf8)
        let message = MessageParser.parse(TestMessage([("Content-Type", "text/html")], bytes: html).bytes)
        #expect(ReadableBody(message).text == sample.text)
        #expect(message.root.charsetFallback == false)
    }

    @Test func latin1LabelledAsUTF8IsRescued() {
        let mislabelled = MessageParser.decodeText([0x4B, 0xF6, 0x6C, 0x6E, 0x20, 0x93, 0x71, 0x94], charset: "utf-8")
        #expect(mislabelled == ("Köln “q”", true))
        // Mostly valid UTF-8 with one bad byte stays UTF-8.
        let damaged = MessageParser.decodeText([0xC3, 0xA9, 0xFF], charset: "utf-8")
        #expect(damaged == ("é\u{FFFD}", false))
    }

    @Test func byteOrderMarkIsDropped() {
        #expect(MessageParser.decodeText([0xEF, 0xBB, 0xBF, 0x68, 0x69], charset: "utf-8").text == "hi")
    }

    @Test func koreanAliasDecodes() {
        let korean = CharsetSample.all.first { $0.charset == "EUC-KR" }
        #expect(CharsetDecoder.decode(korean?.bytes ?? [], charset: "ks_c_5601-1987") == korean?.text)
    }

    @Test func unknownCharsetFallsBackVisibly() {
        let utf8 = MessageParser.decodeText(Array("Grüße".utf8), charset: "x-made-up")
        #expect(utf8.text == "Grüße")
        #expect(utf8.charsetFallback)
        let latin1 = MessageParser.decodeText([0x47, 0x72, 0xFC, 0xDF, 0x65], charset: "x-made-up")
        #expect(latin1.text == "Grüße")
        #expect(latin1.charsetFallback)
    }

    @Test func eightBitUnderASCIIOrNoCharsetIsGuessed() {
        let ascii = MessageParser.decodeText(Array("café".utf8), charset: "us-ascii")
        #expect(ascii == ("café", true))
        let none = MessageParser.decodeText([0x63, 0x61, 0x66, 0xE9], charset: nil)
        #expect(none == ("café", true))
        let clean = MessageParser.decodeText(Array("cafe\r\nbar\r".utf8), charset: nil)
        #expect(clean == ("cafe\nbar\n", false))
    }

    @Test func longTextCrossesTheOutputBuffer() throws {
        let sample = try #require(CharsetSample.all.first { $0.charset == "ISO-2022-JP" })
        let bytes = Array(repeating: sample.bytes, count: 3000).flatMap { $0 }
        let text = CharsetDecoder.decode(bytes, charset: "ISO-2022-JP")
        #expect(text == String(repeating: sample.text, count: 3000))
        let latin = CharsetDecoder.decode(Array(repeating: 0xE9, count: 100_000), charset: "ISO-8859-1")
        #expect(latin == String(repeating: "é", count: 100_000))
    }

    @Test func truncatedMultibyteInputKeepsTheRest() {
        // "日本" in Shift_JIS with the last byte cut off.
        let text = CharsetDecoder.decode([0x93, 0xFA, 0x96], charset: "Shift_JIS")
        #expect(text?.hasPrefix("日") == true)
    }
}
