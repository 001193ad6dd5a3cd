/// Terminal column widths of characters, as `wcwidth` reports them on a
/// UTF-8 terminal, without depending on the process locale.
///
/// Combining marks, format characters and variation selectors take no
/// column of their own (they stay with their base); East Asian wide and
/// fullwidth characters and emoji with emoji presentation take two.
public enum DisplayWidth {
    /// Columns of one Unicode scalar: 0, 1 or 2 (controls count 0; see ``Sanitizer``).
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
        if value < 0x300 { return 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if value == 0x200B || (0x1160...0x11FF).contains(value) { return 0 }
        if isWide(value) || scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// Columns of one grapheme cluster: the width of its first visible
    /// scalar, or 2 when an emoji variation selector (U+FE0F) asks for
    /// emoji presentation.
    public static func of(_ character: Character) -> Int {
        var width = 0
        var base: Unicode.Scalar?
        for scalar in character.unicodeScalars {
            if base == nil {
                let w = of(scalar)
                if w > 0 { width = w; base = scalar }
            } else if scalar.value == 0xFE0F, let base, base.properties.isEmoji, base.value > 0xFF {
                width = 2
            }
        }
        return width
    }

    /// Columns of a string.
    public static func of(_ text: some StringProtocol) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF,
        0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3,
        0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
        0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF, 0x1F200...0x1F2FF,
        0x1F300...0x1F64F, 0x1F680...0x1F6FF, 0x1F900...0x1F9FF, 0x1FA70...0x1FAFF,
        0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    static func isWide(_ value: UInt32) -> Bool {
        guard value >= 0x1100 else { return false }
        var low = 0, high = wideRanges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let range = wideRanges[mid]
            if value < range.lowerBound { high = mid - 1 } else if value > range.upperBound { low = mid + 1 } else { return true }
        }
        return false
    }
}
