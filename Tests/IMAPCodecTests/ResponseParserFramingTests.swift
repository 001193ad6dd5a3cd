import NIOCore
import Testing
@testable import IMAPCodec

/// Stage one: finding where a response ends, literals, partial input, and
/// what the buffer holds afterwards.
@Suite struct ResponseParserFramingTests {
    @Test func incompleteInputGivesNilAndConsumesNothing() {
        expectNeedsMore([
            IncompleteParserRow(""),
            IncompleteParserRow("*"),
            IncompleteParserRow("* OK"),
            IncompleteParserRow("* OK done\r"),
            IncompleteParserRow("A1 OK done"),
            IncompleteParserRow("+"),
            IncompleteParserRow("* 1 FETCH (BODY[] {5}"),
            IncompleteParserRow("* 1 FETCH (BODY[] {5}\r"),
            IncompleteParserRow("* 1 FETCH (BODY[] {5}\r\n"),
            IncompleteParserRow("* 1 FETCH (BODY[] {5}\r\nHell"),
            IncompleteParserRow("* 1 FETCH (BODY[] {5}\r\nHello"),
            IncompleteParserRow("* 1 FETCH (BODY[] {5}\r\nHello)"),
            IncompleteParserRow("* 1 FETCH (BODY[] {5}\r\nHello)\r"),
            IncompleteParserRow("* 1 FETCH (BODY[] ~{2}\r\n\r\n"),
            IncompleteParserRow("* 1 FETCH (BODY[1] {2}\r\nab BODY[2] {3+}\r\nab"),
            IncompleteParserRow("* LIST () \"/\" {0}\r\n"),
            IncompleteParserRow("* 1 FETCH (BODY[] {999999}\r\nonly a few bytes"),
        ])
    }

    @Test func literalsContinueTheResponse() {
        expectParsed([
            // A literal whose content looks like CRLF, a literal announcement and a new response.
            ParserRow("* 1 FETCH (BODY[] {24}\r\n{5}\r\n* 2 EXISTS\r\nA1 OK\r\n)\r\n",
                      fetchResponse(1, .bodySection(.complete, origin: nil, data: data("{5}\r\n* 2 EXISTS\r\nA1 OK\r\n")))),
            // Several literals in one response, {n+} and an empty literal.
            ParserRow("* 1 FETCH (BODY[1] {2}\r\nab BODY[2] {3+}\r\nabc BODY[3] {0}\r\n)\r\n",
                      fetchResponse(1, .bodySection(SectionSpecifier(part: [1]), origin: nil, data: data("ab")),
                                    .bodySection(SectionSpecifier(part: [2]), origin: nil, data: data("abc")),
                                    .bodySection(SectionSpecifier(part: [3]), origin: nil, data: data("")))),
            // Bare LF line ends, also after a literal announcement.
            ParserRow("* 1 FETCH (BODY[] {3}\nabc)\n", fetchResponse(1, .bodySection(.complete, origin: nil, data: data("abc")))),
            // A literal ending in CR right before the closing line.
            ParserRow("* 1 FETCH (BODY[] {2}\r\na\r)\r\n", fetchResponse(1, .bodySection(.complete, origin: nil, data: data("a\r")))),
            // Binary bytes, including NUL, in a literal8.
            ParserRow(bytes: wire("* 1 FETCH (BINARY[] ~{4}\r\n") + [0x00, 0x0A, 0xFF, 0x0D] + wire(")\r\n"),
                      fetchResponse(1, .binarySection([], origin: nil, data: ByteBuffer(bytes: [0x00, 0x0A, 0xFF, 0x0D])))),
            // `{…}` that is not at the end of a line is no literal.
            ParserRow("* OK {5} is not a literal here\r\n", untaggedOK("{5} is not a literal here")),
            ParserRow("* OK text ending in braces {}\r\n", untaggedOK("text ending in braces {}")),
            ParserRow("* OK {x}\r\n", untaggedOK("{x}")),
        ])
    }

