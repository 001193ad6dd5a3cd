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
public struct ResponseParser: Sendable {
    public var limits: ParserLimits

    public init(limits: ParserLimits = .default) {
        self.limits = limits
    }

    /// Parses and consumes one complete response from `buffer`, or returns
    /// `nil` (consuming nothing) when more bytes are needed.
    public mutating func parseResponse(from buffer: inout ByteBuffer) throws(ParserError) -> Response? {
        fatalError("implemented by the parser")
    }
}
