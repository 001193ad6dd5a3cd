/// Parses an RFC 5322 header block from raw bytes.
///
/// Lenient the way real mail needs: CRLF or bare LF line endings, a leading
/// mbox `From ` line, a missing blank line between header and body (the body
/// starts at the first line that is neither a field nor a continuation),
/// spaces before the colon, and 8-bit bytes in values (decoded as UTF-8 when
/// valid, otherwise Latin-1).
public enum HeaderParser {
    /// The parsed header and the offset in `bytes` where the body starts.
    public static func parse(_ bytes: [UInt8]) -> (header: MessageHeader, bodyOffset: Int) {
        parse(bytes[...])
    }

    /// Parses the header at the start of `bytes`; `bodyOffset` is an index
    /// into `bytes` (so it is relative to the slice's own indices).
    public static func parse(_ bytes: ArraySlice<UInt8>) -> (header: MessageHeader, bodyOffset: Int) {
        var fields: [HeaderField] = []
        var currentName: String?
        var currentRaw: [UInt8] = []
        var i = bytes.startIndex
        let end = bytes.endIndex

        func flush() {
            if let name = currentName {
                fields.append(HeaderField(name: name, rawValue: utf8OrLatin1(currentRaw)))
            }
            currentName = nil
            currentRaw = []
        }

        var firstLine = true
        while i < end {
            // Find the end of this line.
            var lineEnd = i
            while lineEnd < end, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            let next = lineEnd < end ? lineEnd + 1 : end
            var contentEnd = lineEnd
            if contentEnd > i, bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            let line = bytes[i..<contentEnd]

            if line.isEmpty {
                flush()
                return (MessageHeader(fields: fields), next)
            }
            if firstLine, line.starts(with: Array("From ".utf8)) {
                firstLine = false
                i = next
                continue
            }
            firstLine = false
            let first = line[line.startIndex]
            if first == 0x20 || first == 0x09 {
                if currentName != nil {
                    currentRaw.append(contentsOf: [0x0D, 0x0A])
                    currentRaw.append(contentsOf: line)
                    i = next
                    continue
                }
                // A continuation with nothing to continue: the body started.
                flush()
                return (MessageHeader(fields: fields), i)
            }
            if let colon = line.firstIndex(of: 0x3A), let name = fieldName(line[line.startIndex..<colon]) {
                flush()
                currentName = name
                currentRaw = Array(line[(colon + 1)...])
                i = next
                continue
            }
            // Neither a field nor a continuation: no separator, body starts here.
            flush()
            return (MessageHeader(fields: fields), i)
        }
        flush()
        return (MessageHeader(fields: fields), end)
    }

    /// A valid field name (printable ASCII, no spaces inside), trailing
    /// whitespace before the colon tolerated.
    static func fieldName(_ bytes: ArraySlice<UInt8>) -> String? {
        var slice = bytes
        while let last = slice.last, last == 0x20 || last == 0x09 { slice = slice.dropLast() }
        guard !slice.isEmpty, slice.count <= 200 else { return nil }
        for b in slice where b <= 0x20 || b >= 0x7F { return nil }
        return String(decoding: slice, as: UTF8.self)
    }

    /// Bytes of unknown charset as text: UTF-8 when valid, otherwise
    /// Latin-1 (see `latin1`). Never drops a byte.
    static func utf8OrLatin1(_ bytes: [UInt8]) -> String {
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        return latin1(bytes)
    }

    /// Bytes as Latin-1, which never fails; 0x80–0x9F are read as
    /// windows-1252 (curly quotes, euro) as browsers do, since that is what
    /// unlabelled 8-bit mail almost always is.
    static func latin1<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var s = String.UnicodeScalarView()
        for b in bytes {
            if b >= 0x80, b <= 0x9F, let mapped = HTMLToText.windows1252[UInt32(b)] {
                s.append(mapped)
            } else {
                s.append(Unicode.Scalar(b))
            }
        }
        return String(s)
    }
}
