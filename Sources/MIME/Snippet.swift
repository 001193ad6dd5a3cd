/// The short preview line the message list shows: the first ~200
/// characters of the readable text.
///
/// Whitespace is collapsed; quoted lines (`>`), the attribution line before
/// a quote (`On … wrote:`), link footnotes (`[1] https://…`) and everything
/// after the signature separator (`-- `) are skipped when something else is
/// left to show, and heading marks (`# `) dropped. A cut falls on a word
/// boundary when one is near; no ellipsis is added (the list decides how
/// to show a cut).
public enum Snippet {
    /// The usual snippet length in characters.
    public static let defaultLength = 200

    /// The snippet of an already readable text.
    public static func make(from text: String, maxLength: Int = defaultLength) -> String {
        // Lines are read and cleaned one at a time (control characters never
        // span a `\n`), and only until the kept text surely fills the snippet.
        let bytes = text.utf8
        func readLine(at start: String.Index) -> (text: String, next: String.Index?) {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.endIndex
            let line = String(text[start..<end]).removingControlCharacters(keepLineBreaks: true)
            return (line, end == bytes.endIndex ? nil : bytes.index(after: end))
        }
        var kept = ""
        var keptCount = 0
        var surelyShown = 0
        var nextStart: String.Index? = bytes.startIndex
        while let start = nextStart {
            let (line, next) = readLine(at: start)
            nextStart = next
            let trimmed = line.trimmingSpaces()
            if trimmed == "--" { break }
            if trimmed.hasPrefix(">") { continue }
            if isFootnote(trimmed) { continue }
            if trimmed.hasSuffix("wrote:") || trimmed.hasSuffix("écrit :") || trimmed.hasSuffix("schrieb:") {
                var following = next
                var nextShown: String?
                while let start = following, nextShown == nil {
                    let (candidate, after) = readLine(at: start)
                    if !candidate.trimmingSpaces().isEmpty { nextShown = candidate }
                    following = after
                }
                if nextShown?.trimmingSpaces().hasPrefix(">") ?? false { continue }
            }
            let shown = withoutHeadingMark(trimmed)
            if keptCount > 0 { kept += " " }
            kept += shown
            keptCount += 1
            // Counted on scalars: a standalone character is one scalar, and
            // a mark that joins it is not standalone (no grapheme breaking needed).
            surelyShown += shown.unicodeScalars.reduce(0) { isStandalone($1) ? $0 + 1 : $0 }
            if maxLength > 0, surelyShown > maxLength + 1 { break }
        }
        var result = collapse(kept)
        if result.isEmpty { result = collapse(text.removingControlCharacters(keepLineBreaks: true)) }
        return cut(result, maxLength: maxLength)
    }

    /// The snippet of a message (its `ReadableBody` text).
    public static func make(from message: Message, maxLength: Int = defaultLength) -> String {
        make(from: ReadableBody(message).text, maxLength: maxLength)
    }

    /// `## Title` (an HTML heading as `HTMLToText` writes it) without the marks.
    static func withoutHeadingMark(_ line: String) -> String {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes), line.dropFirst(hashes).first == " " else { return line }
        return String(line.dropFirst(hashes + 1))
    }

    static func isFootnote(_ line: String) -> Bool {
        guard line.hasPrefix("["), let close = line.firstIndex(of: "]") else { return false }
        let number = line[line.index(after: line.startIndex)..<close]
        return !number.isEmpty && number.allSatisfy(\.isNumber) && line[close...].contains(":")
    }

    /// Runs of whitespace become one space; leading and trailing runs go.
    /// Works on scalars (a whitespace scalar never belongs to a visible
    /// grapheme's cluster), copying the runs between spaces whole.
    static func collapse(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        let scalars = text.unicodeScalars
        var runStart: String.Index?
        var pendingSpace = false
        var index = scalars.startIndex
        while index < scalars.endIndex {
            if isWhitespace(scalars[index]) {
                if let start = runStart {
                    out += text[start..<index]
                    runStart = nil
                }
                pendingSpace = !out.isEmpty
            } else if runStart == nil {
                if pendingSpace { out += " "; pendingSpace = false }
                runStart = index
            }
            index = scalars.index(after: index)
        }
        if let start = runStart { out += text[start...] }
        return out
    }

    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar == " " || (0x09...0x0D).contains(scalar.value) }
        return scalar.properties.isWhitespace
    }

    /// Whether `ch` is a visible character that no neighbour can join into
    /// one grapheme (ASCII, Latin letters, kana, CJK ideographs): each one
    /// kept is surely one character of the collapsed snippet, whatever
    /// follows, so counting them tells when enough text is kept.
    static func isStandalone(_ ch: Character) -> Bool {
        guard let scalar = ch.unicodeScalars.first else { return false }
        return isStandalone(scalar)
    }

    static func isStandalone(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (0x21...0x7E).contains(v) || (0xC0...0x24F).contains(v) || (0x3041...0x3096).contains(v)
            || (0x30A1...0x30FA).contains(v) || (0x4E00...0x9FFF).contains(v)
    }

    /// `Character.isWhitespace`, without the Unicode property lookup for
    /// single ASCII characters (tab to carriage return, space).
    static func isWhitespace(_ ch: Character) -> Bool {
        let utf8 = ch.utf8
        if utf8.count == 1, let b = utf8.first { return b == 0x20 || (0x09...0x0D).contains(b) }
        return ch.isWhitespace
    }

    static func cut(_ text: String, maxLength: Int) -> String {
        guard text.count > maxLength, maxLength > 0 else { return text }
        let end = text.index(text.startIndex, offsetBy: maxLength)
        let prefix = text[..<end]
        if let space = prefix.lastIndex(of: " "), prefix.distance(from: space, to: prefix.endIndex) <= 30 {
            return String(prefix[..<space])
        }
        return String(prefix)
    }
}
