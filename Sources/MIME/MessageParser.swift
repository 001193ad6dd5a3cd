/// Parses raw RFC 5322 / MIME messages into a `Message` with a decoded tree.
///
/// It never fails: whatever the input, the result is a message whose text
/// can be shown. Multiparts are split at their boundaries (a missing closing
/// boundary ends the part at the end of the input; preamble and epilogue
/// are dropped), `message/rfc822` parts are parsed as messages, transfer
/// encodings are undone and text is decoded through `CharsetDecoder`.
/// `Limits` bound nesting and part count against hostile input: parts past
/// the limits are kept as undecoded leaves.
///
/// ```swift
/// let message = MessageParser.parse(Array(raw.utf8))
/// ```
public enum MessageParser {
    /// Bounds on work done for one message.
    public struct Limits: Sendable, Hashable {
        /// Deepest nesting of multiparts and embedded messages.
        public var maxDepth: Int
        /// Most parts in one message; later parts are dropped.
        public var maxParts: Int

        /// Makes limits.
        public init(maxDepth: Int = 32, maxParts: Int = 1000) {
            self.maxDepth = maxDepth
            self.maxParts = maxParts
        }

        /// Generous limits no real message reaches.
        public static let `default` = Limits()
    }

    /// Parses a whole message.
    public static func parse(_ bytes: [UInt8], limits: Limits = .default) -> Message {
        var state = State(limits: limits)
        let (header, offset) = HeaderParser.parse(bytes)
        let root = parsePart(header: header, body: bytes[offset...], depth: 0,
                             defaultType: .textPlain, state: &state)
        return Message(root: root)
    }

    /// Parses a whole message given as text (tests, pasted mail).
    public static func parse(_ text: String, limits: Limits = .default) -> Message {
        parse(Array(text.utf8), limits: limits)
    }

    struct State {
        var limits: Limits
        var partCount = 0
    }

    static func parsePart(header: MessageHeader, body: ArraySlice<UInt8>, depth: Int,
                          defaultType: ContentType, state: inout State) -> MIMEPart {
        state.partCount += 1
        var contentType = ContentType(parsing: header["Content-Type"], default: defaultType)
        let encoding = header["Content-Transfer-Encoding"]?.lowercased().trimmingSpaces() ?? "7bit"
        let disposition = header["Content-Disposition"].map(ContentDisposition.init(parsing:))
        var part = MIMEPart(header: header, contentType: contentType, disposition: disposition,
                            transferEncoding: encoding)

        if contentType.isMultipart {
            if depth < state.limits.maxDepth, let boundary = contentType.boundary, !boundary.isEmpty {
                let pieces = splitMultipart(body, boundary: boundary)
                if !pieces.isEmpty {
                    let childDefault: ContentType = contentType.subtype == "digest" ? .messageRFC822 : .textPlain
                    for piece in pieces {
                        if state.partCount >= state.limits.maxParts {
                            part.isMalformed = true
                            break
                        }
                        let (childHeader, offset) = HeaderParser.parse(piece)
                        part.children.append(parsePart(header: childHeader, body: piece[offset...], depth: depth + 1,
                                                       defaultType: childDefault, state: &state))
                    }
                    return part
                }
            }
            // No usable boundary (or too deep): show the body as text, don't lose it.
            contentType = .textPlain
            part.contentType = contentType
            part.isMalformed = true
        }

        let decoded = decodeTransfer(body, encoding: encoding)
        part.body = decoded

        if contentType.isMessage {
            if depth < state.limits.maxDepth, state.partCount < state.limits.maxParts {
                let (innerHeader, offset) = HeaderParser.parse(decoded)
                part.children = [parsePart(header: innerHeader, body: decoded[offset...], depth: depth + 1,
                                           defaultType: .textPlain, state: &state)]
            } else {
                part.isMalformed = true
            }
            return part
        }

        if contentType.isText {
            var charset = contentType.charset
            if charset == nil, contentType.subtype == "html" { charset = htmlMetaCharset(decoded) }
            let (text, fallback) = decodeText(decoded, charset: charset)
            part.text = text
            part.charsetFallback = fallback
        }
        return part
    }

