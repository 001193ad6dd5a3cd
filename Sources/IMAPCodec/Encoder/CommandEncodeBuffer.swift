import NIOCore

/// The bytes of one command while it is being written, cut into chunks at
/// every synchronising literal.
///
/// `CommandEncoder` owns the policy (which literal form the server allows,
/// whether UTF-8 may be quoted); this buffer applies it while the `writeX`
/// functions (in `CommandEncodeBuffer+*.swift`) walk a `Command`. Everything
/// is written straight into a `ByteBuffer`, so encoding is linear in the size
/// of the command.
struct CommandEncodeBuffer {
    /// The literal form the server accepts.
    let literalMode: CommandEncoder.LiteralMode
    /// UTF8=ACCEPT is enabled: valid UTF-8 may travel in quoted strings.
    let utf8Accepted: Bool
    /// The server has BINARY (RFC 3516): `literal8` (`~{N}`) may be used.
    let binary: Bool

    /// Finished chunks: each one ends with a synchronising literal's `{N}\r\n`.
    private(set) var chunks: [ByteBuffer] = []
    /// The chunk being written.
    private(set) var buffer: ByteBuffer

    /// The largest literal that LITERAL- lets us send without waiting (RFC 7888 §4).
    static let literalMinusLimit = 4096

    init(literalMode: CommandEncoder.LiteralMode, utf8Accepted: Bool, binary: Bool) {
        self.literalMode = literalMode
        self.utf8Accepted = utf8Accepted
        self.binary = binary
        self.buffer = ByteBuffer()
        self.buffer.reserveCapacity(64)
    }

    /// The chunks, the current one included; call once the command's CRLF is written.
    func finish() -> EncodedCommand {
        EncodedCommand(chunks: chunks + [buffer])
    }

    // MARK: Raw pieces

    /// Writes protocol text that is known to be valid where it goes (keywords, punctuation).
    mutating func writeText(_ text: StaticString) {
        buffer.writeStaticString(text)
    }

    /// Writes bytes the caller has already checked to be valid at this point.
    mutating func writeRaw(_ bytes: some Sequence<UInt8>) {
        buffer.writeBytes(bytes)
    }

    mutating func writeSpace() {
        buffer.writeInteger(UInt8(ascii: " "))
    }

    mutating func writeCRLF() {
        buffer.writeStaticString("\r\n")
    }

    /// `number`, `nz-number`, `mod-sequence-value`: decimal digits.
    mutating func writeNumber(_ value: some BinaryInteger) {
        buffer.writeString(String(value))
    }

    /// `quoted = DQUOTE *QUOTED-CHAR DQUOTE`, escaping `"` and `\`.
    ///
    /// The caller has checked that no CR, LF or NUL is present.
    mutating func writeQuoted(_ bytes: some Collection<UInt8>) {
        let dquote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        buffer.reserveCapacity(minimumWritableBytes: bytes.count + 2)
        buffer.writeInteger(dquote)
        for byte in bytes {
            if byte == dquote || byte == backslash { buffer.writeInteger(backslash) }
            buffer.writeInteger(byte)
        }
        buffer.writeInteger(dquote)
    }

    // MARK: Literals

    /// Whether a literal of `count` bytes goes without waiting for `+`.
    func isNonSynchronising(count: Int) -> Bool {
        switch literalMode {
        case .synchronising: return false
        case .literalPlus: return true
        case .literalMinus: return count <= Self.literalMinusLimit
        }
    }

    /// Writes `{N}` / `{N+}` (or `~{N}` / `~{N+}` for `literal8`) and CRLF, and
    /// starts a new chunk when the literal is synchronising: the sender must
    /// then wait for the server's `+` before sending the data.
    ///
    ///     literal  = "{" number ["+"] "}" CRLF *CHAR8     ; RFC 3501, RFC 7888
    ///     literal8 = "~{" number ["+"] "}" CRLF *OCTET    ; RFC 3516, RFC 4466
    mutating func writeLiteralHeader(count: Int, literal8: Bool = false) {
        let nonSynchronising = isNonSynchronising(count: count)
        if literal8 { buffer.writeInteger(UInt8(ascii: "~")) }
        buffer.writeInteger(UInt8(ascii: "{"))
        writeNumber(count)
        if nonSynchronising { buffer.writeInteger(UInt8(ascii: "+")) }
        buffer.writeStaticString("}\r\n")
        if !nonSynchronising {
            let next = ByteBuffer()
            chunks.append(buffer)
            buffer = next
        }
    }

    /// Writes a complete literal: header, then the bytes.
    mutating func writeLiteral(_ bytes: some Collection<UInt8>) {
        writeLiteralHeader(count: bytes.count)
        buffer.writeBytes(bytes)
    }

    /// Writes a complete literal (or `literal8`) whose data is a buffer.
    mutating func writeLiteral(_ data: ByteBuffer, literal8: Bool = false) {
        writeLiteralHeader(count: data.readableBytes, literal8: literal8)
        var data = data
        buffer.writeBuffer(&data)
    }
}
