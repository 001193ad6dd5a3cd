/// Parses structured header values with parameters:
/// `text/plain; charset="utf-8"; format=flowed`.
///
/// Keys are lowercased. RFC 2231 is handled: continuations (`name*0=`,
/// `name*1=`), percent-encoded values with a charset and language
/// (`filename*=UTF-8''na%C3%AFve.txt`) and both together; a `*` value wins
/// over a plain one with the same name. Broken input (missing quotes, stray
/// semicolons, spaces around `=`) is read as well as it can be.
public struct HeaderParameters: Sendable, Hashable {
    /// The part before the first `;`, trimmed (`text/plain`, `attachment`).
    public var value: String
    /// Parameters by lowercased name, RFC 2231 already decoded.
    public var parameters: [String: String]

    /// Parses `text`.
    public init(_ text: String) {
        let pieces = HeaderParameters.split(text)
        value = (pieces.first ?? "").trimmingSpaces()
        var plain: [String: String] = [:]
        var segments: [String: [(index: Int, extended: Bool, value: String)]] = [:]
        for piece in pieces.dropFirst() {
            guard let eq = piece.firstIndex(of: "=") else { continue }
            let key = String(piece[..<eq]).trimmingSpaces().lowercased()
            let rawValue = String(piece[piece.index(after: eq)...]).trimmingSpaces()
            guard !key.isEmpty else { continue }
            let val = HeaderParameters.unquote(rawValue)
            if let star = key.firstIndex(of: "*") {
                let name = String(key[..<star])
                var rest = key[key.index(after: star)...]
                var extended = false
                if rest.hasSuffix("*") { extended = true; rest = rest.dropLast() }
                let index: Int
                if rest.isEmpty {
                    // `name*=` is extended; a bare `name*` key has no index.
                    extended = true
                    index = 0
                } else if let n = Int(rest) {
                    index = n
                } else {
                    continue
                }
                segments[name, default: []].append((index, extended, val))
            } else {
                if plain[key] == nil { plain[key] = val }
            }
        }
        var result = plain
        for (name, parts) in segments {
            let sorted = parts.sorted { $0.index < $1.index }
            var bytes: [UInt8] = []
            var charset: String?
            for (n, part) in sorted.enumerated() {
                var v = part.value
                if part.extended {
                    if n == 0, let first = v.firstIndex(of: "'") {
                        let afterFirst = v.index(after: first)
                        if let second = v[afterFirst...].firstIndex(of: "'") {
                            let cs = String(v[..<first])
                            charset = cs.isEmpty ? nil : cs
                            v = String(v[v.index(after: second)...])
                        }
                    }
                    bytes += HeaderParameters.percentDecode(v)
                } else {
                    bytes += Array(v.utf8)
                }
            }
            result[name] = HeaderParameters.decode(bytes, charset: charset)
        }
        parameters = result
    }

    /// The parameter called `name` (case-insensitive).
    public subscript(name: String) -> String? {
        parameters[name.lowercased()]
    }

    /// Splits at `;` outside quotes.
    static func split(_ text: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        var inQuotes = false
        var escaped = false
        for ch in text {
            if escaped { current.append(ch); escaped = false; continue }
            if ch == "\\" && inQuotes { current.append(ch); escaped = true; continue }
            if ch == "\"" { inQuotes.toggle() }
            if ch == ";" && !inQuotes {
                pieces.append(current)
                current = ""
                continue
            }
            current.append(ch)
        }
        pieces.append(current)
        return pieces
    }

    /// Removes surrounding quotes and backslash escapes; tolerates a missing
    /// closing quote.
    static func unquote(_ s: String) -> String {
        guard s.hasPrefix("\"") else { return s }
        var out = ""
        var escaped = false
        for ch in s.dropFirst() {
            if escaped { out.append(ch); escaped = false; continue }
            if ch == "\\" { escaped = true; continue }
            if ch == "\"" { break }
            out.append(ch)
        }
        return out
    }

    static func percentDecode(_ s: String) -> [UInt8] {
        let b = Array(s.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "%"), i + 2 < b.count,
               let h = TransferDecoding.hex(b[i + 1]), let l = TransferDecoding.hex(b[i + 2]) {
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return out
    }

    static func decode(_ bytes: [UInt8], charset: String?) -> String {
        if let charset, let s = CharsetDecoder.decode(bytes, charset: charset) { return s }
        return HeaderParser.utf8OrLatin1(bytes)
    }
}
