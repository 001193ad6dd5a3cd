/// Parses message dates: RFC 5322 (`Tue, 1 Jul 2003 10:52:37 +0200`) and the
/// forms real mail uses.
///
/// Accepted beyond the RFC: a missing weekday, two- and three-digit years
/// (`03` is 2003, `97` is 1997, `103` is 2003), missing seconds, named zones
/// (`GMT`, `UTC`, `EST`, `PDT`, `CEST`, …), zone comments (`+0000 (UTC)`),
/// `+02:00` offsets, extra spaces and commas, any letter case, dashes
/// (`01-Jul-2003`), asctime order (`Tue Jul  1 10:52:37 2003`) and ISO 8601
/// (`2003-07-01T10:52:37Z`). A date without a zone is taken as UTC.
public enum DateParser {
    /// Seconds since 1970-01-01 00:00:00 UTC, or `nil` when `text` holds no
    /// recognisable date.
    public static func parse(_ text: String) -> Int64? {
        parseCanonical(text) ?? parseGeneral(text)
    }

    /// Every accepted form (see the type's summary), token by token.
    static func parseGeneral(_ text: String) -> Int64? {
        var cleaned = ""
        var depth = 0
        for ch in text {
            if ch == "(" { depth += 1; cleaned.append(" "); continue }
            if ch == ")" { depth = max(0, depth - 1); cleaned.append(" "); continue }
            if depth == 0 { cleaned.append(ch == "," ? " " : ch) }
        }
        if let iso = parseISO(cleaned.trimmingSpaces()) { return iso }

        var tokens: [String] = []
        for raw in cleaned.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }) {
            var token = String(raw)
            // `GMT+0200`, `UTC-05:00`: the name adds nothing to the offset.
            let upper = token.uppercased()
            if upper.count > 4, upper.hasPrefix("GMT") || upper.hasPrefix("UTC"),
               let sign = upper.dropFirst(3).first, sign == "+" || sign == "-" {
                token = String(token.dropFirst(3))
            }
            // `01-Jul-2003`: split at inner dashes, but keep `-0700`.
            if !token.hasPrefix("-"), token.contains("-"), token.contains(where: \.isLetter) {
                tokens += token.split(separator: "-").map(String.init)
            } else {
                tokens.append(token)
            }
        }

        var day: Int?, month: Int?, year: Int?
        var hour = 0, minute = 0, second = 0, haveTime = false
        var offset: Int?
        for token in tokens {
            let lower = token.lowercased().trimming(".")
            if token.contains(":"), !haveTime, token.first?.isNumber == true {
                let parts = token.split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
                guard parts.count >= 2, let h = parts[0], let m = parts[1] else { return nil }
                hour = h; minute = m
                if parts.count >= 3 {
                    guard let s = parts[2] else { return nil }
                    second = s
                }
                haveTime = true
            } else if (token.hasPrefix("+") || token.hasPrefix("-")), token.count >= 3 {
                guard let o = numericOffset(String(token.dropFirst()), negative: token.hasPrefix("-")) else { continue }
                offset = o
            } else if let m = months[String(lower.prefix(3))], lower.first?.isLetter == true,
                      month == nil, lower.count >= 3, monthNameOK(lower) {
                month = m
            } else if let zone = zones[lower] {
                if offset == nil { offset = zone * 60 }
            } else if weekdays.contains(String(lower.prefix(3))), lower.first?.isLetter == true {
                continue
            } else if let n = Int(token), token.allSatisfy(\.isNumber) {
                if token.count <= 2, day == nil, n >= 1 && n <= 31 {
                    day = n
                } else if year == nil {
                    year = fixYear(n, digits: token.count)
                } else if day == nil, n >= 1 && n <= 31 {
                    day = n
                }
            } else if lower.count == 1, lower.first?.isLetter == true {
                // Military zone letters: RFC 5322 says treat as unknown (UTC).
                if offset == nil { offset = 0 }
            }
        }
        guard let d = day, let mo = month, let y = year else { return nil }
        return epoch(year: y, month: mo, day: d, hour: hour, minute: minute, second: second, offsetMinutes: offset ?? 0)
    }

    static func monthNameOK(_ lower: String) -> Bool {
        // `Jul`, `July`, `juli`, `Sept`: the first three letters decide; reject long junk.
        lower.count <= 9 && lower.allSatisfy(\.isLetter)
    }

    static func fixYear(_ n: Int, digits: Int) -> Int {
        if digits <= 2 { return n < 50 ? 2000 + n : 1900 + n }
        if digits == 3 { return 1900 + n }
        return n
    }

    /// `0200`, `02:00`, `02` after the sign, in minutes.
    static func numericOffset(_ s: String, negative: Bool) -> Int? {
        let digits = s.filter { $0 != ":" }
        guard !digits.isEmpty, digits.allSatisfy(\.isNumber), let n = Int(digits) else { return nil }
        let minutes: Int
        switch digits.count {
        case 1, 2: minutes = n * 60
        case 3, 4: minutes = (n / 100) * 60 + n % 100
        default: return nil
        }
        guard minutes <= 18 * 60 else { return nil }
        return negative ? -minutes : minutes
    }

    /// `2003-07-01T10:52:37Z`, `2003-07-01 10:52:37+02:00`, `2003-07-01`.
    static func parseISO(_ s: String) -> Int64? {
        let b = Array(s.utf8)
        guard b.count >= 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              let y = Int(String(decoding: b[0..<4], as: UTF8.self)),
              let mo = Int(String(decoding: b[5..<7], as: UTF8.self)),
              let d = Int(String(decoding: b[8..<10], as: UTF8.self)) else { return nil }
        var hour = 0, minute = 0, second = 0, offset = 0
        if b.count >= 16, b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " ") {
            guard let h = Int(String(decoding: b[11..<13], as: UTF8.self)),
                  let m = Int(String(decoding: b[14..<16], as: UTF8.self)) else { return nil }
            hour = h; minute = m
            var i = 16
            if b.count >= 19, b[16] == UInt8(ascii: ":"), let sec = Int(String(decoding: b[17..<19], as: UTF8.self)) {
                second = sec
                i = 19
            }
            while i < b.count, b[i] == UInt8(ascii: ".") || (b[i] >= 0x30 && b[i] <= 0x39) { i += 1 }
            let rest = String(decoding: b[i...], as: UTF8.self).trimmingSpaces()
            if rest.hasPrefix("+") || rest.hasPrefix("-") {
                guard let o = numericOffset(String(rest.dropFirst()), negative: rest.hasPrefix("-")) else { return nil }
                offset = o
            } else if !rest.isEmpty, rest.uppercased() != "Z", zones[rest.lowercased()] == nil {
                return nil
            } else if let z = zones[rest.lowercased()] {
                offset = z * 60
            }
        } else if b.count != 10 {
            return nil
        }
        return epoch(year: y, month: mo, day: d, hour: hour, minute: minute, second: second, offsetMinutes: offset)
    }

    /// Validates the fields and converts to seconds since 1970 (UTC).
    static func epoch(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, offsetMinutes: Int) -> Int64? {
        guard (1...12).contains(month), (1...31).contains(day), (0...24).contains(hour),
              (0...59).contains(minute), (0...60).contains(second), (1000...9999).contains(year) else { return nil }
        // Days from civil (Howard Hinnant's algorithm).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146097 + doe - 719468
        let secs = Int64(days) * 86400 + Int64(hour * 3600 + minute * 60 + min(second, 59))
        return secs - Int64(offsetMinutes * 60)
    }

    static let months: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
        "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
        // A few non-English abbreviations seen in the wild.
        "mär": 3, "mai": 5, "okt": 10, "dez": 12,
    ]

    static let weekdays: Set<String> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// Named zones, in hours east of UTC.
    static let zones: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0, "wet": 0,
        "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6, "pst": -8, "pdt": -7,
        "akst": -9, "akdt": -8, "hst": -10,
        "bst": 1, "cet": 1, "met": 1, "west": 1, "cest": 2, "mest": 2, "eet": 2, "eest": 3, "msk": 3,
        "hkt": 8, "sgt": 8, "awst": 8, "jst": 9, "kst": 9, "aest": 10, "aedt": 11,
        "nzst": 12, "nzdt": 13,
    ]
}
