import Testing
@testable import MIME

@Suite struct HeaderParametersTests {
    @Test(arguments: [
        ("text/plain; charset=\"utf-8\"; format=flowed", "text/plain", ["charset": "utf-8", "format": "flowed"], #line),
        ("text/plain;charset=utf-8;", "text/plain", ["charset": "utf-8"], #line),
        ("TEXT/PLAIN; CHARSET = ISO-8859-1", "TEXT/PLAIN", ["charset": "ISO-8859-1"], #line),
        ("attachment; filename=\"a;b.txt\"", "attachment", ["filename": "a;b.txt"], #line),
        ("attachment; filename=\"say \\\"hi\\\".txt\"", "attachment", ["filename": "say \"hi\".txt"], #line),
        ("attachment; filename=\"unterminated.txt", "attachment", ["filename": "unterminated.txt"], #line),
        ("attachment; filename*=UTF-8''na%C3%AFve%20file.txt", "attachment", ["filename": "naïve file.txt"], #line),
        ("attachment; filename*=iso-8859-1'fr'r%E9sum%E9.pdf", "attachment", ["filename": "résumé.pdf"], #line),
        ("attachment; filename*0*=UTF-8''%E6%97%A5%E6%9C%AC; filename*1*=%E8%AA%9E.txt", "attachment",
         ["filename": "日本語.txt"], #line),
        ("attachment; filename*1=\"part two.txt\"; filename*0=\"Part one, \"", "attachment",
         ["filename": "Part one, part two.txt"], #line),
        ("attachment; filename=\"fallback.txt\"; filename*=UTF-8''preferred.txt", "attachment",
         ["filename": "preferred.txt"], #line),
        ("attachment; filename*0*=utf-8''%D0%9E%D1%82%D1%87%D1%91%D1%82; filename*1=\" 2024.docx\"", "attachment",
         ["filename": "Отчёт 2024.docx"], #line),
        ("inline; ; =novalue; broken", "inline", [:], #line),
    ])
    func parses(input: String, value: String, parameters: [String: String], line: Int) {
        let parsed = HeaderParameters(input)
        #expect(parsed.value == value, "line \(line)")
        #expect(parsed.parameters == parameters, "line \(line)")
    }

    @Test(arguments: [
        (nil, "text/plain", #line),
        ("", "text/plain", #line),
        ("text", "text/plain", #line),
        ("multipart/MIXED; boundary=x", "multipart/mixed", #line),
        ("image/png; name=x.png", "image/png", #line),
        ("garbage//", "text/plain", #line),
        ("@@@", "text/plain", #line),
        ("\"text/html\"", "text/html", #line),
    ] as [(String?, String, Int)])
    func contentTypes(input: String?, mimeType: String, line: Int) {
        #expect(ContentType(parsing: input).mimeType == mimeType, "line \(line)")
    }

    @Test func contentTypeAccessors() {
        let type = ContentType(parsing: "multipart/alternative; boundary=\"==abc==\"; charset=UTF-8")
        #expect(type.isMultipart)
        #expect(type.boundary == "==abc==")
        #expect(type.charset == "UTF-8")
        let named = ContentType(parsing: "application/pdf; name=\"=?UTF-8?B?w6l0w6kucGRm?=\"")
        #expect(named.name == "été.pdf")
        #expect(ContentType(parsing: "message/rfc822").isMessage)
        #expect(ContentDisposition(parsing: "ATTACHMENT; filename=a.txt").isAttachment)
        #expect(ContentDisposition(parsing: "inline").isInline)
    }
}
