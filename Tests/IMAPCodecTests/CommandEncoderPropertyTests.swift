import NIOCore
import TernTestSupport
import Testing
@testable import IMAPCodec

extension CommandEncoderTests {
    /// Thousands of random strings: whatever a string holds, its encoding reads
    /// back to the same bytes with an independent reader of RFC 3501's grammar,
    /// takes the smallest form allowed, puts CR and LF only inside literals, and
    /// is split into chunks exactly at synchronising literals.
    @Suite struct Properties {
        static let encoders: [CommandEncoder] = [
            CommandEncoder(literalMode: .synchronising),
            CommandEncoder(literalMode: .literalPlus),
            CommandEncoder(literalMode: .literalMinus),
            CommandEncoder(literalMode: .synchronising, utf8Accepted: true),
            CommandEncoder(literalMode: .literalPlus, utf8Accepted: true),
            CommandEncoder(literalMode: .literalMinus, utf8Accepted: true),
        ]

        /// Encodes `command` (tag `A1`), lets `read` read it back after `A1 `,
        /// then checks the end; a read error is recorded with `context` and
        /// gives `nil`, so the caller stops.
        static func readBack<Value>(
            _ command: Command, with encoder: CommandEncoder, context: String,
            _ read: (inout ReferenceCommandReader) throws -> Value
        ) -> Value? {
            var reader = ReferenceCommandReader(encoder.encode(command, tag: Tag("A1")), encoder: encoder)
            do {
                try reader.expect("A1 ")
                let value = try read(&reader)
                try reader.expectEnd()
                return value
            } catch {
                Issue.record("\(error) — \(context)")
                return nil
            }
        }

        @Test(arguments: 0..<encoders.count)
        func loginRoundTrips(encoderIndex: Int) throws {
            let encoder = Self.encoders[encoderIndex]
            var random = EncoderTestRandom(seed: 0x7E4E_0001 &+ UInt64(encoderIndex))
            for iteration in 0..<3000 {
                let username = random.string()
                let password = random.string()
                let context = "iteration \(iteration): \(username.debugDescription) \(password.debugDescription)"
                let command = Command.login(username: username, password: password)
                guard case let (user, pass)? = Self.readBack(command, with: encoder, context: context, { reader in
                    try reader.expect("LOGIN ")
                    let user = try reader.readString(bare: .astring)
                    try reader.expect(" ")
                    return (user, try reader.readString(bare: .astring))
                }) else { return }
                #expect(user == Array(username.utf8), "\(context)")
                #expect(pass == Array(password.utf8), "\(context)")
            }
        }

        @Test(arguments: 0..<encoders.count)
        func mailboxBytesRoundTrip(encoderIndex: Int) throws {
            let encoder = Self.encoders[encoderIndex]
            var random = EncoderTestRandom(seed: 0x7E4E_0100 &+ UInt64(encoderIndex))
            for iteration in 0..<3000 {
                // Arbitrary bytes, valid UTF-8 or not.
                let bytes = random.bytes()
                let pattern = random.string()
                let context = "iteration \(iteration): \(bytes) \(pattern.debugDescription)"
                let command = Command.list(reference: MailboxName(bytes: bytes), pattern: pattern, returnOptions: [])
                guard case let (reference, readPattern)? = Self.readBack(command, with: encoder, context: context, { reader in
                    try reader.expect("LIST ")
                    let reference = try reader.readString(bare: .astring)
                    try reader.expect(" ")
                    return (reference, try reader.readString(bare: .listMailbox))
                }) else { return }
                #expect(reference == bytes, "\(context)")
                #expect(readPattern == Array(pattern.utf8), "\(context)")
            }
        }

