extension String {
    /// The text without control characters, which a terminal would obey
    /// (an escape sequence in a mail body must not move the cursor). Line
    /// feeds and tabs stay when `keepLineBreaks`; otherwise they become
    /// spaces. Carriage returns always go.
    func removingControlCharacters(keepLineBreaks: Bool) -> String {
        guard unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else {
            return self
        }
        var out = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            let v = scalar.value
            if scalar == "\n" || scalar == "\t" {
                out.append(keepLineBreaks ? scalar : " ")
            } else if v < 0x20 || (0x7F...0x9F).contains(v) {
                continue
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}
