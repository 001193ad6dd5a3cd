/// Scrolling of wrapped text (the reader): which line is at the top.
public struct TextViewState: Hashable, Sendable {
    /// The first visible line.
    public private(set) var top: Int = 0

    public init() {}

    /// Scrolls by `delta` lines within `lineCount` lines shown in `height` rows.
    public mutating func scroll(by delta: Int, lineCount: Int, height: Int) {
        top = max(0, min(top + delta, max(0, lineCount - height)))
    }

    /// The lines visible in `height` rows.
    public func visible(_ lines: [String], height: Int) -> ArraySlice<String> {
        let start = min(top, lines.count)
        return lines[start..<min(lines.count, start + max(0, height))]
    }
}
