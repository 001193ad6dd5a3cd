/// A configuration problem, named precisely enough to fix without guessing:
/// the file, the line (for syntax errors) or the key path, and what was expected.
public struct ConfigError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    /// A dotted key path such as `accounts[2].port`, when the problem is a value.
    public var key: String?
    /// 1-based line and column, when the problem is TOML syntax.
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(file: String, key: String? = nil, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file
        self.key = key
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        if let key { place += ": \(key)" }
        return "\(place): \(message)"
    }
}