        @Test(arguments: 0..<encoders.count)
        func nstringsRoundTrip(encoderIndex: Int) throws {
            let encoder = Self.encoders[encoderIndex]
            var random = EncoderTestRandom(seed: 0x7E4E_0200 &+ UInt64(encoderIndex))
            for iteration in 0..<1000 {
                let key = random.string()
                let value: String? = random.below(4) == 0 ? nil : random.string()
                let context = "iteration \(iteration): \(key.debugDescription) \(String(describing: value))"
                guard case let (readKey, readValue)? = Self.readBack(
                    .id([IDParameter(key: key, value: value)]), with: encoder, context: context, { reader in
                        try reader.expect("ID (")
                        let readKey = try reader.readString(bare: nil)
                        try reader.expect(" ")
                        let readValue: [UInt8]?
                        if reader.peek("NIL") {
                            try reader.expect("NIL")
                            readValue = nil
                        } else {
                            readValue = try reader.readString(bare: nil)
                        }
                        try reader.expect(")")
                        return (readKey, readValue)
                    }) else { return }
                #expect(readKey == Array(key.utf8), "\(context)")
                #expect(readValue == value.map { Array($0.utf8) }, "\(context)")
            }
        }

        @Test func readerRejectsWhatTheGrammarForbids() {
            // The reader is only a good judge if it refuses bad input.
            let bad: [(String, SourceLocation)] = [
                ("A1 LOGIN a\rb c\r\n", #_sourceLocation),
                ("A1 LOGIN \"a\nb\" c\r\n", #_sourceLocation),
                ("A1 LOGIN \"a\\b\" c\r\n", #_sourceLocation),
                ("A1 LOGIN a(b c\r\n", #_sourceLocation),
                ("A1 LOGIN {3+}\r\nabc c\r\n", #_sourceLocation),  // `+` in synchronising mode
                ("A1 LOGIN \"é\" c\r\n", #_sourceLocation),  // 8-bit quoted without UTF8=ACCEPT
                ("A1 LOGIN \"abc\" c\r\n", #_sourceLocation),  // not the smallest form
            ]
            for (text, location) in bad {
                let encoded = EncodedCommand(chunks: [ByteBuffer(string: text)])
                var reader = ReferenceCommandReader(encoded, encoder: CommandEncoder())
                #expect(throws: ReferenceCommandReader.ReadError.self, sourceLocation: location) {
                    try reader.expect("A1 LOGIN ")
                    _ = try reader.readString(bare: .astring)
                    try reader.expect(" ")
                    _ = try reader.readString(bare: .astring)
                    try reader.expectEnd()
                }
            }
        }
    }
}

/// Random strings for the encoder's property tests, from the shared seeded
/// generator (the same on every platform).
struct EncoderTestRandom {
    private var generator: SplitMix64

    init(seed: UInt64) { generator = SplitMix64(seed: seed) }

    mutating func next() -> UInt64 { generator.next() }

    /// A number in `0..<bound`.
    mutating func below(_ bound: Int) -> Int { generator.below(bound) }

    /// Mostly short strings rich in specials; sometimes around the 1000-byte
    /// quoting limit or the 4096-byte LITERAL- limit.
    mutating func string() -> String {
        let length: Int
        switch below(100) {
        case 0..<2: length = 990 + below(20)
        case 2..<3: length = 4090 + below(12)
        default: length = below(12)
        }
        var scalars = String.UnicodeScalarView()
        let specials: [Unicode.Scalar] = [
            "(", ")", "{", "}", " ", "%", "*", "\"", "\\", "]", "[", "+", "&", "~",
            "\r", "\n", "\t", "\u{0}", "\u{1}", "\u{7F}", "é", "ß", "日", "🎉", "\u{80}", "\u{FFFD}",
        ]
        // One flavour per string so that plain atoms and plain quoted strings occur often.
        let flavour = below(4)
        for _ in 0..<length {
            switch flavour {
            case 0:  // atom characters only
                scalars.append(Unicode.Scalar(UInt8(0x21 + below(0x5E))))
            default:
                if below(3) == 0 {
                    scalars.append(specials[below(specials.count)])
                } else {
                    scalars.append(Unicode.Scalar(UInt8(0x20 + below(0x5F))))
                }
                if flavour == 1, let last = scalars.last, last.value >= 0x80 || last == "\r" || last == "\n" || last == "\u{0}" {
                    scalars.removeLast()  // flavour 1: quotable without UTF-8
                }
            }
        }
        return String(scalars)
    }

    /// Arbitrary bytes (often invalid UTF-8), sometimes empty.
    mutating func bytes() -> [UInt8] {
        let length = below(16)
        let asciiOnly = below(2) == 0
        return (0..<length).map { _ in asciiOnly ? UInt8(0x20 + below(0x5F)) : UInt8(truncatingIfNeeded: next()) }
    }
}

/// A strict reader of an encoded command, written from RFC 3501 §9 and
/// RFC 7888 independently of the encoder. It also checks that the chunks
/// end exactly after each synchronising literal's header, and that each
/// string took the smallest form its bytes allow.
struct ReferenceCommandReader {
    struct ReadError: Error, CustomStringConvertible {
        var message: String
        var offset: Int
        var description: String { "\(message) at byte \(offset)" }
    }

    /// Bare forms a position accepts; `nil` for `string` only.
    enum Bare { case astring, listMailbox }

    let bytes: [UInt8]
    let literalMode: CommandEncoder.LiteralMode
    let utf8Accepted: Bool
    /// Where each chunk but the last ends, as offsets into `bytes`.
    let chunkEnds: [Int]
    /// Where each synchronising literal header ends.
    private(set) var synchronisingEnds: [Int] = []
    /// The bytes of each literal's data.
    private(set) var literalData: [Range<Int>] = []
    private(set) var index = 0

    init(_ encoded: EncodedCommand, encoder: CommandEncoder) {
        var bytes: [UInt8] = []
        var ends: [Int] = []
        for chunk in encoded.chunks {
            bytes += chunk.readableBytesView
            ends.append(bytes.count)
        }
        self.bytes = bytes
        self.chunkEnds = Array(ends.dropLast())
        self.literalMode = encoder.literalMode
        self.utf8Accepted = encoder.utf8Accepted
    }

    private func fail(_ message: String) -> ReadError { ReadError(message: message, offset: index) }

    func peek(_ text: String) -> Bool {
        let expected = Array(text.utf8)
        return bytes.count - index >= expected.count && Array(bytes[index..<index + expected.count]) == expected
    }

    mutating func expect(_ text: String) throws(ReadError) {
        guard peek(text) else { throw fail("expected \(text.debugDescription)") }
        index += text.utf8.count
    }

    /// The final CRLF, then nothing; chunk ends exactly at synchronising
    /// literals; and no CR or LF outside literal data except in a literal's
    /// `}` CRLF and the command's final CRLF.
    mutating func expectEnd() throws(ReadError) {
        try expect("\r\n")
        guard index == bytes.count else { throw fail("bytes after the final CRLF") }
        guard synchronisingEnds == chunkEnds else {
            throw fail("chunks end at \(chunkEnds), synchronising literals at \(synchronisingEnds)")
        }
        let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n"), brace = UInt8(ascii: "}")
        for offset in bytes.indices where bytes[offset] == cr || bytes[offset] == lf {
            if literalData.contains(where: { $0.contains(offset) }) { continue }
            let final = offset >= bytes.count - 2
            let headerCR = bytes[offset] == cr && offset > 0 && bytes[offset - 1] == brace
                && offset + 1 < bytes.count && bytes[offset + 1] == lf
            let headerLF = bytes[offset] == lf && offset > 1 && bytes[offset - 1] == cr && bytes[offset - 2] == brace
            guard final || headerCR || headerLF else {
                throw ReadError(message: "bare CR or LF outside a literal", offset: offset)
            }
        }
    }

    /// `astring` / `list-mailbox` (with `bare`) or `string` (`bare == nil`).
    mutating func readString(bare: Bare?) throws(ReadError) -> [UInt8] {
        guard index < bytes.count else { throw fail("end of input") }
        let value: [UInt8]
        let form: String
        switch bytes[index] {
        case UInt8(ascii: "{"):
            value = try readLiteral()
            form = "literal"
        case UInt8(ascii: "\""):
            value = try readQuoted()
            form = "quoted"
        default:
            guard let bare else { throw fail("a bare word where only a string may be") }
            let start = index
            while index < bytes.count, Self.isBareChar(bytes[index], bare) { index += 1 }
            guard index > start else { throw fail("empty atom") }
            value = Array(bytes[start..<index])
            form = "atom"
        }
        let expected = smallestForm(value, bare: bare)
        guard form == expected else { throw fail("\(form) where \(expected) was the smallest form") }
        return value
    }

    /// The form the grammar makes smallest for `value`, as this test reads RFC 3501.
    func smallestForm(_ value: [UInt8], bare: Bare?) -> String {
        if value.count > 1000 { return "literal" }
        if let bare, !value.isEmpty, value.allSatisfy({ Self.isBareChar($0, bare) }) { return "atom" }
        let textChars = value.allSatisfy { $0 != 0 && $0 != 13 && $0 != 10 && ($0 < 0x80 || utf8Accepted) }
        if textChars && (!utf8Accepted || Self.isUTF8(value)) { return "quoted" }
        return "literal"
    }

    static func isUTF8(_ value: [UInt8]) -> Bool {
        Array(String(decoding: value, as: UTF8.self).utf8) == value
    }

    /// RFC 3501 §9: atom-specials are `( ) { SP CTL % * " \ ]`; `]` is an
    /// ASTRING-CHAR, and list-char adds `%` and `*`.
    static func isBareChar(_ byte: UInt8, _ bare: Bare) -> Bool {
        guard byte > 0x20 && byte < 0x7F else { return false }
        let scalar = Character(Unicode.Scalar(byte))
        if "(){\"\\".contains(scalar) { return false }
        if scalar == "]" { return true }
        if scalar == "%" || scalar == "*" { return bare == .listMailbox }
        return true
    }

    /// `quoted = DQUOTE *QUOTED-CHAR DQUOTE`; QUOTED-CHAR is a TEXT-CHAR other
    /// than `"` and `\`, or `\` followed by one of them (UTF-8 with UTF8=ACCEPT).
    mutating func readQuoted() throws(ReadError) -> [UInt8] {
        try expect("\"")
        var value: [UInt8] = []
        while true {
            guard index < bytes.count else { throw fail("unterminated quoted string") }
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard !utf8Accepted || Self.isUTF8(value) else { throw fail("invalid UTF-8 in a quoted string") }
                return value
            case UInt8(ascii: "\\"):
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "\\")
                else { throw fail("bad escape") }
                value.append(bytes[index])
                index += 1
            case 0, 10, 13:
                throw fail("CR, LF or NUL in a quoted string")
            case 0x80...:
                guard utf8Accepted else { throw fail("8-bit in a quoted string without UTF8=ACCEPT") }
                value.append(byte)
            default:
                value.append(byte)
            }
        }
    }

    /// `literal = "{" number ["+"] "}" CRLF *CHAR8`; `+` exactly when the
    /// literal mode allows it (RFC 7888).
    mutating func readLiteral() throws(ReadError) -> [UInt8] {
        try expect("{")
        var count = 0
        let digitsStart = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            count = count * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            index += 1
        }
        guard index > digitsStart else { throw fail("literal without a length") }
        let nonSynchronising = peek("+")
        if nonSynchronising { index += 1 }
        let allowed: Bool
        switch literalMode {
        case .synchronising: allowed = false
        case .literalPlus: allowed = true
        case .literalMinus: allowed = count <= 4096
        }
        guard nonSynchronising == allowed else { throw fail("literal of \(count) bytes with the wrong form") }
        try expect("}\r\n")
        if !nonSynchronising { synchronisingEnds.append(index) }
        guard bytes.count - index >= count else { throw fail("literal longer than the input") }
        literalData.append(index..<index + count)
        defer { index += count }
        return Array(bytes[index..<index + count])
    }
}
