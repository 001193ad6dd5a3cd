import IMAPCodec
import NIOCore

/// Frames and parses server bytes into batches of `Response`s.
///
/// Every read yields at most one batch (all responses it completed), which
/// keeps per-response overhead off a 50,000-message FETCH. A parse error is
/// fired down the pipeline and the channel is closed: after bytes that are
/// not IMAP, nothing that follows can be trusted.
///
/// For STARTTLS it can be told to stop after the tagged reply to the
/// STARTTLS command: bytes that arrive after it and before the TLS handler is
/// in place are discarded, never parsed (a man-in-the-middle's injected
/// plaintext must not be taken as post-TLS responses).
final class ResponseDecoderHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = [Response]

    private enum Mode {
        case normal
        /// Deliver up to and including the tagged response with this tag, then discard.
        case stopAfter(Tag)
        /// Drop every byte until `resumeAfterTLS()`.
        case discarding
    }

    private var parser: ResponseParser
    private var buffer: ByteBuffer?
    private var mode: Mode = .normal

    private let activity: ReadActivity

    init(limits: ParserLimits, activity: ReadActivity) {
        self.parser = ResponseParser(limits: limits)
        self.activity = activity
    }

    /// Called on the event loop before sending STARTTLS.
    func stopAfterTaggedResponse(_ tag: Tag) {
        mode = .stopAfter(tag)
    }

    /// Called on the event loop in the same tick the TLS handler is added:
    /// from now on bytes come decrypted.
    func resumeAfterTLS() {
        mode = .normal
        buffer = nil
        parser = ResponseParser(limits: parser.limits)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        activity.recordRead()
        if case .discarding = mode { return }
        // Take the pending bytes out of the stored property so the buffer is
        // uniquely referenced (no copy-on-write) while it is parsed.
        var pending: ByteBuffer
        if var stored = buffer {
            buffer = nil
            stored.writeBuffer(&incoming)
            pending = stored
        } else {
            pending = incoming
        }
        var batch: [Response] = []
        do {
            while pending.readableBytes > 0, let response = try parser.parseResponse(from: &pending) {
                batch.append(response)
                if case .stopAfter(let tag) = mode, case .tagged(let t) = response, t.tag == tag {
                    mode = .discarding
                    pending.clear()
                }
            }
        } catch {
            if !batch.isEmpty {
                activity.recordResponses(batch.count)
                context.fireChannelRead(wrapInboundOut(batch))
            }
            mode = .discarding
            context.fireErrorCaught(IMAPConnection.Error.protocolViolation(error))
            context.close(promise: nil)
            return
        }
        if pending.readableBytes > 0 {
            if pending.readerIndex > 64 * 1024 { pending.discardReadBytes() }
            buffer = pending
        }
        if !batch.isEmpty {
            activity.recordResponses(batch.count)
            context.fireChannelRead(wrapInboundOut(batch))
        }
    }
}