    /// The bodies between `--boundary` lines. A delimiter line may carry
    /// trailing spaces; without the closing `--boundary--` the last part
    /// runs to the end of the input.
    static func splitMultipart(_ body: ArraySlice<UInt8>, boundary: String) -> [ArraySlice<UInt8>] {
        let delimiter = Array(("--" + boundary).utf8)
        var parts: [ArraySlice<UInt8>] = []
        var partStart: Int?
        var i = body.startIndex
        let end = body.endIndex
        while i < end {
            var lineEnd = i
            while lineEnd < end, body[lineEnd] != 0x0A { lineEnd += 1 }
            let next = lineEnd < end ? lineEnd + 1 : end
            if body[i] == 0x2D, lineEnd - i >= delimiter.count, body[i..<(i + delimiter.count)].elementsEqual(delimiter) {
                var rest = body[(i + delimiter.count)..<lineEnd]
                let isClose = rest.starts(with: [0x2D, 0x2D])
                if isClose { rest = rest.dropFirst(2) }
                if rest.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
                    if let start = partStart {
                        // The line break before a delimiter belongs to the delimiter.
                        var stop = i
                        if stop > start, body[stop - 1] == 0x0A { stop -= 1 }
                        if stop > start, body[stop - 1] == 0x0D { stop -= 1 }
                        parts.append(body[start..<max(start, stop)])
                    }
                    if isClose { return parts }
                    partStart = next
                }
            }
            i = next
        }
        if let start = partStart { parts.append(body[start..<end]) }
        return parts
    }

    /// Undoes `Content-Transfer-Encoding`; unknown encodings pass through.
    public static func decodeTransfer(_ body: ArraySlice<UInt8>, encoding: String) -> [UInt8] {
        switch encoding {
        case "base64": return TransferDecoding.base64(Array(body))
        case "quoted-printable": return TransferDecoding.quotedPrintable(Array(body))
        default: return Array(body)
        }
    }

    /// Decodes a text body, line breaks normalised to `\n`. Returns whether
    /// the declared charset could not be used (see `MIMEPart.charsetFallback`).
    /// Text labelled UTF-8 without a single valid multibyte sequence is read
    /// as Latin-1 (a common mislabel); otherwise invalid bytes become U+FFFD.
    public static func decodeText(_ bytes: [UInt8], charset: String?) -> (text: String, charsetFallback: Bool) {
        let declared = charset?.trimmingSpaces() ?? ""
        let isASCII = bytes.allSatisfy { $0 < 0x80 }
        var text: String
        var fallback = false
        if declared.isEmpty || CharsetDecoder.normalise(declared) == "US-ASCII" {
            if isASCII {
                text = String(decoding: bytes, as: UTF8.self)
            } else {
                text = HeaderParser.utf8OrLatin1(bytes)
                fallback = true
            }
        } else if CharsetDecoder.normalise(declared) == "UTF-8", !isASCII,
                  String(validating: bytes, as: UTF8.self) == nil, !hasValidMultibyteUTF8(bytes) {
            // Labelled UTF-8 but not a single valid multibyte sequence: 8-bit legacy text.
            text = HeaderParser.latin1(bytes)
            fallback = true
        } else if let decoded = CharsetDecoder.decode(bytes, charset: declared) {
            text = decoded
        } else {
            text = HeaderParser.utf8OrLatin1(bytes)
            fallback = true
        }
        if text.utf8.contains(0x0D) {
            text = text.replacingCRLF()
        }
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        return (text, fallback)
    }

    /// The charset an HTML body declares in a `<meta>` near its start, for
    /// HTML parts whose Content-Type names none.
    static func htmlMetaCharset(_ bytes: [UInt8]) -> String? {
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self).lowercased()
        guard let range = head.firstRange(of: "charset=") else { return nil }
        var name = ""
        for ch in head[range.upperBound...].drop(while: { $0 == "\"" || $0 == "'" || $0 == " " }) {
            guard ch.isASCII, ch.isLetter || ch.isNumber || ch == "-" || ch == "_" || ch == ":" || ch == "." else { break }
            name.append(ch)
        }
        return name.isEmpty ? nil : name
    }

    /// Whether `bytes` hold at least one well-formed multibyte UTF-8 sequence.
    static func hasValidMultibyteUTF8(_ bytes: [UInt8]) -> Bool {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length = b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xC2 && b <= 0xDF ? 2 : 1
            if length > 1, i + length <= bytes.count,
               bytes[(i + 1)..<(i + length)].allSatisfy({ $0 & 0xC0 == 0x80 }) {
                return true
            }
            i += 1
        }
        return false
    }
}
