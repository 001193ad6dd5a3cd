/// A password, token or client secret. It prints as `<redacted>` so it can
/// never reach a log, an error or the screen by accident; `reveal()` is the
/// one explicit way to read it.
public struct Secret: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    private let value: String

    public init(_ value: String) { self.value = value }

    /// The secret itself, for the one place that must send it.
    public func reveal() -> String { value }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
}
