import NIOCore

/// Message data: `* n EXISTS/RECENT/EXPUNGE/FETCH` and the FETCH items
/// (RFC 3501 §7.4, RFC 3516, RFC 7162, RFC 9051 §7.5, Gmail's X-GM-EXT-1).
extension GrammarParser {
    // message-data = nz-number SP ("EXPUNGE" / ("FETCH" SP msg-att))
    // mailbox-data =/ number SP "EXISTS" / number SP "RECENT"
    mutating func parseMessageData() throws(ParserError) -> UntaggedResponse {
        let number = try parseNumber("message number")
        try expectSpace("SP after message number")
        let name = try parseKeyword("FETCH, EXISTS, RECENT or EXPUNGE after message number")
        let response: UntaggedResponse
        if matches(name, "FETCH") {
            try expectSpace("SP after FETCH")
            response = .fetch(SequenceNumber(number), try parseMessageAttributes())
        } else if matches(name, "EXISTS") {
            response = .exists(Int(number))
        } else if matches(name, "EXPUNGE") {
            response = .expunge(SequenceNumber(number))
        } else if matches(name, "RECENT") {
            response = .recent(Int(number))
        } else {
            let text = rawRest(afterSpace: true)
            response = .other(uppercased(name), text.isEmpty ? String(number) : "\(number) \(text)")
        }
        try expectEnd("CRLF after message data")
        return response
    }

    // msg-att = "(" (msg-att-dynamic / msg-att-static) *(SP (msg-att-dynamic / msg-att-static)) ")"
    /// Items this grammar does not know are skipped (name, optional
    /// section, one value), since servers may add some unasked.
    mutating func parseMessageAttributes() throws(ParserError) -> [MessageAttribute] {
        try enterList("( after FETCH")
        var result: [MessageAttribute] = []
        result.reserveCapacity(6)
        while peek() != ASCII.closeParen {
            if let attribute = try parseMessageAttribute() { result.append(attribute) }
            guard try moreElements("SP or ) after FETCH item") else { break }
        }
        try leaveList(") at the end of FETCH")
        return result
    }

    // msg-att-dynamic = "FLAGS" SP "(" [flag-fetch *(SP flag-fetch)] ")"
    // msg-att-static = "ENVELOPE" SP envelope / "INTERNALDATE" SP date-time /
    //                  "RFC822" [".HEADER" / ".TEXT"] SP nstring /
    //                  "RFC822.SIZE" SP number / "BODY" ["STRUCTURE"] SP body /
    //                  "BODY" section ["<" number ">"] SP nstring /
    //                  "BINARY" section-binary ["<" number ">"] SP (nstring / literal8) /
    //                  "BINARY.SIZE" section-binary SP number /
    //                  "UID" SP uniqueid
    // fetch-mod-resp = "MODSEQ" SP "(" permsg-modsequence ")"     ; RFC 7162
    // "X-GM-MSGID" SP number64 / "X-GM-THRID" SP number64 /
    // "X-GM-LABELS" SP "(" [astring *(SP astring)] ")"            ; Gmail
    mutating func parseMessageAttribute() throws(ParserError) -> MessageAttribute? {
        let name = try parseKeyword("FETCH item name")
        switch name.count {
        case 3:
            if matches(name, "UID") {
                try expectSpace("SP after UID")
                return .uid(UID(try parseNZNumber("number in UID")))
            }
        case 4:
            if matches(name, "BODY") {
                if peek() == ASCII.openBracket { return try parseBodySection() }
                try expectSpace("SP after BODY")
                return .bodyStructure(try parseBody(), hasExtensionData: false)
            }
        case 5:
            if matches(name, "FLAGS") {
                try expectSpace("SP after FLAGS")
                return .flags(try parseFlagList())
            }
        case 6:
            if matches(name, "RFC822") {
                try expectSpace("SP after RFC822")
                return .rfc822(try parseNStringBuffer("RFC822 data"))
            }
            if matches(name, "BINARY") { return try parseBinarySection() }
            if matches(name, "MODSEQ") {
                try expectSpace("SP after MODSEQ")
                try enterList("( after MODSEQ")
                let value = try parseNumber64("mod-sequence in MODSEQ")
                try leaveList(") after MODSEQ value")
                return .modSeq(ModSeq(value))
            }
        case 8:
            if matches(name, "ENVELOPE") {
                try expectSpace("SP after ENVELOPE")
                return .envelope(try parseEnvelope())
            }
        case 10:
            if matches(name, "X-GM-MSGID") {
                try expectSpace("SP after X-GM-MSGID")
                return .gmailMessageID(try parseNumber64("number in X-GM-MSGID"))
            }
            if matches(name, "X-GM-THRID") {
                try expectSpace("SP after X-GM-THRID")
                return .gmailThreadID(try parseNumber64("number in X-GM-THRID"))
            }
        case 11:
            if matches(name, "RFC822.SIZE") {
                try expectSpace("SP after RFC822.SIZE")
                return .rfc822Size(try parseInt("number in RFC822.SIZE"))
            }
            if matches(name, "RFC822.TEXT") {
                try expectSpace("SP after RFC822.TEXT")
                return .rfc822Text(try parseNStringBuffer("RFC822.TEXT data"))
            }
            if matches(name, "BINARY.SIZE") {
                let section = try parseSectionBinary()
                try expectSpace("SP after BINARY.SIZE[…]")
                return .binarySize(section, size: try parseInt("number in BINARY.SIZE"))
            }
            if matches(name, "X-GM-LABELS") {
                try expectSpace("SP after X-GM-LABELS")
                return .gmailLabels(try parseGmailLabels())
            }
        case 12:
            if matches(name, "INTERNALDATE") {
                try expectSpace("SP after INTERNALDATE")
                return .internalDate(try parseDateTime())
            }
        case 13:
            if matches(name, "BODYSTRUCTURE") {
                try expectSpace("SP after BODYSTRUCTURE")
                return .bodyStructure(try parseBody(), hasExtensionData: true)
            }
            if matches(name, "RFC822.HEADER") {
                try expectSpace("SP after RFC822.HEADER")
                return .rfc822Header(try parseNStringBuffer("RFC822.HEADER data"))
            }
        default:
            break
        }
        // An unknown item: NAME[section]<origin> SP value.
        if peek() == ASCII.openBracket {
            while index < bytes.count, bytes[index] != ASCII.closeBracket, bytes[index] != ASCII.lf { index &+= 1 }
            try expect(ASCII.closeBracket, "] after section of unknown FETCH item")
            if peek() == ASCII.lessThan { _ = try parseOrigin() }
        }
        try expectSpace("SP after FETCH item name")
        try skipValue("value of FETCH item")
        return nil
    }

