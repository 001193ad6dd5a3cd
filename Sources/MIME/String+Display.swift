extension String {
    /// The text without control characters, which a terminal would obey
    /// (an escape sequence in a mail body must not move the cursor). Line
    /// feeds and tabs stay when `keepLineBreaks`; otherwise they become
    /// spaces. Carriage returns always go.
    public func removingControlCharacters(keepLineBreaks: Bool) -> String {
        // Every character touched is a C0 control (one UTF-8 byte), DEL, or a
        // C1 control (`C2 80`…`C2 9F`), so the work is done on UTF-8 bytes.
        func isTouched(_ b: UInt8) -> Bool {
            b < 0x20 ? !(keepLineBreaks && (b == 0x0A || b == 0x09)) : b == 0x7F || b == 0xC2
        }
        guard utf8.contains(where: isTouched) else { return self }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var bytes = utf8.makeIterator()
        while let b = bytes.next() {
            if b == 0x0A || b == 0x09 {
                out.append(keepLineBreaks ? b : 0x20)
            } else if b < 0x20 || b == 0x7F {
                continue
            } else if b == 0xC2, let next = bytes.next() {
                if !(0x80...0x9F).contains(next) { out += [b, next] }
            } else {
                out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
