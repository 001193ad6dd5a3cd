/// BODY and BODYSTRUCTURE (RFC 3501 §7.4.2, RFC 9051 §7.5.2).
///
/// Recursion (multiparts, message/rfc822) goes through `enterList`, so a
/// hostile structure fails with `.nestingTooDeep` instead of exhausting the
/// stack. Tolerated deviations seen in the wild: NIL where a string is due
/// (taken as ""), `()` for an empty parameter list, a disposition sent as a
/// bare string, text parts without a line count, message/rfc822 parts
/// without the encapsulated structure, and any extension data after the
/// location (skipped).
extension GrammarParser {
    // body = "(" (body-type-1part / body-type-mpart) ")"
    mutating func parseBody() throws(ParserError) -> BodyStructure {
        try enterList("( before body structure")
        let body: BodyStructure
        if peek() == ASCII.openParen {
            body = .multipart(try parseBodyTypeMultipart())
        } else {
            body = .singlepart(try parseBodyTypeSinglePart())
        }
        try leaveList(") after body structure")
        return body
    }

    // body-type-mpart = 1*body SP media-subtype [SP body-ext-mpart]
    // body-ext-mpart = body-fld-param [SP body-fld-dsp [SP body-fld-lang [SP body-fld-loc *(SP body-extension)]]]
    private mutating func parseBodyTypeMultipart() throws(ParserError) -> BodyStructure.Multipart {
        var parts: [BodyStructure] = []
        while peek() == ASCII.openParen {
            parts.append(try parseBody())
            skipSpaces()
        }
        let subtype = lowercasedStringOf(try parseStringOrNIL("multipart subtype"))
        var multipart = BodyStructure.Multipart(parts: parts, subtype: subtype)
        guard try hasExtension() else { return multipart }
        var ext = BodyStructure.MultipartExtension(parameters: try parseBodyParameters(), disposition: nil, language: [], location: nil)
        try parseExtensionTail(disposition: &ext.disposition, language: &ext.language, location: &ext.location)
        multipart.extension_ = ext
        return multipart
    }

    // body-type-1part = (body-type-basic / body-type-msg / body-type-text) [SP body-ext-1part]
    // body-type-basic = media-basic SP body-fields
    // body-type-msg = media-message SP body-fields SP envelope SP body SP body-fld-lines
    // body-type-text = media-text SP body-fields SP body-fld-lines
    // body-fields = body-fld-param SP body-fld-id SP body-fld-desc SP body-fld-enc SP body-fld-octets
    private mutating func parseBodyTypeSinglePart() throws(ParserError) -> BodyStructure.SinglePart {
        let typeSpan = try parseStringOrNIL("media type")
        try expectSpace("SP after media type")
        let subtypeSpan = try parseStringOrNIL("media subtype")
        try expectSpace("SP after media subtype")
        let parameters = try parseBodyParameters()
        try expectSpace("SP after body parameters")
        let id = try parseNStringValue("body id")
        try expectSpace("SP after body id")
        let description = try parseNStringValue("body description")
        try expectSpace("SP after body description")
        let encoding = lowercasedStringOf(try parseStringOrNIL("body encoding"))
        try expectSpace("SP after body encoding")
        let size = try parseInt("body size in octets")

        let type = lowercasedStringOf(typeSpan)
        let subtype = lowercasedStringOf(subtypeSpan)
        var kind = BodyStructure.Kind.basic
        if type == "text" {
            // body-fld-lines = number
            if peek() == ASCII.space, ASCII.isDigit(byte(at: index &+ 1)) {
                skipSpaces()
                kind = .text(lines: try parseInt("line count of text body"))
            } else {
                kind = .text(lines: 0)
            }
        } else if type == "message", subtype == "rfc822" || subtype == "global",
                  peek() == ASCII.space, byte(at: index &+ 1) == ASCII.openParen {
            skipSpaces()
            let envelope = try parseEnvelope()
            try expectSpace("SP after envelope of message part")
            let body = try parseBody()
            try expectSpace("SP after body of message part")
            let lines = try parseInt("line count of message part")
            kind = .message(envelope: envelope, body: body, lines: lines)
        }
        var part = BodyStructure.SinglePart(
            type: type, subtype: subtype, parameters: parameters, id: id, description: description,
            encoding: encoding, size: size, kind: kind)

        // body-ext-1part = body-fld-md5 [SP body-fld-dsp [SP body-fld-lang [SP body-fld-loc *(SP body-extension)]]]
        // body-fld-md5 = nstring
        guard try hasExtension() else { return part }
        var ext = BodyStructure.SinglePartExtension(
            md5: try parseNStringValue("body MD5"), disposition: nil, language: [], location: nil)
        try parseExtensionTail(disposition: &ext.disposition, language: &ext.language, location: &ext.location)
        part.extension_ = ext
        return part
    }

