import NIOCore

/// A recursive-descent parser over the bytes of one complete, framed response.
///
/// `ResponseFramer` has already found where the response ends (literals
/// included), so this parser never waits for bytes: running out of input is
/// a syntax error here. It reads the frame through an `UnsafeRawBufferPointer`
/// (no per-byte `ByteBuffer` calls), compares keywords as bytes, makes each
/// `String` once per field and hands out literal data as `ByteBuffer` slices
/// of `source` (no copy).
///
/// Safety: every read goes through `peek()`/`byte(at:)`, which return 0 past
/// the end; 0 is no valid byte of any token outside a literal, so a loop over
/// a token class stops there. Literal lengths are checked against the bytes
/// left before use. Every `(` that may recurse passes `enterList`, which
/// bounds the depth.
struct GrammarParser {
    /// The frame: one response, from its first byte to its final LF.
    let bytes: UnsafeRawBufferPointer
    /// The reading position in `bytes`.
    var index: Int = 0
    /// The buffer `bytes` points into, for zero-copy literal slices.
    let source: ByteBuffer
    /// The index in `source` of `bytes[0]`.
    let sourceOffset: Int
    let maxDepth: Int
    var depth: Int = 0

    init(bytes: UnsafeRawBufferPointer, source: ByteBuffer, sourceOffset: Int, maxDepth: Int) {
        self.bytes = bytes
        self.source = source
        self.sourceOffset = sourceOffset
        self.maxDepth = maxDepth
    }

    /// Parses the first `length` readable bytes of `buffer` as one response.
    static func parse(frameOf length: Int, in buffer: ByteBuffer, maxDepth: Int) -> Result<Response, ParserError> {
        buffer.withUnsafeReadableBytes { all in
            let frame = UnsafeRawBufferPointer(rebasing: all[0..<min(length, all.count)])
            var parser = GrammarParser(bytes: frame, source: buffer, sourceOffset: buffer.readerIndex, maxDepth: maxDepth)
            do throws(ParserError) {
                return .success(try parser.parseResponse())
            } catch {
                return .failure(error)
            }
        }
    }
}

// MARK: - Bytes

/// ASCII bytes used by the grammar.
enum ASCII {
    static let space: UInt8 = 0x20
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
    static let quote: UInt8 = 0x22
    static let backslash: UInt8 = 0x5C
    static let openParen: UInt8 = 0x28
    static let closeParen: UInt8 = 0x29
    static let openBracket: UInt8 = 0x5B
    static let closeBracket: UInt8 = 0x5D
    static let openBrace: UInt8 = 0x7B
    static let closeBrace: UInt8 = 0x7D
    static let lessThan: UInt8 = 0x3C
    static let greaterThan: UInt8 = 0x3E
    static let plus: UInt8 = 0x2B
    static let minus: UInt8 = 0x2D
    static let star: UInt8 = 0x2A
    static let colon: UInt8 = 0x3A
    static let comma: UInt8 = 0x2C
    static let dot: UInt8 = 0x2E
    static let tilde: UInt8 = 0x7E
    static let percent: UInt8 = 0x25
    static let zero: UInt8 = 0x30

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- zero < 10 }

    /// ATOM-CHAR (RFC 3501 §9): any CHAR except atom-specials; bytes of
    /// 0x80 and above are accepted for UTF-8 (RFC 6855 servers use them).
    @inline(__always) static func isAtomChar(_ b: UInt8) -> Bool {
        if b <= space || b == 0x7F { return false }
        switch b {
        case openParen, closeParen, openBrace, percent, star, quote, backslash, closeBracket: return false
        default: return true
        }
    }

    /// ASTRING-CHAR = ATOM-CHAR / resp-specials
    @inline(__always) static func isAStringChar(_ b: UInt8) -> Bool {
        isAtomChar(b) || b == closeBracket
    }

    /// A byte of a keyword such as `RFC822.SIZE`, `X-GM-MSGID`, `READ-ONLY`
    /// (stops at `[`, which ATOM-CHAR would include).
    @inline(__always) static func isKeywordChar(_ b: UInt8) -> Bool {
        switch b {
        case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, dot, minus, 0x5F: return true
        default: return false
        }
    }

    @inline(__always) static func upper(_ b: UInt8) -> UInt8 {
        b &- 0x61 < 26 ? b &- 0x20 : b
    }

    @inline(__always) static func lower(_ b: UInt8) -> UInt8 {
        b &- 0x41 < 26 ? b &+ 0x20 : b
    }
}

// MARK: - Cursor

extension GrammarParser {
    /// The byte at the reading position, or 0 at the end.
    @inline(__always) func peek() -> UInt8 {
        index < bytes.count ? bytes[index] : 0
    }

    /// The byte at `position`, or 0 outside the frame.
    @inline(__always) func byte(at position: Int) -> UInt8 {
        position >= 0 && position < bytes.count ? bytes[position] : 0
    }

    /// Whether the reading position is at CR, LF or the end.
    var isAtLineEnd: Bool {
        let b = peek()
        return b == ASCII.cr || b == ASCII.lf || index >= bytes.count
    }

    /// Skips any number of spaces.
    @inline(__always) mutating func skipSpaces() {
        while index < bytes.count, bytes[index] == ASCII.space { index &+= 1 }
    }

    /// SP: at least one space; more are tolerated (some servers pad).
    @inline(__always) mutating func expectSpace(_ what: StaticString) throws(ParserError) {
        guard peek() == ASCII.space else { throw error(expected: what) }
        index &+= 1
        skipSpaces()
    }

