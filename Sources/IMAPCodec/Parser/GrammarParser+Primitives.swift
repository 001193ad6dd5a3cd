import NIOCore

/// Where a string's bytes lie in the frame: the content of a quoted string
/// (still with its backslash escapes when `escaped`) or of a literal.
struct StringSpan {
    var range: Range<Int>
    var escaped: Bool
}

// MARK: - Numbers

extension GrammarParser {
    // number = 1*DIGIT
    //           ; Unsigned 32-bit integer (0 <= n < 4,294,967,296)
    /// A 32-bit number; more digits than fit is a syntax error, never a trap.
    @inline(__always) mutating func parseNumber(_ what: StaticString) throws(ParserError) -> UInt32 {
        let start = index
        var value: UInt64 = 0
        while index < bytes.count {
            let d = bytes[index] &- ASCII.zero
            guard d < 10 else { break }
            value = value &* 10 &+ UInt64(d)
            guard value <= UInt64(UInt32.max) else { throw overflow(what, bits: 32, at: start) }
            index &+= 1
        }
        guard index > start else { throw error(expected: what) }
        return UInt32(truncatingIfNeeded: value)
    }

    // nz-number = digit-nz *DIGIT
    //           ; Non-zero unsigned 32-bit integer
    /// Servers do send 0 where nz-number is due (`UNSEEN 0`); it is accepted.
    @inline(__always) mutating func parseNZNumber(_ what: StaticString) throws(ParserError) -> UInt32 {
        try parseNumber(what)
    }

    // number64 = 1*DIGIT
    //           ; Unsigned 63-bit integer (RFC 9051)
    // mod-sequence-value = 1*DIGIT
    //           ; Positive unsigned 63-bit integer (RFC 7162)
    /// A 64-bit number (X-GM-MSGID uses the full unsigned range).
    mutating func parseNumber64(_ what: StaticString) throws(ParserError) -> UInt64 {
        let start = index
        var value: UInt64 = 0
        while index < bytes.count {
            let d = bytes[index] &- ASCII.zero
            guard d < 10 else { break }
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(d))
            guard !o1, !o2 else { throw overflow(what, bits: 64, at: start) }
            value = sum
            index &+= 1
        }
        guard index > start else { throw error(expected: what) }
        return value
    }

    /// A number as `Int` (lengths, counts, sizes).
    @inline(__always) mutating func parseInt(_ what: StaticString) throws(ParserError) -> Int {
        Int(try parseNumber(what))
    }

    private func overflow(_ what: StaticString, bits: Int, at start: Int) -> ParserError {
        error(expected: "\(what) that fits in \(bits) bits", at: start)
    }
}

// MARK: - Atoms

extension GrammarParser {
    // atom = 1*ATOM-CHAR
    /// The range of an atom (at least one byte).
    @inline(__always) mutating func parseAtom(_ what: StaticString) throws(ParserError) -> Range<Int> {
        let start = index
        while index < bytes.count, ASCII.isAtomChar(bytes[index]) { index &+= 1 }
        guard index > start else { throw error(expected: what) }
        return start..<index
    }

    /// A keyword: letters, digits, `.`, `-`, `_` (e.g. `RFC822.SIZE`, `X-GM-LABELS`).
    @inline(__always) mutating func parseKeyword(_ what: StaticString) throws(ParserError) -> Range<Int> {
        let start = index
        while index < bytes.count, ASCII.isKeywordChar(bytes[index]) { index &+= 1 }
        guard index > start else { throw error(expected: what) }
        return start..<index
    }

    /// A run of `ASTRING-CHAR`s, plus the list wildcards `%` and `*` when
    /// `wildcards` (LIST may return names that contain them).
    @inline(__always) mutating func parseAStringAtom(wildcards: Bool = false) -> Range<Int> {
        let start = index
        while index < bytes.count {
            let b = bytes[index]
            guard ASCII.isAStringChar(b) || (wildcards && (b == ASCII.percent || b == ASCII.star)) else { break }
            index &+= 1
        }
        return start..<index
    }
}

// MARK: - Strings

extension GrammarParser {
    // string = quoted / literal
    // quoted = DQUOTE *QUOTED-CHAR DQUOTE
    // QUOTED-CHAR = <any TEXT-CHAR except quoted-specials> / "\" quoted-specials / UTF8-2 / UTF8-3 / UTF8-4
    // literal = "{" number64 ["+"] "}" CRLF *CHAR8
    // literal8 = "~{" number64 "}" CRLF *OCTET   (RFC 3516)
    /// A quoted string or a literal (a literal8 too when `literal8`).
    mutating func parseString(_ what: StaticString, literal8: Bool = false) throws(ParserError) -> StringSpan {
        switch peek() {
        case ASCII.quote:
            return try parseQuoted(what)
        case ASCII.openBrace:
            return try parseLiteral(what)
        case ASCII.tilde where literal8 && byte(at: index &+ 1) == ASCII.openBrace:
            index &+= 1
            return try parseLiteral(what)
        default:
            throw error(expected: what)
        }
    }