    /// The extension fields both part kinds share after their first one:
    /// `[SP body-fld-dsp [SP body-fld-lang [SP body-fld-loc *(SP body-extension)]]]`.
    /// Fields the server left out keep their values.
    private mutating func parseExtensionTail(
        disposition: inout BodyStructure.Disposition?, language: inout [String], location: inout String?
    ) throws(ParserError) {
        guard try hasExtension() else { return }
        disposition = try parseDisposition()
        guard try hasExtension() else { return }
        language = try parseLanguage()
        guard try hasExtension() else { return }
        location = try parseNStringValue("body location")
        // *(SP body-extension)
        // body-extension = nstring / number / number64 / "(" body-extension *(SP body-extension) ")"
        while try hasExtension() {
            try skipValue("body extension")
        }
    }

    /// Whether another extension field follows: consumes the spaces before
    /// it; `false` at the closing parenthesis.
    private mutating func hasExtension() throws(ParserError) -> Bool {
        try moreElements("SP or ) in body structure")
    }

    /// A string where the grammar wants one; NIL is read as "".
    private mutating func parseStringOrNIL(_ what: StaticString) throws(ParserError) -> StringSpan {
        if consumeNIL() { return StringSpan(range: index..<index, escaped: false) }
        return try parseString(what)
    }

    // body-fld-param = "(" string SP string *(SP string SP string) ")" / nil
    mutating func parseBodyParameters() throws(ParserError) -> [BodyStructure.Parameter] {
        if consumeNIL() { return [] }
        try enterList("( or NIL for body parameters")
        var parameters: [BodyStructure.Parameter] = []
        while peek() != ASCII.closeParen {
            let name = stringOf(try parseStringOrNIL("body parameter name"))
            try expectSpace("SP after body parameter name")
            let value = stringOf(try parseStringOrNIL("body parameter value"))
            parameters.append(BodyStructure.Parameter(name: name, value: value))
            guard try moreElements(") after body parameters") else { break }
        }
        try leaveList(") after body parameters")
        return parameters
    }

    // body-fld-dsp = "(" string SP body-fld-param ")" / nil
    mutating func parseDisposition() throws(ParserError) -> BodyStructure.Disposition? {
        if consumeNIL() { return nil }
        if peek() != ASCII.openParen {
            // A bare string instead of a list: a disposition without parameters.
            return BodyStructure.Disposition(kind: lowercasedStringOf(try parseString("body disposition")), parameters: [])
        }
        try enterList("( or NIL for body disposition")
        let kind = lowercasedStringOf(try parseStringOrNIL("body disposition type"))
        var parameters: [BodyStructure.Parameter] = []
        if peek() == ASCII.space {
            skipSpaces()
            if peek() != ASCII.closeParen { parameters = try parseBodyParameters() }
        }
        try leaveList(") after body disposition")
        return BodyStructure.Disposition(kind: kind, parameters: parameters)
    }

    // body-fld-lang = nstring / "(" string *(SP string) ")"
    mutating func parseLanguage() throws(ParserError) -> [String] {
        guard peek() == ASCII.openParen else {
            guard let language = try parseNStringValue("body language") else { return [] }
            return [language]
        }
        try enterList("( before body languages")
        var languages: [String] = []
        while peek() != ASCII.closeParen {
            languages.append(try parseStringValue("body language"))
            guard try moreElements(") after body languages") else { break }
        }
        try leaveList(") after body languages")
        return languages
    }
}