    @Test func responsesAreProducedOneAtATime() throws {
        var parser = ResponseParser()
        var buffer = ByteBuffer(string: "* 1 EXISTS\r\n* 1 FETCH (BODY[] {3}\r\nabc)\r\nA1 OK x\r\n* 2 EXI")
        #expect(try parser.parseResponse(from: &buffer) == .untagged(.exists(1)))
        #expect(buffer.readableBytes == 45)
        #expect(try parser.parseResponse(from: &buffer) == fetchResponse(1, .bodySection(.complete, origin: nil, data: data("abc"))))
        #expect(try parser.parseResponse(from: &buffer) == taggedResponse("A1", .ok, "x"))
        #expect(try parser.parseResponse(from: &buffer) == nil)
        #expect(buffer.readableBytes == 7)
        buffer.discardReadBytes()  // compacting between calls is allowed
        buffer.writeString("STS\r\n")
        #expect(try parser.parseResponse(from: &buffer) == .untagged(.exists(2)))
        #expect(buffer.readableBytes == 0)
        #expect(try parser.parseResponse(from: &buffer) == nil)
    }

    @Test func syntaxErrorConsumesTheBadResponseOnly() throws {
        var parser = ResponseParser()
        var buffer = ByteBuffer(string: "* 1 FETCH (UID x)\r\n* 2 EXISTS\r\n")
        #expect(throws: ParserError.self) { try parser.parseResponse(from: &buffer) }
        // The bad response is gone; the next one is intact and the parser can go on.
        #expect(String(buffer: buffer) == "* 2 EXISTS\r\n")
        #expect(try parser.parseResponse(from: &buffer) == .untagged(.exists(2)))

        var deep = ByteBuffer(string: "* 1 FETCH (X \(String(repeating: "(", count: 100)))\r\nA1 OK\r\n")
        #expect(throws: ParserError.nestingTooDeep(limit: 64)) { try parser.parseResponse(from: &deep) }
        #expect(String(buffer: deep) == "A1 OK\r\n")
    }

    @Test func framingErrorLeavesTheBufferAndIsFinal() throws {
        var parser = ResponseParser(limits: ParserLimits(maxLineLength: 16))
        var buffer = ByteBuffer(string: "* OK this line is far too long\r\n* 2 EXISTS\r\n")
        let before = buffer
        #expect(throws: ParserError.lineTooLong(limit: 16)) { try parser.parseResponse(from: &buffer) }
        #expect(buffer == before)
        // Every later call fails the same way: the stream cannot be trusted.
        buffer.writeString("* 3 EXISTS\r\n")
        #expect(throws: ParserError.lineTooLong(limit: 16)) { try parser.parseResponse(from: &buffer) }
    }

    @Test func byteByByteFramingIsLinear() throws {
        // A 1 MB literal after a header fed one byte at a time: each byte is looked at once.
        // (A quadratic rescan would take minutes here; linear takes well under a second even in debug.)
        let size = 1 << 20
        let header = wire("* 1 FETCH (BODY[] {\(size)}\r\n")
        var parser = ResponseParser()
        var buffer = ByteBuffer()
        buffer.reserveCapacity(size + 100)
        for byte in header {
            buffer.writeInteger(byte)
            #expect(try parser.parseResponse(from: &buffer) == nil)
        }
        let payload = [UInt8](repeating: UInt8(ascii: "x"), count: 4096)
        for _ in 0..<(size / 4096) {
            buffer.writeBytes(payload)
            guard try parser.parseResponse(from: &buffer) == nil else {
                Issue.record("complete too early")
                return
            }
        }
        // A long line fed byte by byte is scanned incrementally too.
        for byte in wire(" UID 7" + String(repeating: " ", count: 200_000) + ")\r") {
            buffer.writeInteger(byte)
            guard try parser.parseResponse(from: &buffer) == nil, parser.pendingScanned == buffer.readableBytes else {
                Issue.record("complete too early, or scan position off")
                return
            }
        }
        buffer.writeInteger(UInt8(ascii: "\n"))
        let response = try parser.parseResponse(from: &buffer)
        guard case .untagged(.fetch(_, let attributes))? = response, attributes.count == 2,
              case .bodySection(_, _, let body?) = attributes[0] else {
            Issue.record("unexpected response")
            return
        }
        #expect(body.readableBytes == size)
        #expect(attributes[1] == .uid(UID(7)))
    }
}
