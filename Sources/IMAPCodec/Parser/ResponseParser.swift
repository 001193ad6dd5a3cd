import NIOCore

/// Turns a stream of server bytes into `Response` values, one complete
/// response at a time, as the bytes arrive.
///
/// Feed it whatever the socket delivered; it returns `nil` when the buffer
/// holds only part of a response (keeping its scan position, so a response
/// split across many packets costs linear time), and throws `ParserError` for
/// input that can never become valid. A response split across any packet
/// boundary parses the same as in one piece.
///
/// ```swift
/// var parser = ResponseParser()
/// while let response = try parser.parseResponse(from: &buffer) { handle(response) }
/// ```
///
/// It works in two stages. `ResponseFramer` finds the end of the first
/// complete response (following literals) and enforces `limits` while the
/// bytes arrive; then `GrammarParser` parses that frame by recursive descent.
/// A complete frame is consumed from the buffer whether it parses or not.
///
/// What the buffer holds after an error:
/// - `.syntax` and `.nestingTooDeep` concern one complete, well-delimited
///   response: its bytes *are* consumed before the error is thrown, so the
///   buffer starts at the next response and the parser is ready for it. A
///   connection treats the error as fatal anyway; a tool that wants to skip
///   a response it cannot read may call again.
/// - `.lineTooLong`, `.literalTooLarge` and `.responseTooLarge` leave the
///   buffer untouched (there is no known response boundary to skip to) and
///   the parser failed for good: every later call throws the same error.
///
/// The parser never holds bytes itself: its state is a few integers, and
/// the caller's buffer never needs more than one pending response (at most
/// `maxResponseSize` bytes) before a value or an error comes out.
public struct ResponseParser: Sendable {
    public var limits: ParserLimits
    private var framer = ResponseFramer()
    private var failure: ParserError?

    public init(limits: ParserLimits = .default) {
        self.limits = limits
    }

    /// Parses and consumes one complete response from `buffer`, or returns
    /// `nil` (consuming nothing) when more bytes are needed.
    ///
    /// Call it again with the same buffer, more bytes appended, until it
    /// returns `nil`; the buffer may be compacted (`discardReadBytes`) in
    /// between, but bytes of a pending response must not be dropped.
    public mutating func parseResponse(from buffer: inout ByteBuffer) throws(ParserError) -> Response? {
        if let failure { throw failure }
        let length: Int
        do throws(ParserError) {
            guard let found = try framer.frameLength(in: buffer, limits: limits) else { return nil }
            length = found
        } catch {
            failure = error
            throw error
        }
        framer = ResponseFramer()
        let result = GrammarParser.parse(frameOf: length, in: buffer, maxDepth: limits.maxNestingDepth)
        buffer.moveReaderIndex(forwardBy: length)
        return try result.get()
    }

    /// How many bytes of the pending, incomplete response the parser has
    /// examined (for tests and diagnostics; never more than the limits allow).
    var pendingScanned: Int { framer.scanned }
}
