/// Fitting text into a number of columns.
public enum TextFit {
    /// `text` cut to at most `width` columns, ending with `…` when cut; a
    /// wide character or a cluster with its combining marks is never split.
    public static func truncate(_ text: String, width: Int) -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width { return text }
        var out = ""
        var used = 0
        for character in text {
            let w = DisplayWidth.of(character)
            if used + w > width - 1 { break }
            out.append(character)
            used += w
        }
        return out + "…"
    }

    /// `text` truncated to `width` and padded with spaces to exactly `width` columns.
    public static func pad(_ text: String, width: Int) -> String {
        let cut = truncate(text, width: width)
        let missing = width - DisplayWidth.of(cut)
        return missing > 0 ? cut + String(repeating: " ", count: missing) : cut
    }

    /// `text` right-aligned in `width` columns (truncated when longer).
    public static func padLeft(_ text: String, width: Int) -> String {
        let cut = truncate(text, width: width)
        let missing = width - DisplayWidth.of(cut)
        return missing > 0 ? String(repeating: " ", count: missing) + cut : cut
    }

    /// Wraps text into lines of at most `width` columns, at spaces where
    /// possible; existing line breaks are kept.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let clean = Sanitizer.line(String(paragraph))
            if DisplayWidth.of(clean) <= width { lines.append(clean); continue }
            var line = ""
            var used = 0
            var lastSpace: String.Index?
            for character in clean {
                let w = DisplayWidth.of(character)
                if used + w > width {
                    if character == " " {  // the line ends exactly at a word: break at this space
                        lines.append(line)
                        line = ""
                        used = 0
                        lastSpace = nil
                        continue
                    }
                    if let space = lastSpace {
                        lines.append(String(line[..<space]))
                        line = String(line[line.index(after: space)...])
                    } else {
                        lines.append(line)
                        line = ""
                    }
                    used = DisplayWidth.of(line)
                    lastSpace = line.lastIndex(of: " ")
                }
                if character == " " { lastSpace = line.endIndex }
                line.append(character)
                used += w
            }
            lines.append(line)
        }
        return lines
    }
}
