import Testing
@testable import IMAPCodec

/// Modified UTF-7 (RFC 3501 §5.1.3).
@Suite struct ModifiedUTF7Tests {
    struct Row: Sendable {
        var text: String
        var wire: String
        var location: SourceLocation
        init(_ text: String, _ wire: String, sourceLocation: SourceLocation = #_sourceLocation) {
            self.text = text
            self.wire = wire
            self.location = sourceLocation
        }
    }

    static let rows: [Row] = [
        Row("", ""),
        Row("INBOX", "INBOX"),
        Row("Sent Items", "Sent Items"),
        Row("~!\"#$%'()*+,-./:;<=>?@[\\]^_`{|}", "~!\"#$%'()*+,-./:;<=>?@[\\]^_`{|}"),
        Row("&", "&-"),
        Row("&&", "&-&-"),
        Row("Tom & Jerry", "Tom &- Jerry"),
        Row("&-", "&--"),
        Row("Entwürfe", "Entw&APw-rfe"),
        Row("日本語", "&ZeVnLIqe-"),
        Row("台北", "&U,BTFw-"),
        Row("~peter/mail/台北/日本語", "~peter/mail/&U,BTFw-/&ZeVnLIqe-"),
        Row("🎉", "&2DzfiQ-"),
        Row("Party 🎉🎊!", "Party &2Dzfidg834o-!"),
        Row("😀x😀", "&2D3eAA-x&2D3eAA-"),
        Row("Ärger & Ölkrise", "&AMQ-rger &- &ANY-lkrise"),
        Row("été", "&AOk-t&AOk-"),
        Row("€", "&IKw-"),
        Row("Входящие", "&BBIERQQ+BDQETwRJBDgENQ-"),
        Row("a\tb", "a&AAk-b"),
        Row("\u{7F}", "&AH8-"),
    ]

    @Test func encodes() {
        for row in Self.rows {
            #expect(ModifiedUTF7.encode(row.text) == row.wire, sourceLocation: row.location)
        }
    }

    @Test func decodes() {
        for row in Self.rows {
            #expect(ModifiedUTF7.decode(row.wire) == row.text, sourceLocation: row.location)
        }
    }

    @Test func rfcExample() {
        #expect(ModifiedUTF7.decode("~peter/mail/&U,BTFw-/&ZeVnLIqe-") == "~peter/mail/台北/日本語")
        #expect(MailboxName(wire: "~peter/mail/&U,BTFw-/&ZeVnLIqe-").displayName == "~peter/mail/台北/日本語")
        #expect(MailboxName(displayName: "~peter/mail/台北/日本語").wire == "~peter/mail/&U,BTFw-/&ZeVnLIqe-")
    }

    @Test func namesWithoutAmpersandAreReturnedUnchanged() {
        // UTF8=ACCEPT names display as they are.
        #expect(ModifiedUTF7.decode("Entwürfe") == "Entwürfe")
        #expect(ModifiedUTF7.decode("日本語/🎉") == "日本語/🎉")
        #expect(MailboxName(displayName: "Entwürfe", utf8: true).displayName == "Entwürfe")
    }

    @Test func rejectsInvalidInput() {
        let invalid: [(String, SourceLocation)] = [
            ("&", #_sourceLocation),  // unterminated
            ("abc&", #_sourceLocation),
            ("&Jjo", #_sourceLocation),  // unterminated run
            ("&Jjo!", #_sourceLocation),  // "!" is not modified BASE64
            ("&AOQ=-", #_sourceLocation),  // padding
            ("&AO/-", #_sourceLocation),  // "/" instead of ","
            ("&U,BTFw-&ZeVnLIqe-", #_sourceLocation),  // two runs in a row must be one
            ("&AGE-", #_sourceLocation),  // "a" must stand for itself
            ("&ACY-", #_sourceLocation),  // "&" must be "&-"
            ("&ACAAIQ-", #_sourceLocation),  // printable ASCII only
            ("&AOQA-", #_sourceLocation),  // odd number of UTF-16 bytes
            ("&A-", #_sourceLocation),  // 6 bits: no code unit
            ("&AA-", #_sourceLocation),  // 12 bits: no code unit
            ("&AOR-", #_sourceLocation),  // non-zero padding bits
            ("&AOQAA-", #_sourceLocation),  // surplus BASE64 characters
            ("&2Dw-", #_sourceLocation),  // lone high surrogate
            ("&34k-", #_sourceLocation),  // lone low surrogate
            ("&2DzYPA-", #_sourceLocation),  // high surrogate followed by another high one
            ("&AOQ-ü", #_sourceLocation),  // raw 8-bit next to an encoded run
            ("ü&-", #_sourceLocation),
            ("a\tb&-", #_sourceLocation),  // raw control character
            ("Tom & Jerry", #_sourceLocation),
        ]
        for (wire, location) in invalid {
            #expect(ModifiedUTF7.decode(wire) == nil, "\(wire.debugDescription)", sourceLocation: location)
        }
        // An invalid name still displays, as its raw text.
        #expect(MailboxName(wire: "&Jjo").displayName == "&Jjo")
    }

    @Test func randomStringsRoundTrip() {
        var random = EncoderTestRandom(seed: 0x5554_4637)
        let planes: [ClosedRange<UInt32>] = [0x20...0x7E, 0x00...0x1F, 0x7F...0x7FF, 0x800...0xD7FF, 0xE000...0xFFFF, 0x1_0000...0x10_FFFF]
        for iteration in 0..<5000 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<random.below(10) {
                let plane = planes[random.below(planes.count)]
                let value = plane.lowerBound + UInt32(random.below(Int(plane.upperBound - plane.lowerBound) + 1))
                if let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
                if random.below(5) == 0 { scalars.append("&") }
            }
            let text = String(scalars)
            let wire = ModifiedUTF7.encode(text)
            #expect(wire.utf8.allSatisfy { (0x20...0x7E).contains($0) }, "iteration \(iteration)")
            #expect(ModifiedUTF7.decode(wire) == text, "iteration \(iteration): \(text.debugDescription) → \(wire)")
        }
    }

    @Test func decodingIsCanonical() {
        // Whatever wire text decodes, encoding the result gives that text back:
        // no two wire forms mean the same name.
        var random = EncoderTestRandom(seed: 0x4341_4E4F)
        let alphabet = Array("&&&---AAAZaz09+,/=DgEQ2D3eIKw .x".utf8)
        var decoded = 0
        for _ in 0..<20000 {
            let wire = String(decoding: (0..<random.below(12)).map { _ in alphabet[random.below(alphabet.count)] }, as: UTF8.self)
            guard let text = ModifiedUTF7.decode(wire) else { continue }
            decoded += 1
            #expect(ModifiedUTF7.encode(text) == wire, "\(wire.debugDescription) → \(text.debugDescription)")
        }
        #expect(decoded > 1000)
    }
}