    /// nstring data as a `ByteBuffer` (a slice of the input for literals).
    mutating func parseNStringBuffer(_ what: StaticString, literal8: Bool = false) throws(ParserError) -> ByteBuffer? {
        guard let span = try parseNString(what, literal8: literal8) else { return nil }
        return try bufferOf(span)
    }

    // "BODY" section ["<" number ">"] SP nstring
    mutating func parseBodySection() throws(ParserError) -> MessageAttribute {
        let section = try parseSection()
        let origin: Int? = if peek() == ASCII.lessThan { try parseOrigin() } else { nil }
        try expectSpace("SP after BODY[…]")
        let data = try parseNStringBuffer("BODY[…] data")
        return .bodySection(section, origin: origin, data: data)
    }

    // "BINARY" section-binary ["<" number ">"] SP (nstring / literal8)
    mutating func parseBinarySection() throws(ParserError) -> MessageAttribute {
        let part = try parseSectionBinary()
        let origin: Int? = if peek() == ASCII.lessThan { try parseOrigin() } else { nil }
        try expectSpace("SP after BINARY[…]")
        let data = try parseNStringBuffer("BINARY[…] data", literal8: true)
        return .binarySection(part, origin: origin, data: data)
    }

    // "<" number ">"
    mutating func parseOrigin() throws(ParserError) -> Int {
        try expect(ASCII.lessThan, "<")
        let origin = try parseInt("origin number")
        try expect(ASCII.greaterThan, "> after origin")
        return origin
    }

    // section = "[" [section-spec] "]"
    // section-spec = section-msgtext / (section-part ["." section-text])
    // section-msgtext = "HEADER" / "HEADER.FIELDS" [".NOT"] SP header-list / "TEXT"
    // section-part = nz-number *("." nz-number)
    // section-text = section-msgtext / "MIME"
    mutating func parseSection() throws(ParserError) -> SectionSpecifier {
        try expect(ASCII.openBracket, "[ of section")
        var section = SectionSpecifier()
        if ASCII.isDigit(peek()) {
            while true {
                section.part.append(try parseInt("part number in section"))
                guard consume(ASCII.dot) else { break }
                if !ASCII.isDigit(peek()) {
                    section.text = try parseSectionText(allowMIME: true)
                    break
                }
            }
        } else if peek() != ASCII.closeBracket {
            section.text = try parseSectionText(allowMIME: false)
        }
        try expect(ASCII.closeBracket, "] after section")
        return section
    }

    /// HEADER, HEADER.FIELDS (…), HEADER.FIELDS.NOT (…), TEXT or MIME.
    private mutating func parseSectionText(allowMIME: Bool) throws(ParserError) -> SectionSpecifier.Text {
        let start = index
        let word = try parseKeyword("HEADER, TEXT or MIME in section")
        if matches(word, "HEADER") { return .header }
        if matches(word, "TEXT") { return .text }
        if allowMIME, matches(word, "MIME") { return .mime }
        if matches(word, "HEADER.FIELDS") {
            try expectSpace("SP after HEADER.FIELDS")
            return .headerFields(try parseHeaderList())
        }
        if matches(word, "HEADER.FIELDS.NOT") {
            try expectSpace("SP after HEADER.FIELDS.NOT")
            return .headerFieldsNot(try parseHeaderList())
        }
        throw error(expected: "HEADER, TEXT or MIME in section", at: start)
    }

