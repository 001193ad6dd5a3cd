import Testing
@testable import MIME

@Suite struct HeaderParserTests {
    @Test func parsesFoldedFieldsAndFindsTheBody() {
        let raw = "Subject: Hello\r\n  world\r\nX-Empty:\r\nTo: a@x\r\n\r\nBody\r\n"
        let (header, offset) = HeaderParser.parse(Array(raw.utf8))
        #expect(header.fields.count == 3)
        #expect(header["subject"] == "Hello  world")
        #expect(header.field(named: "SUBJECT")?.rawValue == " Hello\r\n  world")
        #expect(header["X-Empty"] == "")
        #expect(Array(raw.utf8)[offset...].elementsEqual(Array("Body\r\n".utf8)))
    }

    @Test(arguments: [
        // (raw, subject, body, line)
        ("Subject: LF only\nTo: a@x\n\nbody\n", "LF only", "body\n", #line),
        ("Subject: no separator\nThis line is the body\n", "no separator", "This line is the body\n", #line),
        ("From ann@example.com Tue Jul  1 10:52:37 2003\nSubject: mbox\n\nb", "mbox", "b", #line),
        ("Subject : space before colon\n\nb", "space before colon", "b", #line),
        ("Subject: only header", "only header", "", #line),
        ("Subject: x\r\n\tcontinued\r\n\r\n", "x\tcontinued", "", #line),
    ])
    func lenientForms(raw: String, subject: String, body: String, line: Int) {
        let bytes = Array(raw.utf8)
        let (header, offset) = HeaderParser.parse(bytes)
        #expect(header["Subject"] == subject, "line \(line)")
        #expect(String(decoding: bytes[offset...], as: UTF8.self) == body, "line \(line)")
    }

    @Test func eightBitHeadersAreUTF8ElseLatin1() {
        let utf8 = Array("Subject: Grüße\r\n\r\n".utf8)
        #expect(HeaderParser.parse(utf8).header["Subject"] == "Grüße")
        let latin1: [UInt8] = Array("Subject: Gr".utf8) + [0xFC, 0xDF, 0x65] + Array("\r\n\r\n".utf8)
        #expect(HeaderParser.parse(latin1).header["Subject"] == "Grüße")
    }

    @Test func keepsDuplicatesInOrder() {
        let raw = "Received: one\r\nReceived: two\r\nTo: a@x\r\nto: b@y\r\n\r\n"
        let header = HeaderParser.parse(Array(raw.utf8)).header
        #expect(header.values(for: "received") == ["one", "two"])
        #expect(header.values(for: "TO") == ["a@x", "b@y"])
        #expect(header.contains("to"))
        #expect(!header.contains("cc"))
    }

    @Test func decodesEncodedWordsOnRequest() {
        let raw = "Subject: =?UTF-8?Q?Caf=C3=A9?=\r\n =?UTF-8?Q?_cr=C3=A8me?=\r\n\r\n"
        let header = HeaderParser.parse(Array(raw.utf8)).header
        #expect(header.decodedValue(for: "Subject") == "Café crème")
    }

    @Test func emptyAndGarbageInputDoNotTrap() {
        #expect(HeaderParser.parse([]).header.fields.isEmpty)
        #expect(HeaderParser.parse([0x0A]).bodyOffset == 1)
        #expect(HeaderParser.parse([0xFF, 0x3A, 0x0A]).header.fields.isEmpty)
        #expect(HeaderParser.parse(Array(" leading continuation\n".utf8)).bodyOffset == 0)
    }
}
