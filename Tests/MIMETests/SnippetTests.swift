import Testing
@testable import MIME

@Suite struct SnippetTests {
    @Test(arguments: [
        ("Hello   world\n\nsecond   line", "Hello world second line", #line),
        ("Sounds good.\n\nOn Tue, Ann wrote:\n> quoted\n> more", "Sounds good.", #line),
        ("Top\n-- \nSignature here", "Top", #line),
        ("> only quoted\n> text", "> only quoted > text", #line),
        ("Read this[1].\n\n[1] https://example.com", "Read this[1].", #line),
        ("", "", #line),
        ("Mid > not a quote", "Mid > not a quote", #line),
        ("## Heading\nbody", "Heading body", #line),
        ("#hashtag stays", "#hashtag stays", #line),
    ])
    func makes(input: String, expected: String, line: Int) {
        #expect(Snippet.make(from: input) == expected, "line \(line)")
    }

    @Test func snippetOfAGmailReplySkipsTheQuote() throws {
        let entry = try #require(Corpus.shapes.first { $0.name == "Gmail HTML reply with gmail_quote" })
        #expect(Snippet.make(from: MessageParser.parse(entry.bytes)) == "Agreed.")
    }

    @Test func cutsAtAWordNearTheLimit() {
        let text = String(repeating: "word ", count: 100)
        let snippet = Snippet.make(from: text)
        #expect(snippet.count <= 200)
        #expect(snippet.count >= 170)
        #expect(snippet.hasSuffix("word"))
        let unbroken = String(repeating: "x", count: 500)
        #expect(Snippet.make(from: unbroken).count == 200)
        #expect(Snippet.make(from: "abcdef", maxLength: 3) == "abc")
    }

    @Test func snippetOfAnHTMLMessage() {
        let raw = TestMessage.message(part: .text(Corpus.newsletterHTML, subtype: "html"))
        let snippet = Snippet.make(from: MessageParser.parse(raw.bytes))
        #expect(snippet.hasPrefix("Weekly & Friends Hello there"))
        #expect(!snippet.contains("Preheader"))
    }
}
