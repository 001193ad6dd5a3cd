import NIOCore
import Testing
@testable import IMAPCodec

extension CommandEncoderTests {
    /// Literal modes (RFC 3501 §4.3, RFC 7888) and APPEND (RFC 3501 §6.3.11, RFC 3516).
    @Suite struct Literals {
        static let synchronising = CommandEncoder(literalMode: .synchronising)
        static let literalPlus = CommandEncoder(literalMode: .literalPlus)
        static let literalMinus = CommandEncoder(literalMode: .literalMinus)

        @Test func chunksSplitExactlyAfterSynchronisingLiterals() {
            let command = Command.rename(from: encoderMailbox("a\nb"), to: encoderMailbox("c\rd"))
            expectEncoderRows([
                EncoderRow(command, "A1 RENAME {3}\r\n", "a\nb {3}\r\n", "c\rd\r\n", encoder: Self.synchronising),
                EncoderRow(command, "A1 RENAME {3+}\r\na\nb {3+}\r\nc\rd\r\n", encoder: Self.literalPlus),
                EncoderRow(command, "A1 RENAME {3+}\r\na\nb {3+}\r\nc\rd\r\n", encoder: Self.literalMinus),
                // A literal at the very end still waits; the CRLF goes with its data.
                EncoderRow(.create(encoderMailbox("x\r")), "A1 CREATE {2}\r\n", "x\r\r\n", encoder: Self.synchronising),
            ])
        }

        @Test func literalMinusBoundary() {
            // RFC 7888 §4: LITERAL- allows non-synchronising literals of 4096 bytes or less.
            let at = String(repeating: "\n", count: 4096)
            let over = String(repeating: "\n", count: 4097)
            expectEncoderRows([
                EncoderRow(.create(encoderMailbox(at)), "A1 CREATE {4096+}\r\n\(at)\r\n", encoder: Self.literalMinus),
                EncoderRow(.create(encoderMailbox(over)), "A1 CREATE {4097}\r\n", "\(over)\r\n", encoder: Self.literalMinus),
                EncoderRow(.create(encoderMailbox(over)), "A1 CREATE {4097+}\r\n\(over)\r\n", encoder: Self.literalPlus),
                EncoderRow(.create(encoderMailbox(at)), "A1 CREATE {4096}\r\n", "\(at)\r\n", encoder: Self.synchronising),
            ])
            // Mixed sizes in one command: only the large one splits.
            let mixed = Command.login(username: "ü", password: over)
            let chunks = Self.literalMinus.encode(mixed, tag: Tag("A1")).chunks.map { String(buffer: $0) }
            #expect(chunks == ["A1 LOGIN {2+}\r\nü {4097}\r\n", "\(over)\r\n"])
        }

        @Test func append() {
            let message = "From: a@example.org\r\nSubject: hi\r\n\r\nHello\r\n"
            let date = InternalDate(year: 1996, month: 7, day: 7, hour: 2, minute: 44, second: 25, zoneMinutes: -420)
            expectEncoderRows([
                EncoderRow(
                    .append(.inbox, flags: [], date: nil, message: ByteBuffer(string: message)),
                    "A1 APPEND INBOX {43}\r\n", "\(message)\r\n"),
                EncoderRow(
                    .append(encoderMailbox("Sent Items"), flags: [.seen, .keyword("$Forwarded")], date: date,
                            message: ByteBuffer(string: message)),
                    "A1 APPEND \"Sent Items\" (\\Seen $Forwarded) \"07-Jul-1996 02:44:25 -0700\" {43}\r\n",
                    "\(message)\r\n"),
                EncoderRow(
                    .append(encoderMailbox("Drafts"), flags: [.draft], date: nil, message: ByteBuffer(string: message)),
                    "A1 APPEND Drafts (\\Draft) {43+}\r\n\(message)\r\n", encoder: Self.literalPlus),
                EncoderRow(
                    .append(encoderMailbox("Drafts"), flags: [], date: date, message: ByteBuffer(string: message)),
                    "A1 APPEND Drafts \"07-Jul-1996 02:44:25 -0700\" {43+}\r\n\(message)\r\n", encoder: Self.literalMinus),
                // The message is always a literal, even an empty one.
                EncoderRow(.append(.inbox, flags: [], date: nil, message: ByteBuffer()), "A1 APPEND INBOX {0}\r\n", "\r\n"),
            ])
            #expect(message.utf8.count == 43)
        }

        @Test func appendLargeMessageWithLiteralMinus() {
            let big = ByteBuffer(repeating: UInt8(ascii: "x"), count: 5000)
            let chunks = encoderChunkBytes(.append(.inbox, flags: [], date: nil, message: big), encoder: Self.literalMinus)
            #expect(chunks.count == 2)
            #expect(chunks.first == Array("A1 APPEND INBOX {5000}\r\n".utf8))
            #expect(chunks.last == Array(repeating: UInt8(ascii: "x"), count: 5000) + [13, 10])
        }

        @Test func appendWithNULUsesLiteral8WhenTheServerHasBinary() {
            let bytes: [UInt8] = Array("Subject: x\r\n\r\n".utf8) + [0x00, 0xFF, 0x01]
            let message = ByteBuffer(bytes: bytes)
            let command = Command.append(.inbox, flags: [], date: nil, message: message)
            let cases: [(CommandEncoder, [[UInt8]], SourceLocation)] = [
                (CommandEncoder(binary: true), [Array("A1 APPEND INBOX ~{17}\r\n".utf8), bytes + [13, 10]], #_sourceLocation),
                (CommandEncoder(literalMode: .literalPlus, binary: true),
                 [Array("A1 APPEND INBOX ~{17+}\r\n".utf8) + bytes + [13, 10]], #_sourceLocation),
                (CommandEncoder(literalMode: .literalMinus, binary: true),
                 [Array("A1 APPEND INBOX ~{17+}\r\n".utf8) + bytes + [13, 10]], #_sourceLocation),
                // Without BINARY a plain literal is all there is (the server may refuse the NUL).
                (CommandEncoder(), [Array("A1 APPEND INBOX {17}\r\n".utf8), bytes + [13, 10]], #_sourceLocation),
            ]
            for (encoder, expected, location) in cases {
                #expect(encoderChunkBytes(command, encoder: encoder) == expected, sourceLocation: location)
            }
            // Without NUL bytes, BINARY changes nothing.
            let text = Command.append(.inbox, flags: [], date: nil, message: ByteBuffer(string: "8-bit \u{E9}\r\n"))
            #expect(encoderChunkBytes(text, encoder: CommandEncoder(binary: true)).first == Array("A1 APPEND INBOX {10}\r\n".utf8))
        }

        @Test func everyChunkButTheLastEndsWithASynchronisingLiteralHeader() {
            let command = Command.search(
                .and([.from("a\r\n"), .subject("ü"), .header("X-\u{1}", "\n"), .text("plain")]), returnOptions: nil)
            let chunks = Self.synchronising.encode(command, tag: Tag("A1")).chunks.map { String(buffer: $0) }
            #expect(chunks == [
                "A1 SEARCH CHARSET UTF-8 FROM {3}\r\n",
                "a\r\n SUBJECT {2}\r\n",
                "ü HEADER \"X-\u{1}\" {1}\r\n",
                "\n TEXT plain\r\n",
            ])
            for chunk in chunks.dropLast() {
                #expect(chunk.hasSuffix("}\r\n") && !chunk.hasSuffix("+}\r\n"))
            }
        }
    }
}
