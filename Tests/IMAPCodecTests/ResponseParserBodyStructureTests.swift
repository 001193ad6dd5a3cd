import NIOCore
import Testing
@testable import IMAPCodec

/// BODY and BODYSTRUCTURE, with every level of extension data.
@Suite struct ResponseParserBodyStructureTests {
    private func bodystructure(_ wire: String, _ expected: BodyStructure, extensionData: Bool = true,
                               sourceLocation: SourceLocation = #_sourceLocation) -> ParserRow {
        let name = extensionData ? "BODYSTRUCTURE" : "BODY"
        return ParserRow("* 1 FETCH (\(name) \(wire))\r\n",
                         fetchResponse(1, .bodyStructure(expected, hasExtensionData: extensionData)),
                         sourceLocation: sourceLocation)
    }

    private func ext(md5: String? = nil, _ disposition: BodyStructure.Disposition? = nil, language: [String] = [],
                     location: String? = nil) -> BodyStructure.SinglePartExtension {
        .init(md5: md5, disposition: disposition, language: language, location: location)
    }

    private func mext(_ parameters: [BodyStructure.Parameter], _ disposition: BodyStructure.Disposition? = nil,
                      language: [String] = [], location: String? = nil) -> BodyStructure.MultipartExtension {
        .init(parameters: parameters, disposition: disposition, language: language, location: location)
    }

    @Test func singleParts() {
        let plain = single("text", "plain", [param("CHARSET", "US-ASCII")], size: 3028, kind: .text(lines: 92))
        expectParsed([
            bodystructure("(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92)", plain, extensionData: false),
            bodystructure("(\"text\" \"plain\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7bit\" 3028 92)", plain, extensionData: false),
            bodystructure("(\"image\" \"png\" (\"name\" \"a.png\") \"<id@x>\" \"A picture\" \"base64\" 1024)",
                          single("image", "png", [param("name", "a.png")], id: "<id@x>", description: "A picture",
                                 encoding: "base64", size: 1024), extensionData: false),
            // Extension data, level by level.
            bodystructure("(\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"quoted-printable\" 10 1 NIL)",
                          single("text", "plain", [param("charset", "utf-8")], encoding: "quoted-printable", size: 10,
                                 kind: .text(lines: 1), ext: ext())),
            bodystructure("(\"text\" \"plain\" NIL NIL NIL \"7bit\" 10 1 \"Q2hlY2sgSW50ZWdyaXR5IQ==\" (\"inline\" NIL))",
                          single("text", "plain", size: 10, kind: .text(lines: 1),
                                 ext: ext(md5: "Q2hlY2sgSW50ZWdyaXR5IQ==", .init(kind: "inline", parameters: [])))),
            bodystructure("(\"application\" \"pdf\" (\"name\" \"a.pdf\") NIL NIL \"base64\" 4096 NIL (\"attachment\" (\"filename\" \"a.pdf\" \"size\" \"3000\")) \"EN\")",
                          single("application", "pdf", [param("name", "a.pdf")], encoding: "base64", size: 4096,
                                 ext: ext(.init(kind: "attachment", parameters: [param("filename", "a.pdf"), param("size", "3000")]),
                                          language: ["EN"]))),
            bodystructure("(\"text\" \"html\" NIL NIL NIL \"8bit\" 5 1 NIL NIL (\"en\" \"de\") \"http://example.com/x.html\")",
                          single("text", "html", encoding: "8bit", size: 5, kind: .text(lines: 1),
                                 ext: ext(language: ["en", "de"], location: "http://example.com/x.html"))),
            // Unknown body-extension data after the location is skipped (Dovecot/Gmail).
            bodystructure("(\"application\" \"octet-stream\" NIL NIL NIL \"base64\" 6 NIL (\"attachment\" (\"filename\" \"a.pdf\")) NIL NIL 42 (\"x\" (\"y\" 1)) {3}\r\nabc)",
                          single("application", "octet-stream", encoding: "base64", size: 6,
                                 ext: ext(.init(kind: "attachment", parameters: [param("filename", "a.pdf")])))),
            // Tolerated: NIL type strings, () parameters, bare-string disposition, no line count, lower/upper case.
            bodystructure("(NIL NIL () NIL NIL NIL 0)", single("", "", encoding: "", size: 0), extensionData: false),
            bodystructure("(\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 12 NIL \"INLINE\" NIL)",
                          single("text", "plain", size: 12, kind: .text(lines: 0), ext: ext(.init(kind: "inline", parameters: [])))),
            bodystructure("(\"Application\" \"X-Zip\" (\"NAME\" \"Ä.zip\") NIL NIL \"BASE64\" 7 NIL (\"ATTACHMENT\" (\"FILENAME*\" \"utf-8''%C3%84.zip\")) NIL)",
                          single("application", "x-zip", [param("NAME", "Ä.zip")], encoding: "base64", size: 7,
                                 ext: ext(.init(kind: "attachment", parameters: [param("FILENAME*", "utf-8''%C3%84.zip")])))),
            // message/rfc822 with its envelope, body and line count.
            bodystructure("(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 500 (NIL \"Inner\" ((\"A\" NIL \"a\" \"x.org\")) NIL NIL NIL NIL NIL NIL \"<in@x>\") (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 20 2) 12)",
                          single("message", "rfc822", size: 500, kind: .message(
                              envelope: env(subject: "Inner", from: [addr("A", "a", "x.org")], messageID: "<in@x>"),
                              body: single("text", "plain", [param("charset", "us-ascii")], size: 20, kind: .text(lines: 2)),
                              lines: 12)), extensionData: false),
            // message/rfc822 without the encapsulated structure (seen from broken servers): a basic part.
            bodystructure("(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 500 NIL NIL NIL NIL)",
                          single("message", "rfc822", size: 500, ext: ext())),
        ])
    }

