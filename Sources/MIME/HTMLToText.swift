/// Turns an HTML body into readable plain text for the terminal reader.
///
/// Paragraphs and headings are separated by blank lines, `<br>` breaks a
/// line, headings get `#` marks, list items a bullet or their number,
/// blockquotes a `> ` prefix per level, `<pre>` keeps its spacing, and links
/// become numbered footnotes (`text[1]`) listed at the end. `<script>`,
/// `<style>`, `<head>` and elements hidden with `display:none` are dropped,
/// entities (named and numeric) decoded and whitespace collapsed. No tag is
/// ever left in the output, and broken HTML (unclosed tags, stray `<`,
/// missing `;`) is read as well as it can be.
public enum HTMLToText {
    /// The readable text of `html`.
    public static func convert(_ html: String) -> String {
        var renderer = Renderer(Array(html.unicodeScalars))
        renderer.run()
        return renderer.finish()
    }

    struct ListState {
        var ordered: Bool
        var counter: Int
    }

    struct Renderer {
        let s: [Unicode.Scalar]
        var i = 0
        var lines: [String] = []
        var cur = ""
        var lineOpen = false
        var pendingSpace = false
        var pendingBreaks = 0
        var quoteDepth = 0
        var preDepth = 0
        var lists: [ListState] = []
        var pendingBullet: String?
        var links: [String] = []
        /// Footnote number of each link in `links`.
        var linkNumbers: [String: Int] = [:]
        /// Needles `find` knows are absent at or after the given index.
        var absent: [String: Int] = [:]
        var anchors: [(href: String?, text: String)] = []

        init(_ scalars: [Unicode.Scalar]) {
            s = scalars
        }

        // MARK: Output

        /// Deepest nesting shown; hostile HTML nests thousands of levels.
        static let maxShownDepth = 12

        var quotePrefix: String {
            quoteDepth > 0 ? String(repeating: ">", count: min(quoteDepth, Renderer.maxShownDepth)) + " " : ""
        }

        var listIndent: Int { min(lists.count, Renderer.maxShownDepth) }

        mutating func closeLine() {
            lines.append(cur.trimmingTrailingSpaces())
            cur = ""
            lineOpen = false
        }

        mutating func requestBreak(_ n: Int) {
            pendingBreaks = max(pendingBreaks, n)
            pendingSpace = false
        }

        mutating func hardBreak() {
            if lineOpen {
                closeLine()
            } else {
                lines.append(quotePrefix.trimmingTrailingSpaces())
            }
            pendingSpace = false
            pendingBreaks = 0
        }

        /// Applies pending breaks and opens a line, writing its prefix.
        mutating func openLineIfNeeded() {
            if pendingBreaks > 0 {
                if lineOpen { closeLine() }
                if !lines.isEmpty {
                    let wantedBlank = pendingBreaks - 1
                    var trailingBlank = 0
                    for line in lines.reversed() {
                        if line.allSatisfy({ $0 == ">" }) { trailingBlank += 1 } else { break }
                    }
                    for _ in 0..<max(0, wantedBlank - trailingBlank) {
                        lines.append(quotePrefix.trimmingTrailingSpaces())
                    }
                }
                pendingBreaks = 0
                pendingSpace = false
            }
            if !lineOpen {
                cur = quotePrefix
                if let bullet = pendingBullet {
                    cur += String(repeating: "  ", count: max(0, listIndent - 1)) + bullet
                    pendingBullet = nil
                } else if !lists.isEmpty {
                    cur += String(repeating: "  ", count: listIndent)
                }
                lineOpen = true
                pendingSpace = false
            }
        }

