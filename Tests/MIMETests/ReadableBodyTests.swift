import Testing
@testable import MIME

@Suite struct ReadableBodyTests {
    @Test func prefersPlainInAlternative() {
        let raw = TestMessage.message(part: .multipart("alternative", parts: [
            .text("<p>html first</p>", subtype: "html"), .text("plain second"),
        ]))
        let body = ReadableBody(MessageParser.parse(raw.bytes))
        #expect(body.text == "plain second")
        #expect(body.source == .plain)
        #expect(body.attachments.isEmpty)
    }

    @Test func forwardedHeadersCannotForgeLines() {
        let inner = TestMessage.message(subject: "Real", from: "=?UTF-8?Q?Eve=0ASubject:_Fake?= <eve@example.com>",
                                        part: .text("inner body"))
        let raw = TestMessage.message(part: .multipart("mixed", parts: [.text("see below"), .embedded(inner)]))
        let body = ReadableBody(MessageParser.parse(raw.bytes))
        #expect(body.text.contains("From: Eve Subject: Fake <eve@example.com>"))
        #expect(!body.text.split(separator: "\n").contains { $0.hasPrefix("Subject: Fake") })
    }

    @Test func htmlOnlyIsConverted() {
        let raw = TestMessage.message(part: .text("<p>Hi <b>there</b></p>", subtype: "html"))
        let body = ReadableBody(MessageParser.parse(raw.bytes))
        #expect(body.text == "Hi there")
        #expect(body.source == .html)
    }

    @Test func relatedUsesTheStartPart() {
        let raw = TestMessage.message(part: .multipart("related", parts: [
            TestMessage([("Content-Type", "image/png"), ("Content-ID", "<img1>")], body: "x"),
            TestMessage([("Content-Type", "text/html"), ("Content-ID", "<root@x>")], body: "<p>root</p>"),
        ], params: "; start=\"<root@x>\""))
        let body = ReadableBody(MessageParser.parse(raw.bytes))
        #expect(body.text == "root")
        #expect(body.attachments.map(\.contentID) == ["img1"])
    }

    @Test func fallbackCharsetIsReported() {
        let raw = TestMessage.message(part: TestMessage([("Content-Type", "text/plain; charset=x-bogus")], body: "hi ü"))
        let body = ReadableBody(MessageParser.parse(raw.bytes))
        #expect(body.charsetFallback)
        #expect(body.text == "hi ü")
    }

    @Test func attachmentsCarryTypeSizeAndData() {
        let raw = TestMessage.message(part: .multipart("mixed", parts: [
            .text("see"),
            .attachment(Corpus.pdf, type: "application/PDF", disposition: "attachment; filename=\"a.pdf\"; size=999"),
            .attachment(Corpus.png, type: "image/png", disposition: "inline"),
        ]))
        let attachments = ReadableBody(MessageParser.parse(raw.bytes)).attachments
        #expect(attachments.map(\.name) == ["a.pdf", "part-3.png"])
        #expect(attachments.map(\.mediaType) == ["application/pdf", "image/png"])
        #expect(attachments.map(\.size) == [Corpus.pdf.count, Corpus.png.count])
        #expect(attachments.map(\.isInline) == [false, true])
        #expect(attachments.first?.data == Corpus.pdf)
        #expect(attachments.map(\.path) == [[1], [2]])
    }

    @Test func terminalEscapesAreRemoved() {
        let raw = TestMessage.message(subject: "=?UTF-8?Q?evil=1B[2Jtitle=0D=0Anext?=",
                                      part: .text("red \u{1B}[31mtext\u{7}\r\n\ttab\u{9B}"))
        let message = MessageParser.parse(raw.bytes)
        #expect(ReadableBody(message).text == "red [31mtext\n\ttab")
        #expect(message.subject == "evil[2Jtitle next")
        #expect(Snippet.make(from: "a\u{1B}b") == "ab")
    }

    @Test func emptyMessage() {
        let body = ReadableBody(MessageParser.parse([UInt8]()))
        #expect(body.text == "")
        #expect(body.attachments.isEmpty)
    }
}
