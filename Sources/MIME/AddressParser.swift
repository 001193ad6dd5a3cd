/// Parses RFC 5322 address lists (`From`, `To`, `Cc`, `Reply-To`) into
/// `MailAddress` values, best effort on broken input.
///
/// Handles display names (quoted, with RFC 2047 encoded words, or given as a
/// trailing comment: `a@x (Ann)`), angle addresses without a name, bare
/// addresses, groups (`Team: a@x, b@y;`, `undisclosed-recipients:;`, whose
/// members are returned flattened), routes (`<@relay:a@x>`) and the common
/// unquoted comma in a name (`Doe, John <j@x>`). It never traps; what it
/// cannot make sense of is skipped.
public enum AddressParser {
    /// Every address in `value` (an unfolded header value).
    public static func parse(_ value: String) -> [MailAddress] {
        let tokens = tokenize(value)
        var items: [[Token]] = []
        var current: [Token] = []
        var inGroup = false
        for token in tokens {
            switch token {
            case .special(","):
                items.append(current)
                current = []
            case .special(":") where !inGroup && !current.contains(where: \.isAngle)
                && !current.contains(.special("@")):
                // Group name: the words so far name the group, not an address.
                current = []
                inGroup = true
            case .special(";") where inGroup:
                items.append(current)
                current = []
                inGroup = false
            default:
                current.append(token)
            }
        }
        items.append(current)

        var result: [MailAddress] = []
        var pendingName: String?
        func flushPending() {
            guard let name = pendingName else { return }
            // A lone word is a local address (`root`); several words only a name.
            if name.contains(where: { $0 == " " || $0 == "," }) {
                result.append(MailAddress(name: name, email: ""))
            } else {
                result.append(MailAddress(email: name))
            }
            pendingName = nil
        }
        for item in items {
            guard var address = mailbox(from: item) else { continue }
            if address.email.isEmpty, !item.contains(where: \.isAngle) {
                // Only a name: maybe `Doe, John <j@x>` split at the comma.
                if let name = address.name {
                    pendingName = pendingName.map { "\($0), \(name)" } ?? name
                }
                continue
            }
            if let prefix = pendingName, item.contains(where: \.isAngle) {
                address.name = address.name.map { "\(prefix), \($0)" } ?? prefix
                pendingName = nil
            }
            flushPending()
            result.append(address)
        }
        flushPending()
        return result
    }

    /// The first address in `value`, if any.
    public static func parseFirst(_ value: String) -> MailAddress? {
        parse(value).first
    }

    enum Token: Equatable {
        case word(String)
        case quoted(String)
        case comment(String)
        case angle(String)
        case special(Character)
        case space

        var isAngle: Bool {
            if case .angle = self { return true }
            return false
        }
    }

