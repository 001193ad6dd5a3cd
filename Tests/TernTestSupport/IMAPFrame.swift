/// One unit of IMAP traffic as the test servers and raw clients see it, before any
/// parsing: a line, the bytes of a literal that a line announced, or bytes left over
/// without a line end when the peer closed.
///
/// A line that ends in `{N}`, `{N+}`, `{N-}` or `~{N}` announces a literal; the next
/// frame is then exactly its N bytes, whatever they contain, and the line continues
/// after them in a following `.line` frame. This is the same rule for client commands
/// (`A1 LOGIN {5}`) and server responses (`* 1 FETCH (BODY[] {1024}`).
public enum IMAPFrame: Sendable, Hashable {
    /// A line, without its CRLF (or LF).
    case line([UInt8])
    /// The bytes of a literal announced by the previous line.
    case literal([UInt8])
    /// Bytes that were still waiting for a line end when the connection closed.
    case unterminated([UInt8])

    /// The bytes of the frame.
    public var bytes: [UInt8] {
        switch self {
        case .line(let bytes), .literal(let bytes), .unterminated(let bytes):
            bytes
        }
    }

    /// The bytes as text (invalid UTF-8 is replaced).
    public var text: String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// The first word of a line (the tag of a command, `*` or `+` in a response), or nil.
    public var tag: String? {
        guard case .line(let bytes) = self else { return nil }
        return bytes.split(separator: UInt8(ascii: " "), maxSplits: 1).first.map { String(decoding: $0, as: UTF8.self) }
    }

    /// The second word of a line, uppercased: the command name of a client command
    /// (`LOGIN`), or nil.
    public var command: String? {
        guard case .line(let bytes) = self else { return nil }
        let words = bytes.split(separator: UInt8(ascii: " "), maxSplits: 2)
        guard words.count >= 2 else { return nil }
        return String(decoding: words[1], as: UTF8.self).uppercased()
    }

    /// The size of the literal a line announces at its end, if it does.
    public var announcedLiteral: Int? {
        guard case .line(let bytes) = self, bytes.last == UInt8(ascii: "}"),
              let open = bytes.lastIndex(of: UInt8(ascii: "{"))
        else { return nil }
        var digits = bytes[(open + 1)..<(bytes.count - 1)]
        if let last = digits.last, last == UInt8(ascii: "+") || last == UInt8(ascii: "-") {
            digits = digits.dropLast()
        }
        guard !digits.isEmpty, digits.count <= 18,
              digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else { return nil }
        return digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }
}
