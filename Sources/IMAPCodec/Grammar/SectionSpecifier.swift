/// A BODY[section] specifier (RFC 3501 §6.4.5): part numbers and an optional
/// part text such as `HEADER`, `TEXT`, `MIME` or `HEADER.FIELDS (…)`.
public struct SectionSpecifier: Hashable, Sendable, CustomStringConvertible {
    /// Part numbers, e.g. `[1, 2]` for `1.2`; empty for the whole message.
    public var part: [Int]
    public var text: Text?

    /// The part of a section after its numbers.
    public enum Text: Hashable, Sendable {
        case header
        case headerFields([String])
        case headerFieldsNot([String])
        case text
        case mime
    }

    public init(part: [Int] = [], text: Text? = nil) {
        self.part = part
        self.text = text
    }

    /// `BODY[]`: the whole message.
    public static let complete = SectionSpecifier()
    /// `BODY[HEADER]`
    public static let header = SectionSpecifier(text: .header)
    /// `BODY[TEXT]`
    public static let text = SectionSpecifier(text: .text)

    /// The text between the brackets, e.g. `1.2.MIME` or `HEADER.FIELDS (FROM TO)`.
    public var description: String {
        var out = part.map(String.init).joined(separator: ".")
        if let text {
            if !out.isEmpty { out += "." }
            switch text {
            case .header: out += "HEADER"
            case .headerFields(let f): out += "HEADER.FIELDS (" + f.joined(separator: " ") + ")"
            case .headerFieldsNot(let f): out += "HEADER.FIELDS.NOT (" + f.joined(separator: " ") + ")"
            case .text: out += "TEXT"
            case .mime: out += "MIME"
            }
        }
        return out
    }
}