    // header-list = "(" header-fld-name *(SP header-fld-name) ")"
    // header-fld-name = astring
    private mutating func parseHeaderList() throws(ParserError) -> [String] {
        try enterList("( before header field names")
        var names: [String] = []
        while peek() != ASCII.closeParen {
            names.append(try parseAStringValue("header field name"))
            guard try moreElements(") after header field names") else { break }
        }
        try leaveList(") after header field names")
        return names
    }

    // section-binary = "[" [section-part] "]"
    mutating func parseSectionBinary() throws(ParserError) -> [Int] {
        try expect(ASCII.openBracket, "[ of binary section")
        var part: [Int] = []
        if !consume(ASCII.closeBracket) {
            repeat {
                part.append(try parseInt("part number in binary section"))
            } while consume(ASCII.dot)
            try expect(ASCII.closeBracket, "] after binary section")
        }
        return part
    }

    // "X-GM-LABELS" SP "(" [astring *(SP astring)] ")"
    //   ; system labels are "\" atom (e.g. \Inbox), kept with the backslash
    mutating func parseGmailLabels() throws(ParserError) -> [String] {
        try enterList("( after X-GM-LABELS")
        var labels: [String] = []
        while peek() != ASCII.closeParen {
            if peek() == ASCII.backslash {
                let start = index
                index &+= 1
                _ = try parseAtom("label after \\")
                labels.append(string(start..<index))
            } else {
                labels.append(try parseAStringValue("label in X-GM-LABELS"))
            }
            guard try moreElements(") after X-GM-LABELS") else { break }
        }
        try leaveList(") after X-GM-LABELS")
        return labels
    }

    // date-time = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE
    // date-day-fixed = (SP DIGIT) / 2DIGIT
    // date-month = "Jan" / "Feb" / "Mar" / "Apr" / "May" / "Jun" / "Jul" / "Aug" / "Sep" / "Oct" / "Nov" / "Dec"
    // time = 2DIGIT ":" 2DIGIT ":" 2DIGIT
    // zone = ("+" / "-") 4DIGIT
    /// A one-digit day without the leading space is tolerated.
    mutating func parseDateTime() throws(ParserError) -> InternalDate {
        try expect(ASCII.quote, "quoted date-time")
        skipSpaces()
        let day = try parseDigits(min: 1, max: 2, "day in date-time")
        try expect(ASCII.minus, "- after day in date-time")
        let month = try parseMonth()
        try expect(ASCII.minus, "- after month in date-time")
        let year = try parseDigits(min: 4, max: 4, "year in date-time")
        try expect(ASCII.space, "SP after year in date-time")
        let hour = try parseDigits(min: 2, max: 2, "hour in date-time")
        try expect(ASCII.colon, ": after hour in date-time")
        let minute = try parseDigits(min: 2, max: 2, "minute in date-time")
        try expect(ASCII.colon, ": after minute in date-time")
        let second = try parseDigits(min: 2, max: 2, "second in date-time")
        try expect(ASCII.space, "SP after time in date-time")
        let sign = peek()
        guard sign == ASCII.plus || sign == ASCII.minus else { throw error(expected: "zone sign in date-time") }
        index &+= 1
        let zone = try parseDigits(min: 4, max: 4, "zone in date-time")
        try expect(ASCII.quote, "closing quote of date-time")
        guard (1...31).contains(day), hour < 24, minute < 60, second <= 60, zone % 100 < 60 else {
            throw error(expected: "valid date-time", at: index)
        }
        let zoneMinutes = (zone / 100) * 60 + zone % 100
        return InternalDate(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second,
            zoneMinutes: sign == ASCII.minus ? -zoneMinutes : zoneMinutes)
    }

    /// `min`…`max` decimal digits as an `Int`.
    private mutating func parseDigits(min: Int, max: Int, _ what: StaticString) throws(ParserError) -> Int {
        var value = 0
        var count = 0
        while count < max, ASCII.isDigit(peek()) {
            value = value * 10 + Int(peek() - ASCII.zero)
            index &+= 1
            count += 1
        }
        guard count >= min else { throw error(expected: what) }
        return value
    }

    /// A month name, any case: 1–12.
    private mutating func parseMonth() throws(ParserError) -> Int {
        let a = ASCII.upper(byte(at: index)), b = ASCII.upper(byte(at: index &+ 1)), c = ASCII.upper(byte(at: index &+ 2))
        let key = UInt32(a) << 16 | UInt32(b) << 8 | UInt32(c)
        let month: Int
        switch key {
        case 0x4A414E: month = 1  // JAN
        case 0x464542: month = 2  // FEB
        case 0x4D4152: month = 3  // MAR
        case 0x415052: month = 4  // APR
        case 0x4D4159: month = 5  // MAY
        case 0x4A554E: month = 6  // JUN
        case 0x4A554C: month = 7  // JUL
        case 0x415547: month = 8  // AUG
        case 0x534550: month = 9  // SEP
        case 0x4F4354: month = 10  // OCT
        case 0x4E4F56: month = 11  // NOV
        case 0x444543: month = 12  // DEC
        default: throw error(expected: "month name in date-time")
        }
        index &+= 3
        return month
    }
}
