import NIOCore

/// Finds where one complete response ends in a stream of server bytes.
///
/// A response is a line ending in CRLF (a bare LF is accepted), unless the
/// line ends with a literal announcement — `{N}`, `{N+}` or `~{N}` right
/// before the line break — in which case N bytes of literal follow and the
/// response continues with the next line.
///
/// The framer remembers how far it has looked (`scanned`, relative to the
/// start of the pending response), so bytes that arrive one at a time are
/// each examined once: framing a response costs time linear in its size,
/// however it is split. While a literal's bytes are still missing it does
/// not look at the buffer at all.
///
/// Limits are enforced here, before anything is buffered on their behalf:
/// a line fails with `.lineTooLong` once `maxLineLength` bytes plus room
/// for CRLF have arrived without a line break; an announced literal larger
/// than `maxLiteralSize` (or too long to be a number) fails when its
/// announcement is read, before any of its bytes; a response fails with
/// `.responseTooLarge` as soon as it is known to grow past
/// `maxResponseSize` (an announced literal counts at once). Which error a
/// stream gets depends only on its bytes, never on how they were split
/// into reads.
struct ResponseFramer: Sendable {
    /// Bytes of the pending response already examined. Greater than the
    /// readable bytes while the framer waits for the rest of a literal.
    private(set) var scanned = 0
    /// Where the current line begins (0, or just after a literal).
    private(set) var lineStart = 0

    /// The length of the first complete response in `buffer`'s readable
    /// bytes, or `nil` when more bytes are needed.
    mutating func frameLength(in buffer: ByteBuffer, limits: ParserLimits) throws(ParserError) -> Int? {
        // Nothing new to look at, or still inside a literal.
        guard scanned < buffer.readableBytes else { return nil }
        return try buffer.withUnsafeReadableBytes { (bytes: UnsafeRawBufferPointer) throws(ParserError) -> Int? in
            try scan(bytes, limits: limits)
        }
    }

    private mutating func scan(_ bytes: UnsafeRawBufferPointer, limits: ParserLimits) throws(ParserError) -> Int? {
        let count = bytes.count
        var position = max(scanned, lineStart)
        while true {
            // The LF of a valid line lies before `lineLimit` (content, CR, LF)
            // and the LF of a valid response before `maxResponseSize`, so the
            // search never needs to look further. Which limit is passed first
            // depends only on these positions, never on how the bytes were
            // split into reads.
            let lineLimit = Self.saturatingAdd(lineStart, Self.saturatingAdd(max(0, limits.maxLineLength), 2))
            let window = min(lineLimit, max(0, limits.maxResponseSize))
            guard let lf = Self.firstLineFeed(in: bytes, from: position, to: min(count, window)) else {
                scanned = max(position, min(count, window))
                if window == lineLimit {
                    if count >= lineLimit { throw .lineTooLong(limit: limits.maxLineLength) }
                } else if count > limits.maxResponseSize {
                    throw .responseTooLarge(limit: limits.maxResponseSize)
                }
                return nil
            }
            var lineEnd = lf
            if lineEnd > lineStart, bytes[lineEnd - 1] == ASCII.cr { lineEnd -= 1 }
            if lineEnd - lineStart > limits.maxLineLength { throw .lineTooLong(limit: limits.maxLineLength) }
            let next = lf + 1
            guard let literal = try Self.literalLength(in: bytes, line: lineStart..<lineEnd, limits: limits) else {
                return next
            }
            let (afterLiteral, overflow) = next.addingReportingOverflow(literal)
            if overflow || afterLiteral > limits.maxResponseSize {
                throw .responseTooLarge(limit: limits.maxResponseSize)
            }
            lineStart = afterLiteral
            scanned = afterLiteral
            guard afterLiteral < count else { return nil }
            position = afterLiteral
        }
    }

    @inline(__always) private static func saturatingAdd(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : sum
    }

    /// The index of the first LF in `start..<end`, reading eight bytes at a time.
    @inline(__always)
    private static func firstLineFeed(in bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Int? {
        var i = start
        let count = min(end, bytes.count)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let pattern: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
        while i &+ 8 <= count {
            let word = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ pattern
            if (word &- ones) & ~word & highs != 0 { break }
            i &+= 8
        }
        while i < count {
            if bytes[i] == ASCII.lf { return i }
            i &+= 1
        }
        return nil
    }

    /// The length announced by `{N}`, `{N+}` or `~{N}` at the end of `line`,
    /// or `nil` when the line does not end with one. Throws when N exceeds
    /// `maxLiteralSize` (or does not even fit in 64 bits).
    private static func literalLength(
        in bytes: UnsafeRawBufferPointer, line: Range<Int>, limits: ParserLimits
    ) throws(ParserError) -> Int? {
        var i = line.upperBound - 1
        guard i > line.lowerBound, bytes[i] == ASCII.closeBrace else { return nil }
        i -= 1
        if bytes[i] == ASCII.plus || bytes[i] == ASCII.minus { i -= 1 }
        let lastDigit = i
        while i >= line.lowerBound, ASCII.isDigit(bytes[i]) { i -= 1 }
        guard i < lastDigit, i >= line.lowerBound, bytes[i] == ASCII.openBrace else { return nil }
        var value: UInt64 = 0
        for j in (i + 1)...lastDigit {
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(bytes[j] &- ASCII.zero))
            guard !o1, !o2 else { throw .literalTooLarge(announced: UInt64.max, limit: limits.maxLiteralSize) }
            value = sum
        }
        guard value <= UInt64(max(0, limits.maxLiteralSize)) else {
            throw .literalTooLarge(announced: value, limit: limits.maxLiteralSize)
        }
        return Int(value)
    }
}