    static func tokenize(_ value: String) -> [Token] {
        var tokens: [Token] = []
        let chars = Array(value)
        var i = 0
        var word = ""
        func flushWord() {
            if !word.isEmpty { tokens.append(.word(word)); word = "" }
        }
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "\"":
                flushWord()
                var s = ""
                i += 1
                while i < chars.count, chars[i] != "\"" {
                    if chars[i] == "\\", i + 1 < chars.count { i += 1 }
                    s.append(chars[i])
                    i += 1
                }
                tokens.append(.quoted(s))
            case "(":
                flushWord()
                var depth = 1
                var s = ""
                i += 1
                while i < chars.count {
                    let d = chars[i]
                    if d == "\\", i + 1 < chars.count {
                        s.append(chars[i + 1]); i += 2; continue
                    }
                    if d == "(" { depth += 1 }
                    if d == ")" { depth -= 1; if depth == 0 { break } }
                    s.append(d)
                    i += 1
                }
                tokens.append(.comment(s))
            case "<":
                flushWord()
                var s = ""
                i += 1
                while i < chars.count, chars[i] != ">" {
                    if chars[i] == "\"" {
                        // Quoted local part inside angle brackets.
                        s.append(chars[i]); i += 1
                        while i < chars.count, chars[i] != "\"" { s.append(chars[i]); i += 1 }
                        if i < chars.count { s.append(chars[i]) }
                        i += 1
                        continue
                    }
                    s.append(chars[i])
                    i += 1
                }
                tokens.append(.angle(s))
            case ",", ":", ";", "@":
                flushWord()
                tokens.append(.special(c))
            case " ", "\t", "\r", "\n", "\r\n":
                flushWord()
                if tokens.last != .space { tokens.append(.space) }
            case ">":
                flushWord()  // stray closing bracket
            default:
                word.append(c)
            }
            i += 1
        }
        flushWord()
        return tokens
    }

    /// One mailbox from the tokens between commas.
    static func mailbox(from tokens: [Token]) -> MailAddress? {
        if let angleIndex = tokens.firstIndex(where: \.isAngle), case .angle(let inside) = tokens[angleIndex] {
            let email = cleanAddress(inside)
            var name = phrase(tokens[..<angleIndex])
            if name.isEmpty {
                name = phrase(tokens[(angleIndex + 1)...])
            }
            if name.isEmpty { name = commentText(tokens) }
            if email.isEmpty && name.isEmpty { return nil }
            return MailAddress(name: decodeName(name), email: email)
        }
        // No angle brackets: an addr-spec, maybe with a comment as the name.
        var email = ""
        var words: [String] = []
        let hasAt = tokens.contains(.special("@"))
        for token in tokens {
            switch token {
            case .word(let w): email += w; words.append(w)
            case .quoted(let q): email += "\"\(q)\""; words.append(q)
            case .special("@"): email += "@"
            default: break
            }
        }
        if email.isEmpty { return nil }
        if !hasAt {
            // Only words: a name without an address (resolved by the caller).
            return MailAddress(name: decodeName(words.joined(separator: " ")), email: "")
        }
        let comment = commentText(tokens)
        return MailAddress(name: comment.isEmpty ? nil : decodeName(comment), email: email)
    }

    /// The display-name words, spaced as written.
    static func phrase(_ tokens: ArraySlice<Token>) -> String {
        var out = ""
        var pendingSpace = false
        for token in tokens {
            switch token {
            case .word(let w), .quoted(let w):
                if pendingSpace && !out.isEmpty { out += " " }
                out += w
                pendingSpace = false
            case .special(let c):
                out.append(c)
                pendingSpace = false
            case .space:
                pendingSpace = true
            case .comment, .angle:
                break
            }
        }
        return out.trimmingSpaces()
    }

    static func commentText(_ tokens: [Token]) -> String {
        for token in tokens {
            if case .comment(let c) = token, !c.trimmingSpaces().isEmpty { return c.trimmingSpaces() }
        }
        return ""
    }

    /// Strips a source route, spaces and stray quotes around the address.
    static func cleanAddress(_ raw: String) -> String {
        var s = raw.trimmingSpaces()
        if s.hasPrefix("@"), let colon = s.firstIndex(of: ":") {
            s = String(s[s.index(after: colon)...])
        }
        if s.lowercased().hasPrefix("mailto:") { s = String(s.dropFirst(7)) }
        return String(s.filter { !$0.isWhitespace })
    }

    static func decodeName(_ name: String) -> String {
        var decoded = EncodedWordDecoder.decode(name).removingControlCharacters(keepLineBreaks: false).trimmingSpaces()
        // Some mailers quote inside the encoded word: =?UTF-8?Q?=22Ann=22?=
        if decoded.count >= 2, decoded.hasPrefix("\""), decoded.hasSuffix("\"") {
            decoded = String(decoded.dropFirst().dropLast())
        }
        if decoded.count >= 2, decoded.hasPrefix("'"), decoded.hasSuffix("'") {
            decoded = String(decoded.dropFirst().dropLast())
        }
        return decoded
    }
}
