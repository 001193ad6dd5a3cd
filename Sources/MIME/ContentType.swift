/// A parsed `Content-Type`: media type, subtype and parameters.
///
/// A missing or unreadable value is `text/plain` (RFC 2045 §5.2); a type
/// without a subtype gets a sensible one (`text` becomes `text/plain`).
public struct ContentType: Sendable, Hashable {
    /// The top-level type, lowercased (`text`, `multipart`, `image`).
    public var type: String
    /// The subtype, lowercased (`plain`, `mixed`, `png`).
    public var subtype: String
    /// Parameters by lowercased name, RFC 2231 decoded.
    public var parameters: [String: String]

    /// Makes a content type from parts.
    public init(type: String, subtype: String, parameters: [String: String] = [:]) {
        self.type = type.lowercased()
        self.subtype = subtype.lowercased()
        self.parameters = parameters
    }

    /// Parses a `Content-Type` value; `nil` gives the default.
    public init(parsing value: String?, default fallback: ContentType = .textPlain) {
        guard let value, !value.trimmingSpaces().isEmpty else {
            self = fallback
            return
        }
        let parsed = HeaderParameters(value)
        let mediaType = String(parsed.value.lowercased().filter { !$0.isWhitespace && $0 != "\"" })
        let pieces = mediaType.split(separator: "/", maxSplits: 1).map(String.init)
        var type = pieces.first ?? ""
        var subtype = pieces.count > 1 ? pieces[1] : ""
        let tokenChar: (Character) -> Bool = { $0.isASCII && ($0.isLetter || $0.isNumber || "-.+_".contains($0)) }
        if type.isEmpty || !type.allSatisfy(tokenChar) || !subtype.allSatisfy(tokenChar) {
            type = fallback.type
            subtype = fallback.subtype
        } else if subtype.isEmpty {
            switch type {
            case "text": subtype = "plain"
            case "multipart": subtype = "mixed"
            case "message": subtype = "rfc822"
            default: subtype = "octet-stream"
            }
        }
        self.init(type: type, subtype: subtype, parameters: parsed.parameters)
    }

    /// `text/plain; charset=us-ascii`, the RFC 2045 default.
    public static let textPlain = ContentType(type: "text", subtype: "plain")
    /// `message/rfc822`, the default inside `multipart/digest`.
    public static let messageRFC822 = ContentType(type: "message", subtype: "rfc822")

    /// `type/subtype`.
    public var mimeType: String { "\(type)/\(subtype)" }
    /// The `charset` parameter, if any.
    public var charset: String? { parameters["charset"] }
    /// The `boundary` parameter of a multipart, if any.
    public var boundary: String? { parameters["boundary"] }
    /// The `name` parameter with RFC 2047 encoded words decoded.
    public var name: String? { parameters["name"].map(EncodedWordDecoder.decode) }
    /// Whether this is any `multipart/*`.
    public var isMultipart: Bool { type == "multipart" }
    /// Whether this is any `text/*`.
    public var isText: Bool { type == "text" }
    /// Whether this holds a whole message (`message/rfc822`, `message/global`).
    public var isMessage: Bool { type == "message" && (subtype == "rfc822" || subtype == "global") }
}
