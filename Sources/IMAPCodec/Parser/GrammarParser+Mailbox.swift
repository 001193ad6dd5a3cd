/// Mailbox data: LIST/LSUB, STATUS, FLAGS and the pieces they share
/// (RFC 3501 §7.2, RFC 5258, RFC 6154, RFC 7162, RFC 9051 §7.3).
extension GrammarParser {
    // mailbox-list = "(" [mbx-list-flags] ")" SP
    //                (DQUOTE QUOTED-CHAR DQUOTE / nil) SP mailbox
    //                [SP mbox-list-extended]
    // mbx-list-flags = *(mbx-list-oflag SP) mbx-list-sflag *(SP mbx-list-oflag) / mbx-list-oflag *(SP mbx-list-oflag)
    // mbox-list-extended = "(" [mbox-list-extended-item *(SP mbox-list-extended-item)] ")"   ; RFC 5258
    /// Extended data after the name (CHILDINFO, OLDNAME, …) and trailing
    /// spaces are skipped.
    mutating func parseMailboxList() throws(ParserError) -> MailboxListing {
        try expectSpace("SP after LIST")
        try enterList("( before mailbox attributes")
        var attributes: [MailboxAttribute] = []
        while peek() != ASCII.closeParen {
            attributes.append(try parseMailboxAttribute())
            guard try moreElements(") after mailbox attributes") else { break }
        }
        try leaveList(") after mailbox attributes")
        try expectSpace("SP after mailbox attributes")
        let delimiter = try parseDelimiter()
        try expectSpace("SP after hierarchy delimiter")
        let name = try parseMailboxName("mailbox name in LIST")
        // Extended data: skip whatever values follow, up to the line end.
        while peek() == ASCII.space {
            skipSpaces()
            guard !isAtLineEnd else { break }
            try skipValue("LIST extended data")
        }
        return MailboxListing(attributes: attributes, delimiter: delimiter, name: name)
    }

    // mbx-list-oflag = "\Noinferiors" / child-mbox-flag / "\Subscribed" / "\Remote" / flag-extension
    // mbx-list-sflag = "\NonExistent" / "\Noselect" / "\Marked" / "\Unmarked"
    // use-attr = "\All" / "\Archive" / "\Drafts" / "\Flagged" / "\Junk" / "\Sent" / "\Trash"   ; RFC 6154
    // flag-extension = "\" atom
    mutating func parseMailboxAttribute() throws(ParserError) -> MailboxAttribute {
        let start = index
        _ = consume(ASCII.backslash)
        _ = try parseAtom("mailbox attribute")
        return MailboxAttribute(string(start..<index))
    }

    // DQUOTE QUOTED-CHAR DQUOTE / nil
    /// The hierarchy delimiter; `""` is taken as NIL, and a longer string
    /// gives its first character.
    mutating func parseDelimiter() throws(ParserError) -> Character? {
        if consumeNIL() { return nil }
        guard peek() == ASCII.quote else { throw error(expected: "quoted delimiter or NIL") }
        let text = stringOf(try parseQuoted("hierarchy delimiter"))
        return text.first
    }

    // mailbox = "INBOX" / astring
    //   ; INBOX is case-insensitive; the bytes are kept as sent.
    /// A mailbox name as wire bytes: an atom (wildcards and UTF-8 bytes
    /// tolerated), a quoted string (escapes removed) or a literal.
    mutating func parseMailboxName(_ what: StaticString) throws(ParserError) -> MailboxName {
        MailboxName(bytes: bytesOf(try parseAString(what, wildcards: true)))
    }

    // status-response = "STATUS" SP mailbox SP "(" [status-att-list] ")"
    // status-att-list = status-att-val *(SP status-att-val)
    mutating func parseStatusResponse() throws(ParserError) -> UntaggedResponse {
        try expectSpace("SP after STATUS")
        let name = try parseMailboxName("mailbox name in STATUS")
        try expectSpace("SP after mailbox name in STATUS")
        try enterList("( before STATUS attributes")
        var status = MailboxStatus()
        while peek() != ASCII.closeParen {
            try parseStatusAttribute(into: &status)
            guard try moreElements(") after STATUS attributes") else { break }
        }
        try leaveList(") after STATUS attributes")
        return .mailboxStatus(name, status)
    }

