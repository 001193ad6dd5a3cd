import NIOCore
import Testing
@testable import IMAPCodec

/// The bounds that keep a hostile server from exhausting memory or stack.
@Suite struct ResponseParserLimitsTests {
    @Test func lineLength() {
        let limits = ParserLimits(maxLineLength: 22)
        expectParsed([
            ParserRow("* OK exactly 22 bytes!\r\n", untaggedOK("exactly 22 bytes!")),
            ParserRow("* OK exactly 22 bytes!\n", untaggedOK("exactly 22 bytes!")),
            // The limit counts bytes between literals, not the whole response.
            ParserRow("* 1 FETCH (BODY[] {40}\r\n0123456789012345678901234567890123456789)\r\n",
                      fetchResponse(1, .bodySection(.complete, origin: nil, data: data("0123456789012345678901234567890123456789")))),
        ], limits: limits)
        expectRejected([
            InvalidParserRow("* OK exactly 23 bytes!!\r\n", .exact(.lineTooLong(limit: 22))),
            InvalidParserRow("* 1 FETCH (BODY[] {2}\r\nab UID 1 FLAGS (\\Seen \\Flagged))\r\n", .exact(.lineTooLong(limit: 22))),
            // No line break at all: fails once the limit is passed, without waiting for more.
            InvalidParserRow(String(repeating: "x", count: 24), .exact(.lineTooLong(limit: 22))),
        ], limits: limits)
        // Up to the limit plus a possible CR, an unfinished line is just incomplete.
        expectNeedsMore([IncompleteParserRow(String(repeating: "x", count: 22) + "\r")], limits: limits)
    }

    @Test func hugeLiteralFailsBeforeAnythingIsBuffered() throws {
        var parser = ResponseParser()
        var buffer = ByteBuffer(string: "* 1 FETCH (BODY[] {999999999}\r\n")
        let capacity = buffer.capacity
        #expect(throws: ParserError.literalTooLarge(announced: 999_999_999, limit: 64 << 20)) {
            try parser.parseResponse(from: &buffer)
        }
        #expect(buffer.capacity == capacity)  // nothing reserved on the literal's behalf
        expectRejected([
            InvalidParserRow("* 1 FETCH (BODY[] {999999999}\r\n", .exact(.literalTooLarge(announced: 999_999_999, limit: 64 << 20))),
            InvalidParserRow("* 1 FETCH (BODY[] ~{999999999}\r\n", .exact(.literalTooLarge(announced: 999_999_999, limit: 64 << 20))),
            InvalidParserRow("* 1 FETCH (BODY[] {999999999+}\r\n", .exact(.literalTooLarge(announced: 999_999_999, limit: 64 << 20))),
            InvalidParserRow("* 1 FETCH (BODY[] {18446744073709551615}\r\n",
                             .exact(.literalTooLarge(announced: UInt64.max, limit: 64 << 20))),
            InvalidParserRow("* 1 FETCH (BODY[] {18446744073709551616}\r\n",
                             .exact(.literalTooLarge(announced: UInt64.max, limit: 64 << 20))),
            InvalidParserRow("* 1 FETCH (BODY[] {\(String(repeating: "9", count: 5000))}\r\n",
                             .exact(.literalTooLarge(announced: UInt64.max, limit: 64 << 20))),
        ])
        expectRejected([InvalidParserRow("* 1 FETCH (BODY[] {11}\r\n", .exact(.literalTooLarge(announced: 11, limit: 10)))],
                       limits: ParserLimits(maxLiteralSize: 10))
        expectParsed([ParserRow("* 1 FETCH (BODY[] {10}\r\n0123456789)\r\n",
                                fetchResponse(1, .bodySection(.complete, origin: nil, data: data("0123456789"))))],
                     limits: ParserLimits(maxLiteralSize: 10))
    }

    @Test func responseSize() {
        let limits = ParserLimits(maxLineLength: 100, maxLiteralSize: 100, maxResponseSize: 64)
        expectRejected([
            // Announced literals that would pass the total fail at once.
            InvalidParserRow("* 1 FETCH (BODY[1] {40}\r\n", .exact(.responseTooLarge(limit: 64))),
            InvalidParserRow("* 1 FETCH (BODY[1] {20}\r\n01234567890123456789 BODY[2] {20}\r\n", .exact(.responseTooLarge(limit: 64))),
            // So does a long last line.
            InvalidParserRow("* 1 FETCH (BODY[1] {20}\r\n01234567890123456789 UID 123456789 FLAGS (\\Seen \\Flagged))\r\n",
                             .exact(.responseTooLarge(limit: 64))),
        ], limits: limits)
        expectParsed([
            ParserRow("* 1 FETCH (BODY[1] {20}\r\n01234567890123456789)\r\n",
                      fetchResponse(1, .bodySection(SectionSpecifier(part: [1]), origin: nil, data: data("01234567890123456789")))),
        ], limits: limits)
    }

    @Test func overflowingNumbersAreTypedErrors() {
        expectRejected([
            InvalidParserRow("* 4294967296 EXISTS\r\n", .syntax("message number that fits in 32 bits")),
            InvalidParserRow("* 1 FETCH (RFC822.SIZE 99999999999999999999999999)\r\n", .syntax("number in RFC822.SIZE that fits in 32 bits")),
            InvalidParserRow("* 1 FETCH (MODSEQ (18446744073709551616))\r\n", .syntax("mod-sequence in MODSEQ that fits in 64 bits")),
            InvalidParserRow("* STATUS x (SIZE 184467440737095516150)\r\n", .syntax("number in SIZE that fits in 64 bits")),
            InvalidParserRow("* 1 FETCH (BODY[]<99999999999> NIL)\r\n", .syntax("origin number that fits in 32 bits")),
            InvalidParserRow("* 1 FETCH (BODY[4294967296] NIL)\r\n", .syntax("part number in section that fits in 32 bits")),
            InvalidParserRow("* OK [COPYUID 1 1:4294967296 1] x\r\n", .syntax("source UID set in COPYUID that fits in 32 bits")),
        ])
        expectParsed([
            ParserRow("* 1 FETCH (MODSEQ (18446744073709551615) RFC822.SIZE 4294967295)\r\n",
                      fetchResponse(1, .modSeq(ModSeq(UInt64.max)), .rfc822Size(4_294_967_295))),
            ParserRow("* 1 FETCH (UID 0004)\r\n", fetchResponse(1, .uid(UID(4)))),
        ])
    }
}
