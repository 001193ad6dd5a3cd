import Testing
@testable import MIME

/// Feeds deterministic mutations of every corpus message through the whole
/// pipeline; the assertion is that nothing traps and results stay sane.
@Suite struct MessageParserFuzzTests {
    /// SplitMix64: small, seeded, the same everywhere.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let interesting: [[UInt8]] = [
        Array("--".utf8), Array("\r\n".utf8), Array("\n\n".utf8), Array("=?".utf8), Array("?=".utf8),
        Array("<".utf8), Array(">".utf8), Array("&#".utf8), Array(";".utf8), Array("\"".utf8), Array("=".utf8),
        Array("boundary=".utf8), Array("Content-Type: multipart/mixed; boundary=x\r\n".utf8),
        Array("charset=x-bogus".utf8), Array("*0*=".utf8), [0xFF], [0x00], [0xC3], [0x1B, 0x24, 0x42],
    ]

    static func mutate(_ input: [UInt8], using rng: inout SeededGenerator) -> [UInt8] {
        var bytes = input
        let rounds = Int.random(in: 1...8, using: &rng)
        for _ in 0..<rounds {
            guard !bytes.isEmpty else { bytes = interesting.randomElement(using: &rng) ?? []; continue }
            let at = Int.random(in: 0..<bytes.count, using: &rng)
            switch Int.random(in: 0..<6, using: &rng) {
            case 0: bytes[at] = UInt8.random(in: 0...255, using: &rng)
            case 1: bytes.remove(at: at)
            case 2: bytes.insert(contentsOf: interesting.randomElement(using: &rng) ?? [], at: at)
            case 3: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...64, using: &rng)))
            case 4:
                let end = min(bytes.count, at + Int.random(in: 1...128, using: &rng))
                bytes.insert(contentsOf: bytes[at..<end], at: Int.random(in: 0...bytes.count, using: &rng))
            default: bytes = Array(bytes[..<at])
            }
        }
        return bytes
    }

    @Test func mutatedCorpusNeverTraps() {
        var rng = SeededGenerator(state: 0x7E27)
        var parsed = 0
        for entry in Corpus.all {
            for _ in 0..<40 {
                let bytes = MessageParserFuzzTests.mutate(entry.bytes, using: &rng)
                let message = MessageParser.parse(bytes)
                let body = ReadableBody(message)
                _ = Snippet.make(from: body.text)
                _ = message.subject
                _ = message.from + message.to + message.cc
                _ = message.date
                for attachment in body.attachments {
                    #expect(attachment.size == attachment.data.count)
                    let name = Attachment.sanitizedFileName(attachment.name)
                    #expect(!name.contains("/") && !name.contains("..") && !name.isEmpty)
                }
                parsed += 1
            }
        }
        #expect(parsed == Corpus.all.count * 40)
    }

    @Test func randomBytesNeverTrap() {
        var rng = SeededGenerator(state: 42)
        for _ in 0..<300 {
            let length = Int.random(in: 0..<2000, using: &rng)
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            _ = ReadableBody(MessageParser.parse(bytes))
            let text = String(decoding: bytes, as: UTF8.self)
            _ = HTMLToText.convert(text)
            _ = AddressParser.parse(text)
            _ = DateParser.parse(text)
            _ = EncodedWordDecoder.decode(text)
            _ = FlowedText.decode(text, delSp: true)
            _ = HeaderParameters(text)
        }
    }
}
