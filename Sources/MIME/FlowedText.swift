/// Reflows `text/plain; format=flowed` (RFC 3676) into paragraphs.
///
/// A line ending in a space continues on the next line of the same quote
/// depth; with `DelSp=yes` that space is removed when joining. Space
/// stuffing is undone, the signature separator `-- ` is never flowed, and
/// quoted lines are written back with a `> ` prefix per level. Long lines
/// are left for the terminal to wrap.
public enum FlowedText {
    /// The reflowed text of `text` (lines separated by `\n`).
    public static func decode(_ text: String, delSp: Bool = false) -> String {
        var output: [String] = []
        var paragraph: String?
        var paragraphDepth = 0

        func emit(_ line: String, depth: Int) {
            let prefix = depth > 0 ? String(repeating: ">", count: depth) + " " : ""
            output.append(depth > 0 && line.isEmpty ? String(repeating: ">", count: depth) : prefix + line)
        }

        let normalised = text.utf8.contains(0x0D) ? text.replacingCRLF() : text
        var lines = normalised.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        for raw in lines {
            var line = Substring(raw)
            var depth = 0
            while line.first == ">" { depth += 1; line = line.dropFirst() }
            if line.first == " " { line = line.dropFirst() }  // space stuffing
            let isSignature = line == "-- "
            let flowed = !isSignature && line.hasSuffix(" ")
            if let open = paragraph, depth != paragraphDepth {
                // Quote depth changed: the open paragraph ends here.
                emit(open.trimmingTrailingSpaces(), depth: paragraphDepth)
                paragraph = nil
            }
            var content = String(line)
            if flowed && delSp { content.removeLast() }
            if isSignature {
                if let open = paragraph { emit(open.trimmingTrailingSpaces(), depth: paragraphDepth); paragraph = nil }
                emit("-- ", depth: depth)
                continue
            }
            if var open = paragraph {
                // Appended in place: a long paragraph is not copied per line.
                paragraph = nil
                open += content
                if flowed {
                    paragraph = open
                } else {
                    emit(open.trimmingTrailingSpaces(), depth: depth)
                }
            } else if flowed {
                paragraph = content
            } else {
                emit(content, depth: depth)
            }
            if flowed { paragraphDepth = depth }
        }
        if let open = paragraph { emit(open.trimmingTrailingSpaces(), depth: paragraphDepth) }
        return output.joined(separator: "\n")
    }
}
