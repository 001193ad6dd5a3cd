import NIOCore
import Testing
@testable import IMAPCodec

/// A large FETCH reply streamed the way a socket delivers it.
@Suite struct ResponseParserStreamTests {
    /// One synthetic `UID FETCH 1:* (UID FLAGS ENVELOPE BODYSTRUCTURE)` line.
    static func message(_ n: Int) -> String {
        let flags = n % 3 == 0 ? "\\Seen" : n % 3 == 1 ? "\\Seen \\Flagged" : ""
        let subject = n % 7 == 0 ? "{21}\r\nSubject with \"quotes\"" : "\"Message number \(n)\""
        let envelope = "(\"Mon, 7 Oct 2024 09:\(10 + n % 50):00 +0000\" \(subject) ((\"Sender \(n % 100)\" NIL \"sender\(n % 100)\" \"example.com\")) "
            + "((\"Sender\" NIL \"sender\" \"example.com\")) NIL ((NIL NIL \"me\" \"example.org\")) NIL NIL NIL \"<msg\(n)@example.com>\")"
        let body = n % 2 == 0
            ? "(\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"7bit\" \(100 + n % 1000) \(3 + n % 40) NIL NIL NIL NIL)"
            : "((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"quoted-printable\" 1200 30 NIL NIL NIL NIL)"
                + "(\"application\" \"pdf\" (\"name\" \"r\(n).pdf\") NIL NIL \"base64\" 48000 NIL (\"attachment\" (\"filename\" \"r\(n).pdf\")) NIL NIL)"
                + " \"mixed\" (\"boundary\" \"b\(n)\") NIL NIL NIL)"
        return "* \(n) FETCH (UID \(1000 + n) FLAGS (\(flags)) ENVELOPE \(envelope) BODYSTRUCTURE \(body))\r\n"
    }

    @Test func fiftyThousandMessagesInSixteenKilobyteChunks() throws {
        let count = 50_000
        var stream: [UInt8] = []
        stream.reserveCapacity(count * 700)
        var ends: [Int] = []  // where each response's bytes are complete
        ends.reserveCapacity(count + 1)
        for n in 1...count {
            stream += Self.message(n).utf8
            ends.append(stream.count)
        }
        stream += "A5 OK Fetch completed (0.851 + 0.000 + 0.850 secs).\r\n".utf8
        ends.append(stream.count)

        var parser = ResponseParser()
        var buffer = ByteBuffer()
        var produced = 0
        var fetched = 0
        var largestLeftover = 0
        var offset = 0
        var complete = 0
        while offset < stream.count {
            let end = min(offset + 16 * 1024, stream.count)
            buffer.writeBytes(stream[offset..<end])
            offset = end
            while let response = try parser.parseResponse(from: &buffer) {
                if case .untagged(.fetch(let number, let attributes)) = response {
                    fetched += 1
                    if number.rawValue != UInt32(fetched) || attributes.count != 4 || attributes.first != .uid(UID(1000 + UInt32(fetched))) {
                        Issue.record("message \(fetched) parsed as \(response)")
                        return
                    }
                }
                produced += 1
            }
            // Every response whose bytes are all here came out; what is left is part of one response.
            while complete < ends.count, ends[complete] <= offset { complete += 1 }
            guard produced == complete else {
                Issue.record("after \(offset) bytes: \(produced) responses, \(complete) complete")
                return
            }
            let pendingStart = produced == 0 ? 0 : ends[produced - 1]
            #expect(buffer.readableBytes == offset - pendingStart)
            largestLeftover = max(largestLeftover, buffer.readableBytes)
            if buffer.readerIndex > 64 * 1024 { buffer.discardReadBytes() }
        }
        #expect(fetched == count)
        #expect(produced == count + 1)
        #expect(buffer.readableBytes == 0)
        // Never more than one (partial) response waited in the buffer.
        let longest = zip(ends, [0] + ends).map { $0 - $1 }.max() ?? 0
        #expect(largestLeftover < longest)
    }
}
