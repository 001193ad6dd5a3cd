/// Makes text from mail safe to put on a terminal.
///
/// Mail is hostile input: a subject may carry ESC sequences that move the
/// cursor or change colours, or bidi overrides that reorder what follows.
/// Every C0/C1 control becomes a visible `�`-free substitute (tab → space,
/// line breaks → space in single-line text), and bidi embedding/override
/// controls are dropped.
public enum Sanitizer {
    /// One line of text safe to draw: no controls, no line breaks.
    public static func line(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsWork) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: out.append(" ")
            case 0x00..<0x20, 0x7F..<0xA0: out.append("?")
            case 0x202A...0x202E, 0x2066...0x2069: continue
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    static func needsWork(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value < 0x20 || (0x7F..<0xA0).contains(value) || (0x202A...0x202E).contains(value)
            || (0x2066...0x2069).contains(value)
    }
}
