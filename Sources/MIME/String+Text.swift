/// Small text helpers the parsers share (Foundation-free, so they work on
/// the exact scalars the mail held).
extension String {
    /// Without leading and trailing spaces and tabs (line breaks stay).
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }

    /// Without leading and trailing `set` characters.
    func trimming(_ set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s.removeFirst() }
        while s.last == set { s.removeLast() }
        return String(s)
    }

    /// Without trailing spaces and tabs.
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }

    /// CRLF and lone CR become LF.
    func replacingCRLF() -> String {
        var out = String.UnicodeScalarView()
        var lastWasCR = false
        for scalar in unicodeScalars {
            if scalar == "\r" {
                out.append("\n")
                lastWasCR = true
                continue
            }
            if scalar == "\n" && lastWasCR {
                lastWasCR = false
                continue
            }
            lastWasCR = false
            out.append(scalar)
        }
        return String(out)
    }

    /// Drops blank lines (and trailing spaces) at both ends.
    func trimmingBlankLines() -> String {
        var lines = split(separator: "\n", omittingEmptySubsequences: false)
        while let first = lines.first, first.allSatisfy({ $0 == " " || $0 == "\t" }) { lines.removeFirst() }
        while let last = lines.last, last.allSatisfy({ $0 == " " || $0 == "\t" }) { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// Every occurrence of `target` replaced, scanning left to right.
    func replacingAll(_ target: String, with replacement: String) -> String {
        var out = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            out += rest[..<range.lowerBound]
            out += replacement
            rest = rest[range.upperBound...]
        }
        out += rest
        return out
    }
}
