/// Response codes in `[…]` after OK/NO/BAD/PREAUTH/BYE (RFC 3501 §7.1,
/// RFC 4315, RFC 5465, RFC 5530, RFC 7162, RFC 9051 §7.1).
extension GrammarParser {
    // resp-text-code = "ALERT" /
    //                  "BADCHARSET" [SP "(" charset *(SP charset) ")" ] /
    //                  capability-data / "PARSE" /
    //                  "PERMANENTFLAGS" SP "(" [flag-perm *(SP flag-perm)] ")" /
    //                  "READ-ONLY" / "READ-WRITE" / "TRYCREATE" /
    //                  "UIDNEXT" SP nz-number / "UIDVALIDITY" SP nz-number /
    //                  "UNSEEN" SP nz-number /
    //                  resp-code-apnd / resp-code-copy / "UIDNOTSTICKY" /     ; RFC 4315
    //                  "HIGHESTMODSEQ" SP mod-sequence-value / "NOMODSEQ" /
    //                  "MODIFIED" SP sequence-set / "CLOSED" /                ; RFC 7162
    //                  "UNAVAILABLE" / "AUTHENTICATIONFAILED" / … /           ; RFC 5530
    //                  "NOTIFICATIONOVERFLOW" / unsupported-events-code /     ; RFC 5465
    //                  atom [SP 1*<any TEXT-CHAR except "]">]
    /// The code after `[`; the caller consumes the `]`. A known code with
    /// malformed arguments is a syntax error; an unknown code keeps its raw
    /// arguments.
    mutating func parseResponseCode() throws(ParserError) -> ResponseCode {
        let name = try parseAtom("response code name after [")
        if let simple = simpleResponseCode(name) {
            skipRawCodeArguments()  // tolerate arguments nobody defined
            return simple
        }
        switch name.count {
        case 6:
            if matches(name, "UNSEEN") {
                try expectSpace("SP after UNSEEN")
                return .unseen(SequenceNumber(try parseNZNumber("number in UNSEEN")))
            }
        case 7:
            if matches(name, "UIDNEXT") {
                try expectSpace("SP after UIDNEXT")
                return .uidNext(UID(try parseNZNumber("number in UIDNEXT")))
            }
            if matches(name, "COPYUID") { return try parseCopyUID() }
        case 8:
            if matches(name, "MODIFIED") {
                try expectSpace("SP after MODIFIED")
                return .modified(try parseNumberSet("sequence set in MODIFIED"))
            }
            if matches(name, "BADEVENT") { return .badEvent(try parseBadEvents()) }
        case 9:
            if matches(name, "APPENDUID") { return try parseAppendUID() }
        case 10:
            if matches(name, "BADCHARSET") { return .badCharset(try parseBadCharsetList()) }
            if matches(name, "CAPABILITY") { return .capability(try parseCapabilities()) }
        case 11:
            if matches(name, "UIDVALIDITY") {
                try expectSpace("SP after UIDVALIDITY")
                return .uidValidity(UIDValidity(try parseNZNumber("number in UIDVALIDITY")))
            }
        case 13:
            if matches(name, "HIGHESTMODSEQ") {
                try expectSpace("SP after HIGHESTMODSEQ")
                return .highestModSeq(ModSeq(try parseNumber64("mod-sequence in HIGHESTMODSEQ")))
            }
        case 14:
            if matches(name, "PERMANENTFLAGS") {
                try expectSpace("SP after PERMANENTFLAGS")
                return .permanentFlags(try parsePermanentFlags())
            }
        default:
            break
        }
        return .other(uppercased(name), rawCodeArguments())
    }

    /// The codes without arguments, or `nil`.
    private func simpleResponseCode(_ name: Range<Int>) -> ResponseCode? {
        switch name.count {
        case 5:
            if matches(name, "ALERT") { return .alert }
            if matches(name, "PARSE") { return .parse }
            if matches(name, "LIMIT") { return .limit }
            if matches(name, "INUSE") { return .inUse }
        case 6:
            if matches(name, "CLOSED") { return .closed }
            if matches(name, "CANNOT") { return .cannot }
            if matches(name, "NOPERM") { return .noPerm }
        case 7:
            if matches(name, "EXPIRED") { return .expired }
        case 8:
            if matches(name, "NOMODSEQ") { return .noModSeq }
        case 9:
            if matches(name, "READ-ONLY") { return .readOnly }
            if matches(name, "TRYCREATE") { return .tryCreate }
            if matches(name, "SERVERBUG") { return .serverBug }
            if matches(name, "CLIENTBUG") { return .clientBug }
            if matches(name, "OVERQUOTA") { return .overQuota }
        case 10:
            if matches(name, "READ-WRITE") { return .readWrite }
            if matches(name, "CORRUPTION") { return .corruption }
        case 11:
            if matches(name, "UNAVAILABLE") { return .unavailable }
            if matches(name, "NONEXISTENT") { return .nonExistent }
        case 12:
            if matches(name, "CONTACTADMIN") { return .contactAdmin }
            if matches(name, "UIDNOTSTICKY") { return .uidNotSticky }
        case 13:
            if matches(name, "ALREADYEXISTS") { return .alreadyExists }
            if matches(name, "EXPUNGEISSUED") { return .expungeIssued }
        case 15:
            if matches(name, "PRIVACYREQUIRED") { return .privacyRequired }
        case 19:
            if matches(name, "AUTHORIZATIONFAILED") { return .authorizationFailed }
        case 20:
            if matches(name, "AUTHENTICATIONFAILED") { return .authenticationFailed }
            if matches(name, "NOTIFICATIONOVERFLOW") { return .notificationOverflow }
        default:
            break
        }
        return nil
    }

