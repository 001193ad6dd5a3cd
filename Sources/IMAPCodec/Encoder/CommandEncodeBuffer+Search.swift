import NIOCore

/// SEARCH (RFC 3501 §6.4.4, RFC 4731 ESEARCH, RFC 7162 MODSEQ, Gmail's X-GM-RAW).
extension CommandEncodeBuffer {
    /// `search = "SEARCH" [search-return-opts] SP search-program` (RFC 4731, RFC 4466),
    /// `search-return-opts = SP "RETURN" SP "(" [search-return-opt *(SP search-return-opt)] ")"`,
    /// `search-program = ["CHARSET" SP charset SP] search-key *(SP search-key)`.
    ///
    /// Writes everything after `SEARCH`. `CHARSET UTF-8` is added when a search
    /// string holds non-ASCII text and UTF8=ACCEPT is not enabled (the default
    /// charset is US-ASCII; with UTF8=ACCEPT it is UTF-8, RFC 6855 §3). A
    /// top-level AND is written as the program's list of keys.
    mutating func writeSearchProgram(_ key: SearchKey, returnOptions: [String]?) {
        if let returnOptions {
            writeText(" RETURN ")
            writeParenthesised(returnOptions) { $0.writeAtom($1) }
        }
        if !utf8Accepted && Self.hasEightBitText(key) {
            writeText(" CHARSET UTF-8")
        }
        writeSpace()
        if case .and(let keys) = key, !keys.isEmpty {
            for (index, key) in keys.enumerated() {
                if index > 0 { writeSpace() }
                writeSearchKey(key)
            }
        } else {
            writeSearchKey(key)
        }
    }

    /// One `search-key`; an AND inside another key is parenthesised, an empty AND is `ALL`.
    mutating func writeSearchKey(_ key: SearchKey) {
        switch key {
        case .all: writeText("ALL")
        case .uid(let set): writeText("UID "); writeNumberSet(set)
        case .sequence(let set): writeNumberSet(set)
        case .seen: writeText("SEEN")
        case .unseen: writeText("UNSEEN")
        case .flagged: writeText("FLAGGED")
        case .unflagged: writeText("UNFLAGGED")
        case .answered: writeText("ANSWERED")
        case .deleted: writeText("DELETED")
        case .undeleted: writeText("UNDELETED")
        case .draft: writeText("DRAFT")
        case .keyword(let keyword): writeText("KEYWORD "); writeAtom(keyword)
        case .from(let text): writeText("FROM "); writeAString(text)
        case .to(let text): writeText("TO "); writeAString(text)
        case .subject(let text): writeText("SUBJECT "); writeAString(text)
        case .body(let text): writeText("BODY "); writeAString(text)
        case .text(let text): writeText("TEXT "); writeAString(text)
        case .header(let field, let value):
            writeText("HEADER ")
            writeAString(field)
            writeSpace()
            writeAString(value)
        case .since(let day, let month, let year):
            writeText("SINCE ")
            writeSearchDate(day: day, month: month, year: year)
        case .before(let day, let month, let year):
            writeText("BEFORE ")
            writeSearchDate(day: day, month: month, year: year)
        case .modSeq(let modSeq): writeText("MODSEQ "); writeNumber(modSeq.rawValue)
        case .gmailRaw(let query): writeText("X-GM-RAW "); writeIMAPString(query)
        case .not(let key): writeText("NOT "); writeSearchKey(key)
        case .or(let first, let second):
            writeText("OR ")
            writeSearchKey(first)
            writeSpace()
            writeSearchKey(second)
        case .and(let keys):
            if keys.isEmpty {
                writeText("ALL")
            } else {
                writeParenthesised(keys) { $0.writeSearchKey($1) }
            }
        }
    }

    /// `date-text = date-day "-" date-month "-" date-year`, e.g. `1-Feb-1994`
    /// (`date-day = 1*2DIGIT`, `date-year = 4DIGIT`); out-of-range parts are clamped.
    mutating func writeSearchDate(day: Int, month: Int, year: Int) {
        let names = InternalDate.monthNames
        let monthName = names[min(max(month, 1), 12) - 1]
        let year = min(max(year, 0), 9999)
        writeNumber(min(max(day, 1), 31))
        writeText("-")
        writeRaw(monthName.utf8)
        writeText("-")
        if year < 1000 { writeText("0") }
        if year < 100 { writeText("0") }
        if year < 10 { writeText("0") }
        writeNumber(year)
    }

    /// Whether any string in `key` holds a byte outside US-ASCII.
    static func hasEightBitText(_ key: SearchKey) -> Bool {
        func eightBit(_ text: String) -> Bool { text.utf8.contains { $0 >= 0x80 } }
        switch key {
        case .keyword(let text), .from(let text), .to(let text), .subject(let text),
             .body(let text), .text(let text), .gmailRaw(let text):
            return eightBit(text)
        case .header(let field, let value):
            return eightBit(field) || eightBit(value)
        case .not(let key):
            return hasEightBitText(key)
        case .or(let first, let second):
            return hasEightBitText(first) || hasEightBitText(second)
        case .and(let keys):
            return keys.contains { hasEightBitText($0) }
        case .all, .uid, .sequence, .seen, .unseen, .flagged, .unflagged, .answered,
             .deleted, .undeleted, .draft, .since, .before, .modSeq:
            return false
        }
    }
}
