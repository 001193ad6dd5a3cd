/// The header of a message or MIME part: an ordered list of fields with
/// case-insensitive lookup.
///
/// Fields keep their order and duplicates (`Received`, `To` given twice);
/// the subscript returns the first one, `values(for:)` all of them.
///
/// ```swift
/// let header = HeaderParser.parse(bytes).header
/// let subject = header.decodedValue(for: "subject")
/// ```
public struct MessageHeader: Sendable, Hashable {
    /// All fields, in message order.
    public var fields: [HeaderField]

    /// Makes a header from fields.
    public init(fields: [HeaderField] = []) {
        self.fields = fields
    }

    /// The unfolded value of the first field called `name` (case-insensitive).
    public subscript(name: String) -> String? {
        field(named: name)?.value
    }

    /// The first field called `name` (case-insensitive).
    public func field(named name: String) -> HeaderField? {
        let lower = name.lowercased()
        return fields.first { $0.name.lowercased() == lower }
    }

    /// The unfolded values of every field called `name`, in order.
    public func values(for name: String) -> [String] {
        let lower = name.lowercased()
        return fields.filter { $0.name.lowercased() == lower }.map(\.value)
    }

    /// The first value called `name` with RFC 2047 encoded words decoded.
    public func decodedValue(for name: String) -> String? {
        self[name].map(EncodedWordDecoder.decode)
    }

    /// Whether a field called `name` is present.
    public func contains(_ name: String) -> Bool {
        field(named: name) != nil
    }
}