    /// Consumes `byte` or throws, naming `what`.
    @inline(__always) mutating func expect(_ byte: UInt8, _ what: StaticString) throws(ParserError) {
        guard peek() == byte else { throw error(expected: what) }
        index &+= 1
    }

    /// Consumes `byte` if it is next.
    @inline(__always) mutating func consume(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        index &+= 1
        return true
    }

    /// The end of the response: optional trailing spaces, then CRLF (or a
    /// bare LF), which must be the last bytes of the frame.
    mutating func expectEnd(_ what: StaticString) throws(ParserError) {
        skipSpaces()
        if peek() == ASCII.cr { index &+= 1 }
        guard peek() == ASCII.lf, index &+ 1 == bytes.count else { throw error(expected: what) }
        index &+= 1
    }

    /// The index of the end of the current line (its CR or LF, or the frame end).
    func lineEnd(from start: Int) -> Int {
        var i = start
        while i < bytes.count {
            let b = bytes[i]
            if b == ASCII.lf || b == ASCII.cr { return i }
            i &+= 1
        }
        return bytes.count
    }

    /// The frame without its final line terminator.
    var contentEnd: Int {
        var end = bytes.count
        if end > 0, bytes[end - 1] == ASCII.lf { end -= 1 }
        if end > 0, bytes[end - 1] == ASCII.cr { end -= 1 }
        return end
    }

    /// A `String` of `bytes[range]` (invalid UTF-8 is repaired, never trapped on).
    @inline(__always) func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[clamp(range)]), as: UTF8.self)
    }

    /// Whether `bytes[range]` equals `keyword`, ignoring ASCII case
    /// (`keyword` is written in upper case).
    @inline(__always) func matches(_ range: Range<Int>, _ keyword: StaticString) -> Bool {
        guard range.count == keyword.utf8CodeUnitCount, range.lowerBound >= 0, range.upperBound <= bytes.count else {
            return false
        }
        return keyword.withUTF8Buffer { k in
            var i = 0
            var j = range.lowerBound
            while i < k.count {
                if ASCII.upper(bytes[j]) != k[i] { return false }
                i &+= 1
                j &+= 1
            }
            return true
        }
    }

    /// Whether the bytes at the reading position are `keyword` (any case) not
    /// followed by another atom character; consumes them if so.
    mutating func consumeWord(_ keyword: StaticString) -> Bool {
        let end = index &+ keyword.utf8CodeUnitCount
        guard end <= bytes.count, matches(index..<end, keyword), !ASCII.isAtomChar(byte(at: end)) else { return false }
        index = end
        return true
    }

    /// `nil` = "NIL" (any case), not followed by another atom character.
    @inline(__always) mutating func consumeNIL() -> Bool {
        guard ASCII.upper(byte(at: index)) == 0x4E,  // N
              ASCII.upper(byte(at: index &+ 1)) == 0x49,  // I
              ASCII.upper(byte(at: index &+ 2)) == 0x4C,  // L
              !ASCII.isAtomChar(byte(at: index &+ 3)) else { return false }
        index &+= 3
        return true
    }

    // MARK: Errors

    /// A syntax error at the reading position.
    func error(expected what: StaticString) -> ParserError {
        error(expected: what.description, at: index)
    }

    func error(expected what: String, at offset: Int) -> ParserError {
        .syntax(expected: what, offset: offset, excerpt: excerpt(at: offset))
    }

    /// Up to 80 bytes of the line around `offset`, control and non-ASCII
    /// bytes escaped, so a log line shows what the server sent.
    func excerpt(at offset: Int) -> String {
        let clamped = max(0, min(offset, bytes.count))
        var start = clamped
        while start > 0, bytes[start - 1] != ASCII.lf, clamped - start < 60 { start -= 1 }
        var end = clamped
        while end < bytes.count, bytes[end] != ASCII.lf, end - start < 80 { end += 1 }
        var out = ""
        for i in start..<end {
            let b = bytes[i]
            switch b {
            case ASCII.cr: out += "\\r"
            case ASCII.lf: out += "\\n"
            case 0x09: out += "\\t"
            case ASCII.backslash: out += "\\\\"
            case 0x20...0x7E: out.unicodeScalars.append(Unicode.Scalar(b))
            default:
                out += "\\x" + (b < 0x10 ? "0" : "") + String(b, radix: 16)
            }
        }
        return out
    }

    // MARK: Nesting

    /// Consumes `(` and counts a level of nesting, bounded by `maxDepth`.
    @inline(__always) mutating func enterList(_ what: StaticString) throws(ParserError) {
        guard peek() == ASCII.openParen else { throw error(expected: what) }
        guard depth < maxDepth else { throw .nestingTooDeep(limit: maxDepth) }
        depth &+= 1
        index &+= 1
        skipSpaces()
    }

    /// Consumes `)` (after optional spaces) and leaves a level of nesting.
    @inline(__always) mutating func leaveList(_ what: StaticString) throws(ParserError) {
        skipSpaces()
        guard peek() == ASCII.closeParen else { throw error(expected: what) }
        depth &-= 1
        index &+= 1
    }

    /// After an element of a list: `false` when the list closes next
    /// (spaces skipped), `true` when a separating space was found and
    /// another element follows; throws when neither follows.
    @inline(__always) mutating func moreElements(_ what: StaticString) throws(ParserError) -> Bool {
        if peek() == ASCII.space {
            skipSpaces()
            return peek() != ASCII.closeParen
        }
        if peek() == ASCII.closeParen { return false }
        throw error(expected: what)
    }
}
