/// Small text helpers the parsers share (Foundation-free, so they work on
/// the exact scalars the mail held).
extension Substring {
    /// Without leading and trailing spaces and tabs (line breaks stay).
    /// On UTF-8 bytes: both are ASCII, so every index found is a character boundary.
    func trimmingSpaces() -> String {
        func isSpace(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }), let last = utf8.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}

extension String {
    /// Without leading and trailing spaces and tabs (line breaks stay).
    func trimmingSpaces() -> String {
        self[...].trimmingSpaces()
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
        // CR and LF are single UTF-8 bytes that occur in no multibyte sequence.
        guard utf8.contains(0x0D) else { return self }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var lastWasCR = false
        for b in utf8 {
            if b == 0x0D {
                out.append(0x0A)
                lastWasCR = true
                continue
            }
            if b == 0x0A && lastWasCR {
                lastWasCR = false
                continue
            }
            lastWasCR = false
            out.append(b)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Drops blank lines (lines of only spaces and tabs) at both ends. Lines
    /// end at a `\n` that is not part of a `\r\n`, as `Character`s split.
    func trimmingBlankLines() -> String {
        let bytes = utf8
        func isBlank(_ line: Substring.UTF8View) -> Bool {
            line.allSatisfy { $0 == 0x20 || $0 == 0x09 }
        }
        func isBreak(_ i: String.Index) -> Bool {
            bytes[i] == 0x0A && (i == bytes.startIndex || bytes[bytes.index(before: i)] != 0x0D)
        }
        // Start of the first line that is not blank.
        var start = bytes.startIndex
        var lineStart = start
        var i = start
        while i < bytes.endIndex {
            if isBreak(i) {
                if !isBlank(self[lineStart..<i].utf8) { break }
                lineStart = bytes.index(after: i)
                start = lineStart
            }
            i = bytes.index(after: i)
        }
        if i == bytes.endIndex, isBlank(self[lineStart...].utf8) { return "" }
        // End of the last line that is not blank.
        var end = bytes.endIndex
        var lineEnd = end
        i = end
        while i > start {
            let before = bytes.index(before: i)
            if isBreak(before) {
                if !isBlank(self[i..<lineEnd].utf8) { break }
                lineEnd = before
                end = before
            }
            i = before
        }
        return String(self[start..<end])
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
