/// One column of the virtual screen.
///
/// A cell holds one grapheme cluster (a base character and its combining
/// marks) and its style. A wide character (CJK, most emoji) occupies two
/// cells: the first holds the character with `width == 2`, the second is a
/// continuation cell (`width == 0`, empty text) that backends skip.
public struct Cell: Hashable, Sendable {
    /// The grapheme cluster shown, `" "` for a blank cell, `""` for a continuation.
    public var text: String
    /// Columns the text takes: 1, 2, or 0 for the continuation of a wide character.
    public var width: UInt8
    /// The cell's look.
    public var style: Style

    /// Creates a cell.
    public init(text: String, width: UInt8 = 1, style: Style = .plain) {
        self.text = text
        self.width = width
        self.style = style
    }

    /// A blank cell in `style`.
    public static func blank(_ style: Style = .plain) -> Cell { Cell(text: " ", width: 1, style: style) }

    /// The second half of a wide character.
    public static func continuation(_ style: Style) -> Cell { Cell(text: "", width: 0, style: style) }

    /// Whether this is the second half of a wide character.
    public var isContinuation: Bool { width == 0 }
}
