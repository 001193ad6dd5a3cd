import Testing
@testable import MIME

@Suite struct MessageParserTests {
    @Test func parsesTopLevelFields() {
        let raw = TestMessage.message(subject: "=?UTF-8?Q?H=C3=A9llo?=", from: "\"Ann A.\" <ann@example.com>",
                                      to: "b@y, Team: c@z, d@w;", part: .text("x"))
        var message = MessageParser.parse(raw.bytes)
        #expect(message.subject == "Héllo")
        #expect(message.from == [MailAddress(name: "Ann A.", email: "ann@example.com")])
        #expect(message.to.map(\.email) == ["b@y", "c@z", "d@w"])
        #expect(message.date == DateParserTests.reference)
        #expect(message.messageID == "test-1@example.com")
        message.header.fields.append(HeaderField(name: "References", rawValue: " <a@x>\r\n <b@x>"))
        message.header.fields.append(HeaderField(name: "In-Reply-To", rawValue: " <b@x> (comment)"))
        #expect(message.references == ["a@x", "b@x"])
        #expect(message.inReplyTo == ["b@x"])
    }

    @Test(arguments: [
        (" <a@x>\r\n\t<b@x> ", ["a@x", "b@x"], #line), ("<a@x><b@x>", ["a@x", "b@x"], #line),
        ("< a@x\t>", ["a@x"], #line), ("<>, < >", [], #line), (" bare@x ", ["bare@x"], #line),
        ("two words", [], #line), ("<unclosed@x <b@x>", ["b@x"], #line), ("a> <b@x>", ["b@x"], #line),
        ("<é@x> <ü@y>", ["é@x", "ü@y"], #line), ("", [], #line),
    ])
    func messageIDs(field: String, expected: [String], line: Int) {
        #expect(Message.messageIDs(in: field) == expected, "line \(line)")
    }

    @Test func buildsTheTree() {
        let raw = TestMessage.message(part: .multipart("mixed", parts: [
            .multipart("alternative", parts: [.text("plain"), .text("<b>html</b>", subtype: "html")]),
            .attachment([1, 2, 3, 4], type: "application/octet-stream", disposition: "attachment; filename=x.bin"),
        ]))
        let root = MessageParser.parse(raw.bytes).root
        #expect(root.contentType.mimeType == "multipart/mixed")
        #expect(root.children.count == 2)
        #expect(root.part(at: [0])?.contentType.mimeType == "multipart/alternative")
        #expect(root.part(at: [0, 0])?.text == "plain")
        #expect(root.part(at: [0, 1])?.text == "<b>html</b>")
        #expect(root.part(at: [1])?.body == [1, 2, 3, 4])
        #expect(root.part(at: [1])?.fileName == "x.bin")
        #expect(root.part(at: [1])?.transferEncoding == "base64")
        #expect(root.part(at: [5]) == nil)
        #expect(root.allParts().map(\.path) == [[], [0], [0, 0], [0, 1], [1]])
    }

    @Test func embeddedMessageIsParsed() {
        let inner = TestMessage.message(subject: "Inner", part: .text("inner body"))
        let raw = TestMessage.message(part: .multipart("mixed", parts: [.text("outer"), .embedded(inner)]))
        let part = MessageParser.parse(raw.bytes).root.part(at: [1])
        #expect(part?.contentType.isMessage == true)
        #expect(part?.body == inner.bytes)
        #expect(part?.children.first?.header["Subject"] == "Inner")
        #expect(part?.children.first?.text == "inner body")
    }

    @Test func partWithoutHeadersIsPlainText() {
        let raw = "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nno headers here\r\n--b--\r\n"
        let root = MessageParser.parse(raw).root
        #expect(root.children.first?.contentType == .textPlain)
        #expect(root.children.first?.text == "no headers here")
    }

    @Test func emptyPartsAndEmptyInput() {
        #expect(MessageParser.parse([UInt8]()).root.text == "")
        let raw = "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n--b\r\n\r\nsecond\r\n--b--"
        let root = MessageParser.parse(raw).root
        #expect(root.children.count == 2)
        #expect(root.children.last?.text == "second")
    }

    @Test func depthLimitStopsNesting() {
        var part = TestMessage.text("deep")
        for level in 0..<50 {
            part = .multipart("mixed", boundary: "b\(level)", parts: [part])
        }
        let message = MessageParser.parse(TestMessage.message(part: part).bytes, limits: .init(maxDepth: 10, maxParts: 1000))
        var depth = 0
        var node = message.root
        while let child = node.children.first { node = child; depth += 1 }
        #expect(depth == 10)
        #expect(node.isMalformed)
    }

    @Test func partCountLimitStopsSplitting() {
        let parts = (0..<500).map { TestMessage.text("part \($0)") }
        let message = MessageParser.parse(TestMessage.message(part: .multipart("mixed", parts: parts)).bytes,
                                          limits: .init(maxDepth: 10, maxParts: 100))
        #expect(message.root.children.count == 99)
        #expect(message.root.isMalformed)
    }

    @Test func deeplyNestedEmbeddedMessagesAreBounded() {
        var inner = TestMessage.message(part: .text("core"))
        for _ in 0..<200 { inner = TestMessage.message(part: .embedded(inner)) }
        let message = MessageParser.parse(inner.bytes)
        #expect(message.root.allParts().count <= MessageParser.Limits.default.maxDepth + 1)
        _ = ReadableBody(message)
    }

    @Test(arguments: [
        ("SGVsbG8=", "Hello", #line),
        ("SGVs\r\nbG8=", "Hello", #line),
        ("SGVsbG8", "Hello", #line),
        ("S G V s b G 8 =", "Hello", #line),
        ("SGVsbG8=\r\nV29ybGQ=", "HelloWorld", #line),
        ("SGVsbG8h*&^%", "Hello!", #line),
    ])
    func tolerantBase64(input: String, expected: String, line: Int) {
        #expect(MessageParser.decodeTransfer(Array(input.utf8)[...], encoding: "base64") == Array(expected.utf8), "line \(line)")
    }

    @Test(arguments: [
        ("a=3Db", "a=b", #line),
        ("soft=\r\nbreak", "softbreak", #line),
        ("soft=  \nbreak", "softbreak", #line),
        ("bad=ZZescape", "bad=ZZescape", #line),
        ("lower=c3=a9", "lower\u{e9}", #line),
        ("trailing=", "trailing", #line),
    ])
    func tolerantQuotedPrintable(input: String, expected: String, line: Int) {
        let decoded = MessageParser.decodeTransfer(Array(input.utf8)[...], encoding: "quoted-printable")
        #expect(String(decoding: decoded, as: UTF8.self) == expected, "line \(line)")
    }
}
