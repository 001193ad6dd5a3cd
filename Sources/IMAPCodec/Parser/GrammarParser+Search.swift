/// SEARCH and ESEARCH replies, VANISHED, and the number sets they carry
/// (RFC 3501 §7.2.5, RFC 4731, RFC 7162, RFC 9051 §7.3.4).
extension GrammarParser {
    // mailbox-data =/ "SEARCH" *(SP nz-number) [SP search-sort-mod-seq]
    // search-sort-mod-seq = "(" "MODSEQ" SP mod-sequence-value ")"   ; RFC 7162
    mutating func parseSearchResponse() throws(ParserError) -> UntaggedResponse {
        var numbers: [UInt32] = []
        var modSeq: ModSeq?
        while peek() == ASCII.space {
            skipSpaces()
            if ASCII.isDigit(peek()) {
                numbers.append(try parseNZNumber("number in SEARCH"))
            } else if peek() == ASCII.openParen, modSeq == nil {
                try enterList("( before MODSEQ")
                guard consumeWord("MODSEQ") else { throw error(expected: "MODSEQ in SEARCH") }
                try expectSpace("SP after MODSEQ")
                modSeq = ModSeq(try parseNumber64("mod-sequence in SEARCH"))
                try leaveList(") after MODSEQ")
            } else {
                break
            }
        }
        return .search(numbers, modSeq: modSeq)
    }

    // esearch-response = "ESEARCH" [search-correlator] [SP "UID"] *(SP search-return-data)
    // search-correlator = SP "(" "TAG" SP tag-string ")"
    // search-return-data = "MIN" SP nz-number / "MAX" SP nz-number /
    //                      "ALL" SP sequence-set / "COUNT" SP number /
    //                      "MODSEQ" SP mod-sequence-value /                 ; RFC 7162
    //                      search-modifier-name SP search-return-value
    /// Unknown return data items are skipped.
    mutating func parseESearchResponse() throws(ParserError) -> ESearchResponse {
        var result = ESearchResponse()
        while peek() == ASCII.space {
            skipSpaces()
            if peek() == ASCII.openParen, result.correlator == nil {
                try enterList("( before search correlator")
                guard consumeWord("TAG") else { throw error(expected: "TAG in search correlator") }
                try expectSpace("SP after TAG")
                result.correlator = Tag(try parseAStringValue("tag in search correlator"))
                try leaveList(") after search correlator")
                continue
            }
            guard !isAtLineEnd else { break }
            let name = try parseKeyword("ESEARCH return data name")
            if matches(name, "UID") {
                result.uid = true
                continue
            }
            try expectSpace("SP after ESEARCH return data name")
            if matches(name, "MIN") {
                result.min = try parseNZNumber("number in MIN")
            } else if matches(name, "MAX") {
                result.max = try parseNZNumber("number in MAX")
            } else if matches(name, "COUNT") {
                result.count = try parseInt("number in COUNT")
            } else if matches(name, "ALL") {
                result.all = try parseNumberSet("sequence set in ALL")
            } else if matches(name, "MODSEQ") {
                result.modSeq = ModSeq(try parseNumber64("mod-sequence in ESEARCH"))
            } else {
                try skipValue("ESEARCH return data value")
            }
        }
        return result
    }

    // expunged-resp = "VANISHED" [SP "(EARLIER)"] SP known-uids   ; RFC 7162
    mutating func parseVanished() throws(ParserError) -> UntaggedResponse {
        try expectSpace("SP after VANISHED")
        var earlier = false
        if peek() == ASCII.openParen {
            try enterList("( before EARLIER")
            guard consumeWord("EARLIER") else { throw error(expected: "EARLIER in VANISHED") }
            try leaveList(") after EARLIER")
            try expectSpace("SP after (EARLIER)")
            earlier = true
        }
        return .vanished(earlier: earlier, try parseNumberSet("UID set in VANISHED"))
    }

    // sequence-set = (seq-number / seq-range) ["," sequence-set]
    // seq-range = seq-number ":" seq-number
    // seq-number = nz-number / "*"
    // uid-set = (uniqueid / uid-range) *("," uid-set)
    /// A set of UIDs or sequence numbers; `*` is kept symbolic.
    mutating func parseNumberSet<Element: NumberSetElement>(_ what: StaticString) throws(ParserError) -> NumberSet<Element> {
        var ranges: [NumberSet<Element>.Range] = []
        repeat {
            let first = try parseSetNumber(what)
            if consume(ASCII.colon) {
                let second = try parseSetNumber(what)
                switch (first, second) {
                case let (lower?, upper?): ranges.append(.init(Element(rawValue: lower), Element(rawValue: upper)))
                case let (lower?, nil), let (nil, lower?): ranges.append(.init(Element(rawValue: lower), nil))
                case (nil, nil): ranges.append(.star)
                }
            } else if let single = first {
                ranges.append(.init(Element(rawValue: single)))
            } else {
                ranges.append(.star)
            }
        } while consume(ASCII.comma)
        return NumberSet(ranges: ranges)
    }

    /// A number of a set, or `nil` for `*`.
    private mutating func parseSetNumber(_ what: StaticString) throws(ParserError) -> UInt32? {
        if consume(ASCII.star) { return nil }
        return try parseNZNumber(what)
    }
}
