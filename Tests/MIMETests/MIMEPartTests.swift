import Testing
@testable import MIME

@Suite struct MIMEPartTests {
    static let nested: MIMEPart = MessageParser.parse(TestMessage.message(part: .multipart("mixed", parts: [
        .multipart("alternative", parts: [.text("plain"), .text("<p>html</p>", subtype: "html")]),
        .embedded(TestMessage.message(part: .multipart("mixed", boundary: "inner", parts: [
            .text("inner text"), .attachment([1], type: "image/png", disposition: "attachment"),
        ]))),
        .embedded(TestMessage.message(part: .text("single"))),
    ])).bytes).root

    @Test(arguments: [
        ([], "", #line),
        ([0], "1", #line),
        ([0, 0], "1.1", #line),
        ([0, 1], "1.2", #line),
        ([1], "2", #line),
        ([1, 0], "2", #line),
        ([1, 0, 0], "2.1", #line),
        ([1, 0, 1], "2.2", #line),
        ([2], "3", #line),
        ([2, 0], "3.1", #line),
        ([9], nil, #line),
    ] as [([Int], String?, Int)])
    func imapSections(path: [Int], expected: String?, line: Int) {
        #expect(MIMEPartTests.nested.imapSection(for: path) == expected, "line \(line)")
    }

    @Test func singlePartMessageIsSectionOne() {
        let root = MessageParser.parse(TestMessage.message(part: .text("x")).bytes).root
        #expect(root.imapSection(for: []) == "1")
    }

    @Test func fileNameAndContentID() {
        let part = MessageParser.parse("Content-Type: image/png; name=a.png\r\nContent-ID: <x@y>\r\n\r\n").root
        #expect(part.fileName == "a.png")
        #expect(part.contentID == "x@y")
        let disposition = MessageParser.parse(
            "Content-Type: image/png; name=a.png\r\nContent-Disposition: attachment; filename=b.png\r\n\r\n").root
        #expect(disposition.fileName == "b.png")
    }
}
