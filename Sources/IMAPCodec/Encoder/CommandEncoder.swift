import NIOCore

/// Encodes commands into bytes, with correct quoting and literals.
///
/// A synchronising literal (`{5}`) must wait for the server's `+` before its
/// bytes go out, so the result is a list of chunks: after each chunk but the
/// last, the sender waits for a continuation request. With LITERAL+ (or
/// LITERAL- for literals up to 4096 bytes) literals are non-synchronising
/// (`{5+}`) and the whole command is one chunk.
public struct CommandEncoder: Sendable {
    /// How literals may be sent, from the server's capabilities.
    public enum LiteralMode: Hashable, Sendable {
        case synchronising
        /// LITERAL+ (RFC 7888): any size may be non-synchronising.
        case literalPlus
        /// LITERAL- (RFC 7888): up to 4096 bytes non-synchronising.
        case literalMinus
    }

    public var literalMode: LiteralMode
    /// UTF8=ACCEPT enabled: strings may carry UTF-8 as quoted strings.
    public var utf8Accepted: Bool

    public init(literalMode: LiteralMode = .synchronising, utf8Accepted: Bool = false) {
        self.literalMode = literalMode
        self.utf8Accepted = utf8Accepted
    }

    /// Chooses the literal mode a server's capabilities allow.
    public init(capabilities: Set<Capability>, utf8Accepted: Bool = false) {
        if capabilities.contains(.literalPlus) {
            self.init(literalMode: .literalPlus, utf8Accepted: utf8Accepted)
        } else if capabilities.contains(.literalMinus) {
            self.init(literalMode: .literalMinus, utf8Accepted: utf8Accepted)
        } else {
            self.init(literalMode: .synchronising, utf8Accepted: utf8Accepted)
        }
    }

    /// `DONE\r\n`, which ends IDLE (not a tagged command).
    public static var done: ByteBuffer { ByteBuffer(string: "DONE\r\n") }

    /// Encodes `tag SP command CRLF`, split at synchronising literals.
    public func encode(_ command: Command, tag: Tag) -> EncodedCommand {
        fatalError("implemented by the encoder")
    }
}

/// A command's bytes, split where a synchronising literal must wait for `+`.
public struct EncodedCommand: Hashable, Sendable {
    /// Send `chunks[0]`; then, for each further chunk, wait for a continuation
    /// request first.
    public var chunks: [ByteBuffer]

    public init(chunks: [ByteBuffer]) { self.chunks = chunks }

    /// All chunks joined (for logging with secrets redacted elsewhere, or tests).
    public var joined: ByteBuffer {
        var out = ByteBuffer()
        for var c in chunks { out.writeBuffer(&c) }
        return out
    }
}
