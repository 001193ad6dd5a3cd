/// Decodes RFC 2047 encoded words in header text: `=?UTF-8?Q?Fran=C3=A7ois?=`.
///
/// Real mail breaks the rules, so this is lenient the way readers expect:
/// encoded words glued to text without spaces are decoded; whitespace between
/// two adjacent encoded words is dropped (RFC 2047 §6.2); adjacent words in
/// the same charset are joined before decoding, so a multibyte character split
/// across two words comes out whole; an unknown charset falls back to UTF-8
/// then Latin-1 (windows-1252 for 0x80–0x9F) rather than dropping the text; a malformed word stays as
/// written.
public enum EncodedWordDecoder {
    /// Whether `=?` occurs (a byte scan: most headers have no encoded word).
    static func mayHoldEncodedWord(_ utf8: String.UTF8View) -> Bool {
        var previous: UInt8 = 0
        for byte in utf8 {
            if byte == UInt8(ascii: "?"), previous == UInt8(ascii: "=") { return true }
            previous = byte
        }
        return false
    }

    /// Decodes every encoded word in `text`.
    public static func decode(_ text: String) -> String {
        guard text.utf8.count >= 8, Self.mayHoldEncodedWord(text.utf8) else { return text }
        let bytes = Array(text.utf8)
        var out = ""
        var pendingCharset: String?
        var pendingBytes: [UInt8] = []
        var literalStart = 0
        var i = 0

        func flushPending() {
            if let charset = pendingCharset {
                out += decodeBytes(pendingBytes, charset: charset)
                pendingCharset = nil
                pendingBytes = []
            }
        }

        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "="), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "?"),
               let word = parseWord(bytes, at: i) {
                // Text between the previous word and this one.
                let between = String(decoding: bytes[literalStart..<i], as: UTF8.self)
                let onlySpace = between.allSatisfy(\.isWhitespace)
                if pendingCharset != nil, onlySpace {
                    if pendingCharset?.uppercased() != word.charset.uppercased() {
                        flushPending()
                    }
                } else {
                    flushPending()
                    out += between
                }
                pendingCharset = word.charset
                pendingBytes += word.bytes
                i = word.end
                literalStart = i
                continue
            }
            i += 1
        }
        flushPending()
        out += String(decoding: bytes[literalStart..<bytes.count], as: UTF8.self)
        return out
    }

    struct Word {
        var charset: String
        var bytes: [UInt8]
        var end: Int
    }

    /// `=?charset?Q|B?text?=` starting at `start`.
    static func parseWord(_ b: [UInt8], at start: Int) -> Word? {
        var i = start + 2
        let charsetStart = i
        while i < b.count, b[i] != UInt8(ascii: "?") {
            if b[i] == UInt8(ascii: " ") || i - charsetStart > 40 { return nil }
            i += 1
        }
        guard i + 3 < b.count, i > charsetStart else { return nil }
        let charset = String(decoding: b[charsetStart..<i], as: UTF8.self)
        let encoding = b[i + 1] | 0x20
        guard encoding == UInt8(ascii: "q") || encoding == UInt8(ascii: "b"), b[i + 2] == UInt8(ascii: "?") else { return nil }
        i += 3
        let textStart = i
        while i + 1 < b.count, !(b[i] == UInt8(ascii: "?") && b[i + 1] == UInt8(ascii: "=")) {
            if b[i] == UInt8(ascii: " ") && encoding == UInt8(ascii: "b") { return nil }
            if b[i] == UInt8(ascii: "\r") || b[i] == UInt8(ascii: "\n") { return nil }
            i += 1
        }
        guard i + 1 < b.count else { return nil }
        let payload = Array(b[textStart..<i])
        let decoded = encoding == UInt8(ascii: "b") ? TransferDecoding.base64(payload) : TransferDecoding.qEncoding(payload)
        return Word(charset: charset, bytes: decoded, end: i + 2)
    }

    static func decodeBytes(_ bytes: [UInt8], charset: String) -> String {
        // Unknown charset: show the text, never drop it. 0x80–0x9F are read
        // as windows-1252 like everywhere else, not as C1 controls (which
        // `Message.subject` and names would then strip).
        CharsetDecoder.decode(bytes, charset: charset) ?? HeaderParser.utf8OrLatin1(bytes)
    }
}