    @Test func multiparts() {
        let text = single("text", "plain", [param("charset", "utf-8")], encoding: "quoted-printable", size: 120, kind: .text(lines: 4))
        let html = single("text", "html", [param("charset", "utf-8")], encoding: "quoted-printable", size: 450, kind: .text(lines: 9))
        expectParsed([
            bodystructure("((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"quoted-printable\" 120 4)(\"text\" \"html\" (\"charset\" \"utf-8\") NIL NIL \"quoted-printable\" 450 9) \"alternative\")",
                          multi("alternative", [text, html]), extensionData: false),
            bodystructure("((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"quoted-printable\" 120 4) (\"text\" \"html\" (\"charset\" \"utf-8\") NIL NIL \"quoted-printable\" 450 9) \"ALTERNATIVE\")",
                          multi("alternative", [text, html]), extensionData: false),
            // Extension levels of a multipart.
            bodystructure("((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"quoted-printable\" 120 4) \"mixed\" (\"boundary\" \"b1\"))",
                          multi("mixed", [text], ext: mext([param("boundary", "b1")]))),
            bodystructure("((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"quoted-printable\" 120 4) \"mixed\" NIL NIL)",
                          multi("mixed", [text], ext: mext([]))),
            bodystructure("((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"quoted-printable\" 120 4) \"mixed\" (\"boundary\" \"b1\") (\"inline\" NIL) \"fr\" \"loc\" NIL (1 2))",
                          multi("mixed", [text], ext: mext([param("boundary", "b1")], .init(kind: "inline", parameters: []),
                                                            language: ["fr"], location: "loc"))),
            // Nested multiparts.
            bodystructure("(((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"quoted-printable\" 120 4)(\"text\" \"html\" (\"charset\" \"utf-8\") NIL NIL \"quoted-printable\" 450 9) \"alternative\")(\"image\" \"gif\" NIL \"<cid>\" NIL \"base64\" 30) \"related\")",
                          multi("related", [multi("alternative", [text, html]),
                                            single("image", "gif", id: "<cid>", encoding: "base64", size: 30)]), extensionData: false),
        ])
    }

