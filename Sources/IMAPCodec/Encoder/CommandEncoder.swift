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
    /// The server has BINARY (RFC 3516): APPEND sends a message that holds NUL
    /// bytes as a `literal8` (`~{N}`), which a plain literal cannot carry.
    public var binary: Bool

    public init(literalMode: LiteralMode = .synchronising, utf8Accepted: Bool = false, binary: Bool = false) {
        self.literalMode = literalMode
        self.utf8Accepted = utf8Accepted
        self.binary = binary
    }

    /// Chooses the literal mode (and `literal8` use) a server's capabilities allow.
    public init(capabilities: Set<Capability>, utf8Accepted: Bool = false) {
        let literalMode: LiteralMode =
            if capabilities.contains(.literalPlus) { .literalPlus }
            else if capabilities.contains(.literalMinus) { .literalMinus }
            else { .synchronising }
        self.init(literalMode: literalMode, utf8Accepted: utf8Accepted, binary: capabilities.contains(.binary))
    }

    /// `DONE\r\n`, which ends IDLE (not a tagged command).
    public static var done: ByteBuffer { ByteBuffer(string: "DONE\r\n") }

    /// Encodes `tag SP command CRLF`, split at synchronising literals.
    ///
    /// Every string takes the smallest form the grammar allows at its place:
    /// an atom, a quoted string (with `\"` and `\\` escaped), or a literal
    /// when it holds CR, LF, NUL, 8-bit bytes (without UTF8=ACCEPT, or when
    /// not valid UTF-8) or more than 1000 bytes. So no value ever puts a bare
    /// CR or LF outside a literal. Mailbox names and LIST patterns are written
    /// as their wire bytes (see `MailboxName.wire`).
    ///
    /// ```swift
    /// let encoded = CommandEncoder(capabilities: caps).encode(.login(username: u, password: p), tag: Tag("A1"))
    /// for (index, chunk) in encoded.chunks.enumerated() {
    ///     if index > 0 { try await waitForContinuation() }
    ///     try await send(chunk)
    /// }
    /// ```
    public func encode(_ command: Command, tag: Tag) -> EncodedCommand {
        var buffer = CommandEncodeBuffer(literalMode: literalMode, utf8Accepted: utf8Accepted, binary: binary)
        buffer.writeCommand(command, tag: tag)
        return buffer.finish()
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
