/// The top of the grammar: what kind of response a frame is, status
/// responses and their text (RFC 3501 §7.1, RFC 9051 §7.1).
extension GrammarParser {
    // response = continue-req / response-data / response-done
    mutating func parseResponse() throws(ParserError) -> Response {
        switch peek() {
        case ASCII.plus: return .continuation(try parseContinuationRequest())
        case ASCII.star: return .untagged(try parseResponseData())
        default: return .tagged(try parseTaggedResponse())
        }
    }

    // continue-req = "+" [SP (resp-text / base64)] CRLF
    //   (RFC 3501 requires the SP; servers send a bare "+" too)
    mutating func parseContinuationRequest() throws(ParserError) -> ContinuationRequest {
        index &+= 1  // +
        skipSpaces()
        let text = try parseResponseText()
        try expectEnd("CRLF after continuation request")
        return ContinuationRequest(text: text.text, code: text.code)
    }

    // response-tagged = tag SP resp-cond-state CRLF
    // tag = 1*<any ASTRING-CHAR except "+">
    mutating func parseTaggedResponse() throws(ParserError) -> TaggedResponse {
        let start = index
        while index < bytes.count, ASCII.isAStringChar(bytes[index]), bytes[index] != ASCII.plus { index &+= 1 }
        guard index > start else { throw error(expected: "tag, \"*\" or \"+\" at the start of a response") }
        let tag = Tag(string(start..<index))
        try expectSpace("SP after tag")
        guard let state = parseResponseState() else { throw error(expected: "OK, NO or BAD after tag") }
        let text = try parseStatusText()
        try expectEnd("CRLF after tagged response")
        return TaggedResponse(tag: tag, state: state, text: text)
    }

    /// OK / NO / BAD, or `nil` (consuming nothing) for another word.
    mutating func parseResponseState() -> ResponseState? {
        if consumeWord("OK") { return .ok }
        if consumeWord("NO") { return .no }
        if consumeWord("BAD") { return .bad }
        return nil
    }

    /// After OK/NO/BAD/BYE/PREAUTH: `SP resp-text`, or nothing at all
    /// (`A1 OK` CRLF is common enough to accept).
    mutating func parseStatusText() throws(ParserError) -> ResponseText {
        if isAtLineEnd { return ResponseText(text: "") }
        try expectSpace("SP before response text")
        return try parseResponseText()
    }

    // resp-text = ["[" resp-text-code "]" SP] [text]
    // text = 1*TEXT-CHAR
    mutating func parseResponseText() throws(ParserError) -> ResponseText {
        var code: ResponseCode?
        if peek() == ASCII.openBracket {
            index &+= 1
            code = try parseResponseCode()
            try expect(ASCII.closeBracket, "] after response code")
            skipSpaces()
        }
        let end = lineEnd(from: index)
        let text = string(index..<end)
        index = end
        return ResponseText(code: code, text: text)
    }

    // response-data = "*" SP (resp-cond-state / resp-cond-bye /
    //                 mailbox-data / message-data / capability-data /
    //                 enable-data / id-response / namespace-response /
    //                 esearch-response / expunged-resp) CRLF
    mutating func parseResponseData() throws(ParserError) -> UntaggedResponse {
        index &+= 1  // *
        try expectSpace("SP after *")
        if ASCII.isDigit(peek()) { return try parseMessageData() }
        let nameStart = index
        let name = try parseKeyword("response name after *")
        let response: UntaggedResponse
        if let state = statusWord(name) {
            response = .state(state, try parseStatusText())
        } else if matches(name, "CAPABILITY") {
            response = .capability(try parseCapabilities())
        } else if matches(name, "FETCH") || matches(name, "EXISTS") || matches(name, "EXPUNGE") {
            throw error(expected: "number before \(string(name))", at: nameStart)
        } else {
            response = try parseNamedUntagged(name)
        }
        try expectEnd("CRLF after untagged response")
        return response
    }

    private func statusWord(_ name: Range<Int>) -> ResponseState? {
        if matches(name, "OK") { return .ok }
        if matches(name, "NO") { return .no }
        if matches(name, "BAD") { return .bad }
        return nil
    }

    /// Everything after `* NAME` that is neither a status nor a capability list.
    private mutating func parseNamedUntagged(_ name: Range<Int>) throws(ParserError) -> UntaggedResponse {
        switch name.count {
        case 2:
            if matches(name, "ID") { return .id(try parseIDResponse()) }
        case 3:
            if matches(name, "BYE") { return .bye(try parseStatusText()) }
        case 4:
            if matches(name, "LIST") { return .list(try parseMailboxList()) }
            if matches(name, "LSUB") { return .lsub(try parseMailboxList()) }
        case 5:
            if matches(name, "FLAGS") { return .flags(try parseFlagsData()) }
            if matches(name, "XLIST") { return .list(try parseMailboxList()) }
        case 6:
            if matches(name, "STATUS") { return try parseStatusResponse() }
            if matches(name, "SEARCH") { return try parseSearchResponse() }
        case 7:
            if matches(name, "PREAUTH") { return .preauth(try parseStatusText()) }
            if matches(name, "ESEARCH") { return .esearch(try parseESearchResponse()) }
            if matches(name, "ENABLED") { return .enabled(try parseCapabilities()) }
        case 8:
            if matches(name, "VANISHED") { return try parseVanished() }
        case 9:
            if matches(name, "NAMESPACE") { return .namespace(rawRest(afterSpace: true)) }
        default:
            break
        }
        return .other(uppercased(name), rawRest(afterSpace: true))
    }

    // capability-data = "CAPABILITY" *(SP capability) SP "IMAP4rev1" *(SP capability)
    // enable-data = "ENABLED" *(SP capability)
    // capability = ("AUTH=" auth-type) / atom
    /// Capabilities up to the end of the line or a `]`.
    mutating func parseCapabilities() throws(ParserError) -> [Capability] {
        var result: [Capability] = []
        while peek() == ASCII.space {
            skipSpaces()
            guard ASCII.isAtomChar(peek()) else { break }
            let atom = try parseAtom("capability")
            result.append(Capability(string(atom)))
        }
        return result
    }

    // id-response = "ID" SP id-params-list
    // id-params-list = "(" *(string SP nstring) ")" / nil   (RFC 2971)
    mutating func parseIDResponse() throws(ParserError) -> [IDParameter]? {
        try expectSpace("SP after ID")
        if consumeNIL() { return nil }
        try enterList("( or NIL after ID")
        var result: [IDParameter] = []
        while peek() != ASCII.closeParen {
            let key = try parseAStringValue("ID field name")
            try expectSpace("SP after ID field name")
            let value = try parseNStringValue("ID field value")
            result.append(IDParameter(key: key, value: value))
            guard try moreElements(") after ID fields") else { break }
        }
        try leaveList(") after ID fields")
        return result
    }

    /// The rest of the response, line terminator excluded, as text (after
    /// one optional space): the raw form of NAMESPACE and unknown responses.
    mutating func rawRest(afterSpace: Bool) -> String {
        if afterSpace { skipSpaces() }
        let end = max(index, contentEnd)
        let text = string(index..<end)
        index = end
        return text
    }

    /// An upper-cased `String` of an ASCII keyword.
    func uppercased(_ range: Range<Int>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[clamp(range)]).lazy.map(ASCII.upper), as: UTF8.self)
    }
}