        mutating func write(_ c: Unicode.Scalar) {
            if c == "\u{200B}" || c == "\u{200C}" || c == "\u{200D}" || c == "\u{FEFF}" || c == "\u{AD}" || c == "\u{034F}" {
                return
            }
            if preDepth > 0 {
                if c == "\n" { hardBreak(); return }
                if c == "\r" { return }
                openLineIfNeeded()
                cur.unicodeScalars.append(c == "\t" ? " " : c)
                appendAnchorText(c)
                return
            }
            if c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}" || c == "\u{A0}" {
                if lineOpen { pendingSpace = true }
                return
            }
            openLineIfNeeded()
            if pendingSpace {
                cur.append(" ")
                appendAnchorText(" ")
                pendingSpace = false
            }
            cur.unicodeScalars.append(c)
            appendAnchorText(c)
        }

        mutating func write(_ text: String) {
            for c in text.unicodeScalars { write(c) }
        }

        mutating func appendAnchorText(_ c: Unicode.Scalar) {
            if !anchors.isEmpty { anchors[anchors.count - 1].text.unicodeScalars.append(c) }
        }

        // MARK: Scanning

        mutating func run() {
            while i < s.count {
                let c = s[i]
                if c == "<" {
                    if handleMarkup() { continue }
                    write(c)
                    i += 1
                } else if c == "&" {
                    let (decoded, length) = HTMLToText.entity(s, at: i)
                    write(decoded)
                    i += length
                } else {
                    write(c)
                    i += 1
                }
            }
        }

        func isLetter(_ c: Unicode.Scalar) -> Bool {
            (c >= "a" && c <= "z") || (c >= "A" && c <= "Z")
        }

        /// Index of the first case-insensitive match of `needle` at or after `from`.
        /// A miss is remembered: hostile HTML (`<head>` after `<head>`, none
        /// closed) would otherwise rescan the rest of the input for every tag.
        mutating func find(_ needle: String, from: Int) -> Int? {
            if let absentFrom = absent[needle], from >= absentFrom { return nil }
            let n = Array(needle.lowercased().unicodeScalars)
            guard !n.isEmpty, s.count >= n.count else { return nil }
            var j = from
            while j <= s.count - n.count {
                var k = 0
                while k < n.count, HTMLToText.lower(s[j + k]) == n[k] { k += 1 }
                if k == n.count { return j }
                j += 1
            }
            absent[needle] = min(from, absent[needle] ?? from)
            return nil
        }

        /// Reads a tag, comment or declaration at `i`; false when the `<` is text.
        mutating func handleMarkup() -> Bool {
            guard i + 1 < s.count else { return false }
            let next = s[i + 1]
            if next == "!" {
                if i + 3 < s.count, s[i + 2] == "-", s[i + 3] == "-" {
                    i = (find("-->", from: i + 4).map { $0 + 3 }) ?? s.count
                } else {
                    i = (find(">", from: i).map { $0 + 1 }) ?? s.count
                }
                return true
            }
            if next == "?" {
                i = (find(">", from: i).map { $0 + 1 }) ?? s.count
                return true
            }
            let closing = next == "/"
            var j = i + (closing ? 2 : 1)
            guard j < s.count, isLetter(s[j]) else { return false }
            var name = ""
            while j < s.count, isLetter(s[j]) || (s[j] >= "0" && s[j] <= "9") || s[j] == "-" || s[j] == ":" {
                name.unicodeScalars.append(HTMLToText.lower(s[j]))
                j += 1
            }
            var attributes: [String: String] = [:]
            var selfClosing = false
            // Attributes until `>`, honouring quotes.
            while j < s.count, s[j] != ">" {
                let c = s[j]
                if c == "/" { selfClosing = true; j += 1; continue }
                if c == " " || c == "\t" || c == "\n" || c == "\r" { j += 1; continue }
                if c == "<" { break }  // broken: a new tag starts
                selfClosing = false
                var attrName = ""
                while j < s.count, s[j] != "=", s[j] != ">", s[j] != " ", s[j] != "\t", s[j] != "\n", s[j] != "\r", s[j] != "<" {
                    if s[j] == "/" && (j + 1 < s.count && s[j + 1] == ">") { break }
                    attrName.unicodeScalars.append(HTMLToText.lower(s[j]))
                    j += 1
                }
                while j < s.count, s[j] == " " || s[j] == "\t" || s[j] == "\n" || s[j] == "\r" { j += 1 }
                var value = ""
                if j < s.count, s[j] == "=" {
                    j += 1
                    while j < s.count, s[j] == " " || s[j] == "\t" || s[j] == "\n" || s[j] == "\r" { j += 1 }
                    if j < s.count, s[j] == "\"" || s[j] == "'" {
                        let quote = s[j]
                        j += 1
                        while j < s.count, s[j] != quote { value.unicodeScalars.append(s[j]); j += 1 }
                        if j < s.count { j += 1 }
                    } else {
                        while j < s.count, s[j] != ">", s[j] != " ", s[j] != "\t", s[j] != "\n", s[j] != "\r" {
                            value.unicodeScalars.append(s[j])
                            j += 1
                        }
                    }
                }
                if !attrName.isEmpty, attributes[attrName] == nil {
                    attributes[attrName] = HTMLToText.decodeEntities(value)
                }
            }
            i = j < s.count && s[j] == ">" ? j + 1 : j
            if closing {
                closeTag(name)
            } else {
                openTag(name, attributes: attributes, selfClosing: selfClosing)
            }
            return true
        }

        /// Skips to after `</name>` (or to `alsoStopAt`, not consumed).
        mutating func skipRawText(_ name: String, alsoStopAt: String? = nil) {
            let close = find("</" + name, from: i)
            let other = alsoStopAt.flatMap { find($0, from: i) }
            if let other, other < (close ?? Int.max) {
                i = other
                return
            }
            guard let close else { i = s.count; return }
            i = (find(">", from: close).map { $0 + 1 }) ?? s.count
        }

        /// Skips a whole element, counting nested elements of the same name.
        mutating func skipElement(_ name: String) {
            var depth = 1
            while i < s.count, depth > 0 {
                guard let lt = find("<", from: i) else { i = s.count; return }
                var j = lt + 1
                let closing = j < s.count && s[j] == "/"
                if closing { j += 1 }
                var tag = ""
                while j < s.count, isLetter(s[j]) || (s[j] >= "0" && s[j] <= "9") {
                    tag.unicodeScalars.append(HTMLToText.lower(s[j]))
                    j += 1
                }
                if tag == name { depth += closing ? -1 : 1 }
                i = (find(">", from: j).map { $0 + 1 }) ?? s.count
            }
        }

        static let paragraphTags: Set<String> = [
            "p", "table", "dl", "figure", "form", "fieldset", "center",
        ]
        static let lineTags: Set<String> = [
            "div", "section", "article", "header", "footer", "main", "nav", "aside", "address",
            "tr", "dt", "dd", "figcaption", "caption", "tbody", "thead", "tfoot", "details", "summary",
        ]
        static let voidTags: Set<String> = [
            "br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "wbr", "param", "track",
        ]

        mutating func openTag(_ name: String, attributes: [String: String], selfClosing: Bool) {
            if let style = attributes["style"], !Renderer.voidTags.contains(name), !selfClosing {
                let compact = style.lowercased().filter { $0 != " " }
                if compact.contains("display:none") || compact.contains("visibility:hidden") {
                    skipElement(name)
                    return
                }
            }
            switch name {
            case "script", "style", "title", "template", "noscript", "xml", "svg", "object":
                if !selfClosing { skipRawText(name) }
            case "head":
                if !selfClosing { skipRawText(name, alsoStopAt: "<body") }
            case "br":
                hardBreak()
            case "hr":
                requestBreak(2)
                openLineIfNeeded()
                cur += String(repeating: "-", count: 20)
                requestBreak(2)
            case "h1", "h2", "h3", "h4", "h5", "h6":
                requestBreak(2)
                let level = Int(String(name.dropFirst())) ?? 1
                openLineIfNeeded()
                cur += String(repeating: "#", count: level) + " "
            case "ul", "ol", "menu":
                requestBreak(lists.isEmpty ? 2 : 1)
                let start = attributes["start"].flatMap { Int($0.trimmingSpaces()) } ?? 1
                lists.append(ListState(ordered: name == "ol", counter: start))
            case "li":
                requestBreak(1)
                if lists.isEmpty {
                    pendingBullet = "• "
                } else if lists[lists.count - 1].ordered {
                    let n = attributes["value"].flatMap { Int($0.trimmingSpaces()) } ?? lists[lists.count - 1].counter
                    pendingBullet = "\(n). "
                    lists[lists.count - 1].counter = n + 1
                } else {
                    pendingBullet = "• "
                }
            case "blockquote":
                requestBreak(2)
                if lineOpen { closeLine() }
                quoteDepth += 1
            case "pre":
                requestBreak(2)
                preDepth += 1
            case "td", "th":
                if lineOpen { pendingSpace = true }
            case "a":
                anchors.append((attributes["href"], ""))
                if selfClosing { closeTag("a") }
            case "img":
                if let alt = attributes["alt"]?.trimmingSpaces(), !alt.isEmpty {
                    write("[" + alt + "]")
                }
            default:
                if Renderer.paragraphTags.contains(name) {
                    requestBreak(2)
                } else if Renderer.lineTags.contains(name) {
                    requestBreak(1)
                }
            }
        }

        mutating func closeTag(_ name: String) {
            switch name {
            case "h1", "h2", "h3", "h4", "h5", "h6":
                requestBreak(2)
            case "ul", "ol", "menu":
                if !lists.isEmpty { lists.removeLast() }
                requestBreak(lists.isEmpty ? 2 : 1)
            case "li":
                requestBreak(1)
            case "blockquote":
                if lineOpen { closeLine() }
                quoteDepth = max(0, quoteDepth - 1)
                requestBreak(2)
            case "pre":
                preDepth = max(0, preDepth - 1)
                requestBreak(2)
            case "a":
                guard let anchor = anchors.popLast() else { return }
                footnote(for: anchor)
            default:
                if Renderer.paragraphTags.contains(name) {
                    requestBreak(2)
                } else if Renderer.lineTags.contains(name) {
                    requestBreak(1)
                }
            }
        }

        mutating func footnote(for anchor: (href: String?, text: String)) {
            guard let href = anchor.href?.trimmingSpaces(), !href.isEmpty else { return }
            let lower = href.lowercased()
            if lower.hasPrefix("#") || lower.hasPrefix("javascript:") { return }
            let text = anchor.text.trimmingSpaces()
            // A link whose text is its address needs no footnote.
            func bare(_ v: String) -> String {
                var t = v.lowercased()
                for p in ["mailto:", "https://", "http://"] where t.hasPrefix(p) { t = String(t.dropFirst(p.count)) }
                while t.hasSuffix("/") { t.removeLast() }
                return t
            }
            if !text.isEmpty, bare(text) == bare(href) { return }
            let number: Int
            if let existing = linkNumbers[href] {
                number = existing
            } else {
                links.append(href)
                number = links.count
                linkNumbers[href] = number
            }
            let saved = pendingSpace
            pendingSpace = false
            if !lineOpen { openLineIfNeeded() }
            cur += "[\(number)]"
            pendingSpace = saved
        }

        mutating func finish() -> String {
            while let anchor = anchors.popLast() { footnote(for: anchor) }
            if lineOpen { closeLine() }
            var out: [String] = []
            var blank = 0
            for line in lines {
                let isBlank = line.allSatisfy { $0 == ">" || $0 == " " }
                if isBlank {
                    blank += 1
                    if blank > 1 || out.isEmpty { continue }
                } else {
                    blank = 0
                }
                out.append(line)
            }
            while let last = out.last, last.allSatisfy({ $0 == ">" || $0 == " " }) { out.removeLast() }
            var text = out.joined(separator: "\n")
            if !links.isEmpty {
                text += "\n\n" + links.enumerated().map { "[\($0.offset + 1)] \($0.element)" }.joined(separator: "\n")
            }
            return text
        }
    }

    static func lower(_ c: Unicode.Scalar) -> Unicode.Scalar {
        (c >= "A" && c <= "Z") ? Unicode.Scalar(c.value + 32) ?? c : c
    }
}