    // status-att-val = ("MESSAGES" SP number) / ("UIDNEXT" SP nz-number) /
    //                  ("UIDVALIDITY" SP nz-number) / ("UNSEEN" SP number) /
    //                  ("DELETED" SP number) / ("SIZE" SP number64) /
    //                  ("RECENT" SP number) /                           ; RFC 3501
    //                  ("HIGHESTMODSEQ" SP mod-sequence-valzer)         ; RFC 7162
    /// An unknown attribute's value is skipped.
    mutating func parseStatusAttribute(into status: inout MailboxStatus) throws(ParserError) {
        let name = try parseKeyword("STATUS attribute name")
        try expectSpace("SP after STATUS attribute name")
        if matches(name, "MESSAGES") {
            status.messages = try parseInt("number in MESSAGES")
        } else if matches(name, "UIDNEXT") {
            status.uidNext = UID(try parseNZNumber("number in UIDNEXT"))
        } else if matches(name, "UIDVALIDITY") {
            status.uidValidity = UIDValidity(try parseNZNumber("number in UIDVALIDITY"))
        } else if matches(name, "UNSEEN") {
            status.unseen = try parseInt("number in UNSEEN")
        } else if matches(name, "RECENT") {
            status.recent = try parseInt("number in RECENT")
        } else if matches(name, "DELETED") {
            status.deleted = try parseInt("number in DELETED")
        } else if matches(name, "SIZE") {
            status.size = try parseNumber64("number in SIZE")
        } else if matches(name, "HIGHESTMODSEQ") {
            status.highestModSeq = ModSeq(try parseNumber64("mod-sequence in HIGHESTMODSEQ"))
        } else {
            try skipValue("STATUS attribute value")
        }
    }

    // mailbox-data =/ "FLAGS" SP flag-list
    mutating func parseFlagsData() throws(ParserError) -> [Flag] {
        try expectSpace("SP after FLAGS")
        return try parseFlagList()
    }

    // flag-list = "(" [flag *(SP flag)] ")"
    mutating func parseFlagList() throws(ParserError) -> [Flag] {
        try enterList("( before flags")
        var result: [Flag] = []
        while peek() != ASCII.closeParen {
            result.append(try parseFlag())
            guard try moreElements(") after flags") else { break }
        }
        try leaveList(") after flags")
        return result
    }

    // flag = "\Answered" / "\Flagged" / "\Deleted" / "\Seen" / "\Draft" / flag-keyword / flag-extension
    // flag-fetch = flag / "\Recent"
    // flag-keyword = "$MDNSent" / "$Forwarded" / "$Junk" / "$NotJunk" / "$Phishing" / atom
    // flag-extension = "\" atom
    /// System flags are recognised from their bytes, without a `String`.
    mutating func parseFlag() throws(ParserError) -> Flag {
        if consume(ASCII.backslash) {
            let atom = try parseAtom("flag name after \\")
            switch atom.count {
            case 4: if matches(atom, "SEEN") { return .seen }
            case 5: if matches(atom, "DRAFT") { return .draft }
            case 6: if matches(atom, "RECENT") { return .recent }
            case 7:
                if matches(atom, "FLAGGED") { return .flagged }
                if matches(atom, "DELETED") { return .deleted }
            case 8: if matches(atom, "ANSWERED") { return .answered }
            default: break
            }
            return .extension(string(atom))
        }
        return .keyword(string(try parseAtom("flag")))
    }

    /// Skips one value of unknown meaning: a parenthesised list (nesting
    /// bounded), a string, or a run of atom-like bytes.
    // tagged-ext-val = tagged-ext-simple / "(" [tagged-ext-comp] ")"
    // body-extension = nstring / number / "(" body-extension *(SP body-extension) ")"
    mutating func skipValue(_ what: StaticString) throws(ParserError) {
        switch peek() {
        case ASCII.openParen:
            try enterList(what)
            while peek() != ASCII.closeParen {
                try skipValue(what)
                guard try moreElements(what) else { break }
            }
            try leaveList(what)
        case ASCII.quote, ASCII.openBrace:
            _ = try parseString(what)
        case ASCII.tilde where byte(at: index &+ 1) == ASCII.openBrace:
            _ = try parseString(what, literal8: true)
        default:
            let start = index
            while index < bytes.count {
                let b = bytes[index]
                if b <= ASCII.space || b == ASCII.openParen || b == ASCII.closeParen || b == ASCII.quote
                    || b == 0x7F { break }
                index &+= 1
            }
            guard index > start else { throw error(expected: what) }
        }
    }
}
