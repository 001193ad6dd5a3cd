extension Message {
    /// The subject with reply and forward markers removed, for grouping a
    /// conversation when `References` is missing (RFC 5256 "base subject",
    /// plus the markers other languages use).
    ///
    /// `Re: [dev] Fwd: AW: Plans (fwd)` becomes `Plans`; case is kept,
    /// whitespace collapsed.
    public static func baseSubject(_ subject: String) -> String {
        var s = Snippet.collapse(subject)
        var changed = true
        while changed {
            changed = false
            let lower = s.lowercased()
            if lower.hasSuffix("(fwd)") {
                s = String(s.dropLast(5)).trimmingSpaces()
                changed = true
                continue
            }
            if s.hasPrefix("["), let close = s.firstIndex(of: "]"), s.index(after: close) != s.endIndex {
                // A list tag, `[dev]`, only when something follows it.
                s = String(s[s.index(after: close)...]).trimmingSpaces()
                changed = true
                continue
            }
            for marker in replyMarkers where lower.hasPrefix(marker) {
                var rest = s.dropFirst(marker.count)
                // `Re[2]:` and `Re(2):` counters.
                if let open = rest.first, open == "[" || open == "(" {
                    let digits = rest.dropFirst().prefix { $0.isNumber }
                    let after = rest.dropFirst(1 + digits.count)
                    if !digits.isEmpty, let closing = after.first, closing == "]" || closing == ")" {
                        rest = after.dropFirst()
                    }
                }
                guard rest.first == ":" else { continue }
                s = String(rest.dropFirst()).trimmingSpaces()
                changed = true
                break
            }
        }
        return s
    }

    /// `re`, `fwd` and their cousins, longest first, lowercased.
    static let replyMarkers = ["fwd", "re", "fw", "aw", "wg", "sv", "vs", "antw", "tr", "rif", "enc", "odp", "ynt", "res"]
        .sorted { $0.count > $1.count }
}
