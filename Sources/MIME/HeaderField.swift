/// One header field of a message or MIME part: `Subject: Hello`.
///
/// The value is kept twice: `rawValue` exactly as it stood after the colon
/// (folding line breaks included) for anyone who needs the original, and
/// `value` unfolded and trimmed, which is what parsers and the UI use.
public struct HeaderField: Sendable, Hashable {
    /// The field name as written (`Content-Type`); compare case-insensitively.
    public var name: String
    /// The text after the colon, folding line breaks kept.
    public var rawValue: String
    /// The value unfolded (line breaks removed) and trimmed.
    public var value: String

    /// Makes a field; `value` is derived from `rawValue` by unfolding.
    public init(name: String, rawValue: String) {
        self.name = name
        self.rawValue = rawValue
        self.value = HeaderField.unfold(rawValue)
    }

    /// Removes folding (CR and LF) and trims surrounding spaces and tabs.
    static func unfold(_ raw: String) -> String {
        // CR and LF are always characters of their own (or CRLF), so
        // dropping those bytes drops exactly those characters.
        guard raw.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A }) else { return raw.trimmingSpaces() }
        return String(decoding: raw.utf8.filter { $0 != 0x0D && $0 != 0x0A }, as: UTF8.self).trimmingSpaces()
    }
}
