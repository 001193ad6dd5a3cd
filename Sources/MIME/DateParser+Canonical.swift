extension DateParser {
    /// The RFC 5322 form nearly all mail uses, read straight from the bytes
    /// (`Tue, 1 Jul 2003 10:52:37 +0200`, the weekday and seconds optional,
    /// a trailing `(comment)` allowed); anything else is nil and goes to the
    /// general parser. Parsing the dates of a first sync's headers is a
    /// visible share of its time.
    static func parseCanonical(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { bytes -> Int64? in
            var reader = CanonicalReader(bytes: bytes)
            return reader.read()
        }
    }

    private struct CanonicalReader {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0

        mutating func read() -> Int64? {
            skipSpaces()
            if isLetter(at: i) {
                // Weekday: three letters and a comma.
                guard i + 3 < bytes.count, isLetter(at: i + 1), isLetter(at: i + 2), bytes[i + 3] == UInt8(ascii: ",") else { return nil }
                i += 4
                skipSpaces()
            }
            guard let day = digits(1...2), skipSpaces() else { return nil }
            guard i + 3 <= bytes.count else { return nil }
            let name = String(decoding: bytes[i..<(i + 3)], as: UTF8.self).lowercased()
            guard let month = DateParser.months[name], month <= 12, name.utf8.count == 3 else { return nil }
            i += 3
            guard skipSpaces(), let year = digits(4...4), skipSpaces() else { return nil }
            guard let hour = digits(2...2), consume(UInt8(ascii: ":")), let minute = digits(2...2) else { return nil }
            var second = 0
            if consume(UInt8(ascii: ":")) {
                guard let s = digits(2...2) else { return nil }
                second = s
            }
            guard skipSpaces(), i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") else { return nil }
            let negative = bytes[i] == UInt8(ascii: "-")
            i += 1
            guard let zone = digits(4...4), zone % 100 < 60 else { return nil }
            let offset = (zone / 100 * 60 + zone % 100) * (negative ? -1 : 1)
            skipSpaces()
            if i < bytes.count, bytes[i] == UInt8(ascii: "(") {
                while i < bytes.count, bytes[i] != UInt8(ascii: ")") { i += 1 }
                guard consume(UInt8(ascii: ")")) else { return nil }
                skipSpaces()
            }
            guard i == bytes.count else { return nil }
            return DateParser.epoch(year: year, month: month, day: day, hour: hour, minute: minute, second: second,
                                    offsetMinutes: offset)
        }

        func isLetter(at index: Int) -> Bool {
            guard index < bytes.count else { return false }
            let b = bytes[index] | 0x20
            return b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")
        }

        /// Skips spaces and tabs; returns whether there was at least one.
        @discardableResult
        mutating func skipSpaces() -> Bool {
            let start = i
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
            return i > start
        }

        mutating func consume(_ byte: UInt8) -> Bool {
            guard i < bytes.count, bytes[i] == byte else { return false }
            i += 1
            return true
        }

        mutating func digits(_ count: ClosedRange<Int>) -> Int? {
            var value = 0
            var n = 0
            while i < bytes.count, n < count.upperBound, bytes[i] >= 0x30, bytes[i] <= 0x39 {
                value = value * 10 + Int(bytes[i] - 0x30)
                i += 1
                n += 1
            }
            guard count.contains(n) else { return nil }
            // More digits than allowed is not this form.
            if i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { return nil }
            return value
        }
    }
}
