/// Bounds that keep a hostile or broken server from exhausting memory or
/// stack: the parser throws a typed error instead of going past them.
public struct ParserLimits: Hashable, Sendable {
    /// The longest line (bytes between literals, CRLF excluded).
    public var maxLineLength: Int
    /// The largest literal accepted, checked before a single byte of it is buffered.
    public var maxLiteralSize: Int
    /// The deepest nesting of parenthesised lists (BODYSTRUCTURE, …).
    /// The grammar parser recurses once or twice per level, so keep this
    /// in the hundreds at most.
    public var maxNestingDepth: Int
    /// The largest complete response (lines plus literals).
    public var maxResponseSize: Int

    public init(maxLineLength: Int = 1 << 20, maxLiteralSize: Int = 64 << 20,
                maxNestingDepth: Int = 64, maxResponseSize: Int = 80 << 20) {
        self.maxLineLength = maxLineLength
        self.maxLiteralSize = maxLiteralSize
        self.maxNestingDepth = maxNestingDepth
        self.maxResponseSize = maxResponseSize
    }

    public static let `default` = ParserLimits()
}
