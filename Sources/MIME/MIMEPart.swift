/// One node of a message's MIME tree, already decoded.
///
/// A multipart has `children` and no body. A `message/rfc822` part keeps
/// the embedded message's raw bytes in `body` and its parsed root part as
/// its only child (that child's `header` is the embedded message's header).
/// A leaf keeps its transfer-decoded bytes in `body`, and a `text/*` leaf
/// also its text in `text`, with line breaks normalised to `\n`.
public struct MIMEPart: Sendable, Hashable {
    /// The part's own header fields.
    public var header: MessageHeader
    /// The parsed `Content-Type` (or its default).
    public var contentType: ContentType
    /// The parsed `Content-Disposition`, when present.
    public var disposition: ContentDisposition?
    /// `Content-Transfer-Encoding`, lowercased; `7bit` when absent.
    public var transferEncoding: String
    /// Sub-parts of a multipart, or the root of an embedded message.
    public var children: [MIMEPart]
    /// Transfer-decoded content (raw message bytes for `message/rfc822`).
    public var body: [UInt8]
    /// The decoded text of a `text/*` leaf.
    public var text: String?
    /// True when the text was not decoded with the charset the part declared:
    /// the charset is unknown, or 8-bit bytes came with no charset or with
    /// US-ASCII. The text is then UTF-8 when valid, else Latin-1, and the
    /// reader should say the characters may be wrong.
    public var charsetFallback: Bool
    /// True when the part was not well formed and was read best effort (a
    /// multipart without a usable boundary), or a size limit cut it short.
    public var isMalformed: Bool

    /// Makes a part; the parser is the usual source of parts.
    public init(header: MessageHeader, contentType: ContentType, disposition: ContentDisposition? = nil,
                transferEncoding: String = "7bit", children: [MIMEPart] = [], body: [UInt8] = [],
                text: String? = nil, charsetFallback: Bool = false, isMalformed: Bool = false) {
        self.header = header
        self.contentType = contentType
        self.disposition = disposition
        self.transferEncoding = transferEncoding
        self.children = children
        self.body = body
        self.text = text
        self.charsetFallback = charsetFallback
        self.isMalformed = isMalformed
    }

    /// The file name the sender gave: `Content-Disposition` `filename`
    /// (RFC 2231 or RFC 2047), else `Content-Type` `name`.
    public var fileName: String? {
        if let name = disposition?.filename, !name.trimmingSpaces().isEmpty { return name }
        if let name = contentType.name, !name.trimmingSpaces().isEmpty { return name }
        return nil
    }

    /// The `Content-ID` without angle brackets, when present.
    public var contentID: String? {
        guard var id = header["Content-ID"]?.trimmingSpaces(), !id.isEmpty else { return nil }
        if id.hasPrefix("<") { id.removeFirst() }
        if id.hasSuffix(">") { id.removeLast() }
        return id
    }

    /// The part at `path`, where each element indexes `children`
    /// (`[]` is this part, `[1, 0]` the first child of the second child).
    public func part(at path: [Int]) -> MIMEPart? {
        var node = self
        for index in path {
            guard node.children.indices.contains(index) else { return nil }
            node = node.children[index]
        }
        return node
    }

    /// Every part in depth-first order with its path, this part first.
    public func allParts() -> [(path: [Int], part: MIMEPart)] {
        var out: [(path: [Int], part: MIMEPart)] = []
        func walk(_ p: MIMEPart, _ path: [Int]) {
            out.append((path, p))
            for (i, child) in p.children.enumerated() { walk(child, path + [i]) }
        }
        walk(self, [])
        return out
    }
}
