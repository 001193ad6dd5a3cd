/// Why a server's bytes could not be parsed. Each case names what was wrong
/// and where; none of them is "need more bytes" (that is a `nil` result).
public enum ParserError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A line grew past `ParserLimits.maxLineLength`.
    case lineTooLong(limit: Int)
    /// A literal announced more than `ParserLimits.maxLiteralSize`.
    case literalTooLarge(announced: UInt64, limit: Int)
    /// A response grew past `ParserLimits.maxResponseSize`.
    case responseTooLarge(limit: Int)
    /// Parentheses nested deeper than `ParserLimits.maxNestingDepth`.
    case nestingTooDeep(limit: Int)
    /// The bytes break the grammar: what was expected, at which offset of the
    /// response, and an excerpt of the offending line (control bytes escaped).
    case syntax(expected: String, offset: Int, excerpt: String)

    public var description: String {
        switch self {
        case .lineTooLong(let limit): return "response line longer than \(limit) bytes"
        case .literalTooLarge(let n, let limit): return "literal of \(n) bytes exceeds the limit of \(limit)"
        case .responseTooLarge(let limit): return "response larger than \(limit) bytes"
        case .nestingTooDeep(let limit): return "lists nested deeper than \(limit) levels"
        case .syntax(let expected, let offset, let excerpt):
            return "malformed response: expected \(expected) at byte \(offset) in \"\(excerpt)\""
        }
    }
}
