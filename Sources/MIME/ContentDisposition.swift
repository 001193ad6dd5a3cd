/// A parsed `Content-Disposition`: `attachment; filename="report.pdf"`.
public struct ContentDisposition: Sendable, Hashable {
    /// `inline`, `attachment` or whatever the sender wrote, lowercased.
    public var kind: String
    /// Parameters by lowercased name, RFC 2231 decoded.
    public var parameters: [String: String]

    /// Parses a `Content-Disposition` value.
    public init(parsing value: String) {
        let parsed = HeaderParameters(value)
        kind = parsed.value.lowercased()
        parameters = parsed.parameters
    }

    /// Whether the sender marked the part as an attachment.
    public var isAttachment: Bool { kind == "attachment" }
    /// Whether the sender marked the part as inline.
    public var isInline: Bool { kind == "inline" }
    /// The `filename` parameter with RFC 2047 encoded words decoded (some
    /// mailers use them there although RFC 2231 is the standard).
    public var filename: String? { parameters["filename"].map(EncodedWordDecoder.decode) }
}