    @Test func mixedWithAttachmentAndForwardedMessage() {
        // As Dovecot 2.3 sends it for multipart/mixed with a PDF and a forwarded message.
        let wire = """
        (("text" "plain" ("charset" "utf-8") NIL NIL "7bit" 32 2 NIL NIL NIL NIL)\
        ("application" "pdf" ("name" "report.pdf") NIL NIL "base64" 2048 NIL ("attachment" ("filename" "report.pdf")) NIL NIL)\
        ("message" "rfc822" NIL NIL NIL "7bit" 931 ("Tue, 1 Oct 2024 10:00:00 +0200" "Fwd: hello" (("Ann" NIL "ann" "example.com")) \
        (("Ann" NIL "ann" "example.com")) (("Ann" NIL "ann" "example.com")) ((NIL NIL "bob" "example.org")) NIL NIL NIL "<m1@example.com>") \
        (("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 10 1 NIL NIL NIL NIL)("text" "html" ("charset" "us-ascii") NIL NIL "7bit" 30 1 NIL NIL NIL NIL) \
        "alternative" ("boundary" "inner") NIL NIL NIL) 25 NIL ("attachment" NIL) NIL NIL) \
        "mixed" ("boundary" "outer") NIL NIL NIL)
        """
        let noExt = BodyStructure.SinglePartExtension(md5: nil, disposition: nil, language: [], location: nil)
        let inner = multi("alternative", [
            single("text", "plain", [param("charset", "us-ascii")], size: 10, kind: .text(lines: 1), ext: noExt),
            single("text", "html", [param("charset", "us-ascii")], size: 30, kind: .text(lines: 1), ext: noExt),
        ], ext: .init(parameters: [param("boundary", "inner")], disposition: nil, language: [], location: nil))
        let ann = addr("Ann", "ann", "example.com")
        let expected = multi("mixed", [
            single("text", "plain", [param("charset", "utf-8")], size: 32, kind: .text(lines: 2), ext: noExt),
            single("application", "pdf", [param("name", "report.pdf")], encoding: "base64", size: 2048,
                   ext: .init(md5: nil, disposition: .init(kind: "attachment", parameters: [param("filename", "report.pdf")]),
                              language: [], location: nil)),
            single("message", "rfc822", size: 931, kind: .message(
                envelope: env(date: "Tue, 1 Oct 2024 10:00:00 +0200", subject: "Fwd: hello", from: [ann], sender: [ann],
                              replyTo: [ann], to: [addr(nil, "bob", "example.org")], messageID: "<m1@example.com>"),
                body: inner, lines: 25),
                   ext: .init(md5: nil, disposition: .init(kind: "attachment", parameters: []), language: [], location: nil)),
        ], ext: .init(parameters: [param("boundary", "outer")], disposition: nil, language: [], location: nil))
        expectParsed([bodystructure(wire, expected)])
    }

    @Test func malformedBodies() {
        expectRejected([
            InvalidParserRow("* 1 FETCH (BODYSTRUCTURE ())\r\n", .syntax("media type")),
            InvalidParserRow("* 1 FETCH (BODYSTRUCTURE (\"text\" \"plain\" NIL NIL NIL \"7bit\"))\r\n", .syntax("SP after body encoding")),
            InvalidParserRow("* 1 FETCH (BODYSTRUCTURE (\"text\" \"plain\" NIL NIL NIL \"7bit\" x))\r\n", .syntax("body size")),
            InvalidParserRow("* 1 FETCH (BODYSTRUCTURE (\"text\" \"plain\" (\"a\") NIL NIL \"7bit\" 1))\r\n", .syntax("SP after body parameter name")),
            InvalidParserRow("* 1 FETCH (BODYSTRUCTURE (\"text\" \"plain\" NIL NIL NIL \"7bit\" 1 1 NIL (\"inline\"\r\n", .syntax(") after body disposition")),
            InvalidParserRow("* 1 FETCH (BODYSTRUCTURE ((\"text\" \"plain\" NIL NIL NIL \"7bit\" 1 1)))\r\n", .syntax("multipart subtype")),
            InvalidParserRow("* 1 FETCH (BODYSTRUCTURE \"text\")\r\n", .syntax("( before body structure")),
            InvalidParserRow("* 1 FETCH (BODY (\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 5 (NIL) (\"text\" \"plain\" NIL NIL NIL \"7bit\" 1 1) 1))\r\n",
                             .syntax("SP after envelope date")),
        ])
    }

    @Test func deepNestingIsBounded() {
        // 1000 nested multiparts: a typed error, not a stack overflow.
        let deep = String(repeating: "(", count: 1000) + "\"text\" \"plain\" NIL NIL NIL \"7bit\" 1 1"
            + String(repeating: ") \"mixed\"", count: 999) + ")"
        expectRejected([
            InvalidParserRow("* 1 FETCH (BODYSTRUCTURE \(deep))\r\n", .exact(.nestingTooDeep(limit: 64))),
            // Unknown extension data is bounded the same way.
            InvalidParserRow("* 1 FETCH (X-DEEP \(String(repeating: "(", count: 1000))\(String(repeating: ")", count: 1000)))\r\n",
                             .exact(.nestingTooDeep(limit: 64))),
        ])
        // A realistic depth parses, and a lower limit applies.
        let nested = String(repeating: "(", count: 20) + "\"text\" \"plain\" NIL NIL NIL \"7bit\" 1 1"
            + String(repeating: ") \"mixed\"", count: 19) + ")"
        var expected = single("text", "plain", size: 1, kind: .text(lines: 1))
        for _ in 0..<19 { expected = multi("mixed", [expected]) }
        expectParsed([bodystructure(nested, expected, extensionData: false)])
        expectRejected([InvalidParserRow("* 1 FETCH (BODY \(nested))\r\n", .exact(.nestingTooDeep(limit: 10)))],
                       limits: ParserLimits(maxNestingDepth: 10))
    }
}
