/// Assembles raw RFC 5322 messages for tests: header lines joined with CRLF,
/// a blank line, then the body bytes.
struct TestMessage {
    var headers: [(String, String)]
    var body: [UInt8]
    var lineEnding = "\r\n"

    init(_ headers: [(String, String)] = [], body: String) {
        self.headers = headers
        self.body = Array(body.utf8)
    }

    init(_ headers: [(String, String)], bytes: [UInt8]) {
        self.headers = headers
        self.body = bytes
    }

    /// The whole message as bytes.
    var bytes: [UInt8] {
        var out: [UInt8] = []
        for (name, value) in headers {
            out += Array("\(name): \(value)\(lineEnding)".utf8)
        }
        out += Array(lineEnding.utf8)
        out += body
        return out
    }

    /// A top-level message with the usual headers around `part`.
    static func message(subject: String = "Test", from: String = "Ann <ann@example.com>",
                        to: String = "bob@example.org", date: String = "Tue, 1 Jul 2003 10:52:37 +0200",
                        part: TestMessage) -> TestMessage {
        var headers: [(String, String)] = [
            ("From", from), ("To", to), ("Subject", subject), ("Date", date),
            ("Message-ID", "<test-1@example.com>"), ("MIME-Version", "1.0"),
        ]
        headers += part.headers
        return TestMessage(headers, bytes: part.body)
    }

    /// A text part.
    static func text(_ text: String, subtype: String = "plain", charset: String = "utf-8",
                     encoding: String? = nil, extra: [(String, String)] = []) -> TestMessage {
        var headers = [("Content-Type", "text/\(subtype); charset=\(charset)")]
        var body = Array(text.utf8)
        if let encoding {
            headers.append(("Content-Transfer-Encoding", encoding))
            if encoding == "base64" { body = Array(base64(Array(text.utf8)).utf8) }
            if encoding == "quoted-printable" { body = Array(quotedPrintable(Array(text.utf8)).utf8) }
        }
        return TestMessage(headers + extra, bytes: body)
    }

    /// A part with bytes in a given charset and transfer encoding.
    static func encodedText(_ bytes: [UInt8], charset: String, encoding: String, subtype: String = "plain") -> TestMessage {
        let body: [UInt8]
        switch encoding {
        case "base64": body = Array(base64(bytes).utf8)
        case "quoted-printable": body = Array(quotedPrintable(bytes).utf8)
        default: body = bytes
        }
        return TestMessage([("Content-Type", "text/\(subtype); charset=\"\(charset)\""),
                            ("Content-Transfer-Encoding", encoding)], bytes: body)
    }

    /// A binary attachment, base64 encoded.
    static func attachment(_ data: [UInt8], type: String, disposition: String) -> TestMessage {
        TestMessage([("Content-Type", type), ("Content-Disposition", disposition),
                     ("Content-Transfer-Encoding", "base64")], bytes: Array(base64(data).utf8))
    }

    /// A multipart of `parts`.
    static func multipart(_ subtype: String, boundary: String? = nil,
                          parts: [TestMessage], preamble: String = "This is a multi-part message in MIME format.",
                          epilogue: String = "", closed: Bool = true, params: String = "") -> TestMessage {
        let boundary = boundary ?? "=_b-\(subtype)"
        var body: [UInt8] = Array("\(preamble)\r\n".utf8)
        for part in parts {
            body += Array("--\(boundary)\r\n".utf8)
            body += part.bytes
            body += Array("\r\n".utf8)
        }
        if closed { body += Array("--\(boundary)--\r\n\(epilogue)".utf8) }
        return TestMessage([("Content-Type", "multipart/\(subtype); boundary=\"\(boundary)\"\(params)")], bytes: body)
    }

    /// A `message/rfc822` part around `inner`.
    static func embedded(_ inner: TestMessage, disposition: String? = nil) -> TestMessage {
        var headers = [("Content-Type", "message/rfc822")]
        if let disposition { headers.append(("Content-Disposition", disposition)) }
        return TestMessage(headers, bytes: inner.bytes)
    }
}

/// Standard base64 with 76-character lines.
func base64(_ bytes: [UInt8]) -> String {
    let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    var out: [UInt8] = []
    var i = 0
    var column = 0
    while i < bytes.count {
        let b0 = Int(bytes[i]), b1 = i + 1 < bytes.count ? Int(bytes[i + 1]) : 0, b2 = i + 2 < bytes.count ? Int(bytes[i + 2]) : 0
        out.append(table[b0 >> 2])
        out.append(table[((b0 & 3) << 4) | (b1 >> 4)])
        out.append(i + 1 < bytes.count ? table[((b1 & 15) << 2) | (b2 >> 6)] : UInt8(ascii: "="))
        out.append(i + 2 < bytes.count ? table[b2 & 63] : UInt8(ascii: "="))
        i += 3
        column += 4
        if column >= 76, i < bytes.count { out += [13, 10]; column = 0 }
    }
    return String(decoding: out, as: UTF8.self)
}

/// Quoted-printable with soft breaks at 76 characters.
func quotedPrintable(_ bytes: [UInt8]) -> String {
    var out = ""
    var column = 0
    let hex = Array("0123456789ABCDEF")
    for b in bytes {
        var piece: String
        if b == 10 { out += "\r\n"; column = 0; continue }
        if b == 13 { continue }
        if (b >= 33 && b <= 126 && b != 61) || b == 32 {
            piece = String(UnicodeScalar(b))
        } else {
            piece = "=" + String(hex[Int(b >> 4)]) + String(hex[Int(b & 15)])
        }
        if column + piece.count > 75 { out += "=\r\n"; column = 0 }
        out += piece
        column += piece.count
    }
    return out
}

/// Bytes from standard base64 (test data).
func bytes(base64 text: String) -> [UInt8] {
    TransferDecodingForTests.decode(text)
}

enum TransferDecodingForTests {
    static func decode(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        var acc = 0, bits = 0
        for c in text.utf8 {
            let v: Int
            switch c {
            case 65...90: v = Int(c) - 65
            case 97...122: v = Int(c) - 71
            case 48...57: v = Int(c) + 4
            case 43: v = 62
            case 47: v = 63
            default: continue
            }
            acc = (acc << 6) | v
            bits += 6
            if bits >= 8 { bits -= 8; out.append(UInt8((acc >> bits) & 0xFF)) }
        }
        return out
    }
}