    /// The content of a quoted string. A backslash escapes any byte (RFC
    /// 3501 allows only `"` and `\`; others are taken literally, as robust
    /// clients do); CR and LF end it with an error.
    @inline(__always) mutating func parseQuoted(_ what: StaticString) throws(ParserError) -> StringSpan {
        index &+= 1
        let start = index
        var escaped = false
        let count = bytes.count
        while true {
            // Skip eight plain bytes at a time; look closer at a word that
            // holds a quote, a backslash, CR or LF.
            while index &+ 8 <= count {
                let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if Self.hasQuotedSpecial(word) { break }
                index &+= 8
            }
            let stop = min(count, index &+ 8)
            while index < stop {
                let b = bytes[index]
                if b == ASCII.quote {
                    let span = StringSpan(range: start..<index, escaped: escaped)
                    index &+= 1
                    return span
                }
                if b == ASCII.backslash {
                    escaped = true
                    index &+= 1
                    guard index < count, bytes[index] != ASCII.cr, bytes[index] != ASCII.lf else {
                        throw error(expected: "closing quote of \(what)", at: index)
                    }
                } else if b == ASCII.cr || b == ASCII.lf {
                    throw error(expected: "closing quote of \(what)", at: index)
                }
                index &+= 1
            }
            guard index < count else { throw error(expected: "closing quote of \(what)", at: index) }
        }
    }

    /// Whether any byte of `word` is `"`, `\`, CR or LF (SWAR zero-byte test).
    @inline(__always) static func hasQuotedSpecial(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZero(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
        let q = word ^ 0x2222_2222_2222_2222
        let b = word ^ 0x5C5C_5C5C_5C5C_5C5C
        let r = word ^ 0x0D0D_0D0D_0D0D_0D0D
        let n = word ^ 0x0A0A_0A0A_0A0A_0A0A
        return (hasZero(q) | hasZero(b) | hasZero(r) | hasZero(n)) != 0
    }

    /// `{n}` or `{n+}` CRLF (or a bare LF), then n bytes, which must all lie in the frame.
    mutating func parseLiteral(_ what: StaticString) throws(ParserError) -> StringSpan {
        let open = index
        index &+= 1  // {
        var length = 0
        let digitsStart = index
        while index < bytes.count {
            let d = bytes[index] &- ASCII.zero
            guard d < 10 else { break }
            let (times10, o1) = length.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int(d))
            guard !o1, !o2 else { throw error(expected: "literal length of \(what) that fits the response", at: digitsStart) }
            length = sum
            index &+= 1
        }
        guard index > digitsStart else { throw error(expected: "literal length of \(what)", at: index) }
        if peek() == ASCII.plus || peek() == ASCII.minus { index &+= 1 }
        try expect(ASCII.closeBrace, "} after literal length")
        if peek() == ASCII.cr { index &+= 1 }
        try expect(ASCII.lf, "CRLF after literal announcement")
        guard length <= bytes.count &- index else {
            throw error(expected: "literal bytes inside the response for \(what)", at: open)
        }
        let start = index
        index &+= length
        return StringSpan(range: start..<index, escaped: false)
    }

    // nstring = string / nil
    mutating func parseNString(_ what: StaticString, literal8: Bool = false) throws(ParserError) -> StringSpan? {
        if consumeNIL() { return nil }
        return try parseString(what, literal8: literal8)
    }

    // astring = 1*ASTRING-CHAR / string
    mutating func parseAString(_ what: StaticString, wildcards: Bool = false) throws(ParserError) -> StringSpan {
        switch peek() {
        case ASCII.quote, ASCII.openBrace:
            return try parseString(what)
        default:
            let range = parseAStringAtom(wildcards: wildcards)
            guard !range.isEmpty else { throw error(expected: what) }
            return StringSpan(range: range, escaped: false)
        }
    }

    // MARK: Making values

    /// The bytes of a span, backslash escapes removed.
    func bytesOf(_ span: StringSpan) -> [UInt8] {
        let range = clamp(span.range)
        guard span.escaped else { return Array(UnsafeRawBufferPointer(rebasing: bytes[range])) }
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            var b = bytes[i]
            if b == ASCII.backslash, i &+ 1 < end {
                i &+= 1
                b = bytes[i]
            }
            out.append(b)
            i &+= 1
        }
        return out
    }

    /// A span as a `String` (UTF-8, invalid sequences repaired).
    @inline(__always) func stringOf(_ span: StringSpan) -> String {
        guard span.escaped else { return string(span.range) }
        return String(decoding: bytesOf(span), as: UTF8.self)
    }

    /// A span as a `String` with ASCII letters lower-cased (media types, encodings).
    func lowercasedStringOf(_ span: StringSpan) -> String {
        guard !span.escaped else {
            return String(decoding: bytesOf(span).lazy.map(ASCII.lower), as: UTF8.self)
        }
        let raw = UnsafeRawBufferPointer(rebasing: bytes[clamp(span.range)])
        return String(unsafeUninitializedCapacity: raw.count) { out in
            for (i, b) in raw.enumerated() { out[i] = ASCII.lower(b) }
            return raw.count
        }
    }

    /// A span as a `ByteBuffer`: a slice of `source` (no copy) for literals
    /// and unescaped quoted strings, a new buffer otherwise.
    func bufferOf(_ span: StringSpan) throws(ParserError) -> ByteBuffer {
        if span.escaped { return ByteBuffer(bytes: bytesOf(span)) }
        let range = clamp(span.range)
        guard let slice = source.getSlice(at: sourceOffset &+ range.lowerBound, length: range.count) else {
            throw error(expected: "string data inside the buffer", at: range.lowerBound)
        }
        return slice
    }

    @inline(__always) func clamp(_ range: Range<Int>) -> Range<Int> {
        let lower = max(0, min(range.lowerBound, bytes.count))
        return lower..<max(lower, min(range.upperBound, bytes.count))
    }

    // MARK: Convenience

    mutating func parseStringValue(_ what: StaticString) throws(ParserError) -> String {
        stringOf(try parseString(what))
    }

    mutating func parseNStringValue(_ what: StaticString) throws(ParserError) -> String? {
        guard let span = try parseNString(what) else { return nil }
        return stringOf(span)
    }

    mutating func parseAStringValue(_ what: StaticString) throws(ParserError) -> String {
        stringOf(try parseAString(what))
    }
}
