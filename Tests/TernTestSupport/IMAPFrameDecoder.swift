import NIOCore

/// Splits a byte stream into ``IMAPFrame``s: lines, and the literals lines announce.
///
/// Every frame's raw bytes (CRLF included) go to `record` first, so a transcript sees the
/// traffic in wire order even when the consumer is still busy with an earlier frame.
struct IMAPFrameDecoder: ByteToMessageDecoder {
    typealias InboundOut = IMAPFrame

    /// Called on the event loop with the raw bytes of each frame as it is cut.
    let record: @Sendable ([UInt8]) -> Void
    /// Literal bytes still expected after a line that announced them.
    private var pendingLiteral: Int?

    init(record: @escaping @Sendable ([UInt8]) -> Void) {
        self.record = record
    }

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        if let count = pendingLiteral {
            guard buffer.readableBytes >= count, let bytes = buffer.readBytes(length: count) else {
                return .needMoreData
            }
            pendingLiteral = nil
            record(bytes)
            context.fireChannelRead(wrapInboundOut(.literal(bytes)))
            return .continue
        }
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")),
              let raw = buffer.readBytes(length: newline - buffer.readerIndex + 1)
        else {
            return .needMoreData
        }
        record(raw)
        var line = raw.dropLast()
        if line.last == UInt8(ascii: "\r") {
            line = line.dropLast()
        }
        let frame = IMAPFrame.line(Array(line))
        pendingLiteral = frame.announcedLiteral
        context.fireChannelRead(wrapInboundOut(frame))
        return .continue
    }

    mutating func decodeLast(
        context: ChannelHandlerContext,
        buffer: inout ByteBuffer,
        seenEOF: Bool
    ) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        if buffer.readableBytes > 0, let rest = buffer.readBytes(length: buffer.readableBytes) {
            record(rest)
            context.fireChannelRead(wrapInboundOut(.unterminated(rest)))
        }
        return .needMoreData
    }
}