    // atom [SP 1*<any TEXT-CHAR except "]">]
    /// The raw arguments of an unknown code, up to `]` on the same line.
    private mutating func rawCodeArguments() -> String? {
        guard peek() == ASCII.space else { return nil }
        skipSpaces()
        let start = index
        skipRawCodeArguments()
        return index > start ? string(start..<index) : nil
    }

    private mutating func skipRawCodeArguments() {
        while index < bytes.count {
            let b = bytes[index]
            if b == ASCII.closeBracket || b == ASCII.cr || b == ASCII.lf { return }
            index &+= 1
        }
    }

    // "BADCHARSET" [SP "(" charset *(SP charset) ")" ]
    // charset = atom / quoted
    private mutating func parseBadCharsetList() throws(ParserError) -> [String] {
        guard peek() == ASCII.space else { return [] }
        skipSpaces()
        guard peek() == ASCII.openParen else { return [] }
        try enterList("( after BADCHARSET")
        var result: [String] = []
        while peek() != ASCII.closeParen {
            if peek() == ASCII.quote {
                result.append(stringOf(try parseQuoted("charset")))
            } else {
                result.append(string(try parseAtom("charset in BADCHARSET")))
            }
            guard try moreElements(") after BADCHARSET charsets") else { break }
        }
        try leaveList(") after BADCHARSET charsets")
        return result
    }

    // "PERMANENTFLAGS" SP "(" [flag-perm *(SP flag-perm)] ")"
    // flag-perm = flag / "\*"
    private mutating func parsePermanentFlags() throws(ParserError) -> [PermanentFlag] {
        try enterList("( after PERMANENTFLAGS")
        var result: [PermanentFlag] = []
        while peek() != ASCII.closeParen {
            if peek() == ASCII.backslash, byte(at: index &+ 1) == ASCII.star {
                index &+= 2
                result.append(.wildcard)
            } else {
                result.append(.flag(try parseFlag()))
            }
            guard try moreElements(") after PERMANENTFLAGS flags") else { break }
        }
        try leaveList(") after PERMANENTFLAGS flags")
        return result
    }

    // unsupported-events-code = "BADEVENT" SP "(" event *(SP event) ")"   ; RFC 5465
    // event = message-event / mailbox-event / event-ext;  event-ext = atom
    /// The events of BADEVENT. Dovecot (2.3) leaves out the parentheses
    /// (`[BADEVENT AnnotationChange ServerMetadataChange]`), so a bare list of
    /// atoms up to `]` is taken too, as is a bare `[BADEVENT]`.
    private mutating func parseBadEvents() throws(ParserError) -> [NotifyEvent] {
        guard peek() == ASCII.space else { return [] }
        skipSpaces()
        var result: [NotifyEvent] = []
        if peek() == ASCII.openParen {
            try enterList("( after BADEVENT")
            while peek() != ASCII.closeParen {
                result.append(NotifyEvent(name: string(try parseAtom("event in BADEVENT"))))
                guard try moreElements(") after BADEVENT events") else { break }
            }
            try leaveList(") after BADEVENT events")
            return result
        }
        while peek() != ASCII.closeBracket {
            result.append(NotifyEvent(name: string(try parseAtom("event in BADEVENT"))))
            guard peek() == ASCII.space else { break }
            skipSpaces()
        }
        return result
    }

    // resp-code-apnd = "APPENDUID" SP nz-number SP append-uid
    // append-uid = uniqueid / uid-set   (uid-set with MULTIAPPEND)
    private mutating func parseAppendUID() throws(ParserError) -> ResponseCode {
        try expectSpace("SP after APPENDUID")
        let validity = UIDValidity(try parseNZNumber("UIDVALIDITY in APPENDUID"))
        try expectSpace("SP after UIDVALIDITY in APPENDUID")
        let uids: UIDSet = try parseNumberSet("UID set in APPENDUID")
        return .appendUID(validity, uids)
    }

    // resp-code-copy = "COPYUID" SP nz-number SP uid-set SP uid-set
    private mutating func parseCopyUID() throws(ParserError) -> ResponseCode {
        try expectSpace("SP after COPYUID")
        let validity = UIDValidity(try parseNZNumber("UIDVALIDITY in COPYUID"))
        try expectSpace("SP after UIDVALIDITY in COPYUID")
        let source: UIDSet = try parseNumberSet("source UID set in COPYUID")
        try expectSpace("SP after source UIDs in COPYUID")
        let destination: UIDSet = try parseNumberSet("destination UID set in COPYUID")
        return .copyUID(validity, source, destination)
    }
}
