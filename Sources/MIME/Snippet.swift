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
        let clean = text.removingControlCharacters(keepLineBreaks: true)
        let lines = clean.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var kept: [String] = []
        for (index, line) in lines.enumerated() {
            let trimmed = line.trimmingSpaces()
            if trimmed == "--" || line.hasPrefix("-- ") && trimmed == "--" { break }
            if trimmed.hasPrefix(">") { continue }
            if isFootnote(trimmed) { continue }
            if trimmed.hasSuffix("wrote:") || trimmed.hasSuffix("écrit :") || trimmed.hasSuffix("schrieb:") {
                let nextQuoted = lines[(index + 1)...].first { !$0.trimmingSpaces().isEmpty }?
                    .trimmingSpaces().hasPrefix(">") ?? false
                if nextQuoted { continue }
            }
            kept.append(withoutHeadingMark(trimmed))
        }
        var result = collapse(kept.joined(separator: " "))
        if result.isEmpty { result = collapse(clean) }
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

    static func collapse(_ text: String) -> String {
        var out = ""
        var space = false
        for ch in text {
            if ch.isWhitespace {
                space = !out.isEmpty
                continue
            }
            if space { out.append(" "); space = false }
            out.append(ch)
        }
        return out
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
