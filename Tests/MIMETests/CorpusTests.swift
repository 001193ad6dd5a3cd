import Testing
@testable import MIME

@Suite struct CorpusTests {
    @Test func corpusIsLargeEnough() {
        #expect(Corpus.all.count >= 60)
    }

    @Test func brokenEncodedWordsInTheSubject() throws {
        let entry = try #require(Corpus.shapes.first { $0.name == "broken encoded words in subject" })
        let message = MessageParser.parse(entry.bytes)
        #expect(message.subject == "Re:日本ok =?UTF-8?Q?broken")  // RFC 2047 §6.2 drops the space between words
    }

    @Test(arguments: Corpus.all)
    func readerShowsTheRightThings(entry: CorpusEntry) {
        let message = MessageParser.parse(entry.bytes)
        let body = ReadableBody(message)
        for text in entry.shows {
            #expect(body.text.contains(text), "line \(entry.line): missing \(text.debugDescription) in\n\(body.text)")
        }
        for text in entry.hides {
            #expect(!body.text.contains(text), "line \(entry.line): shows \(text.debugDescription) in\n\(body.text)")
        }
        #expect(body.attachments.map(\.name) == entry.attachments, "line \(entry.line)")
        #expect(body.source == entry.source, "line \(entry.line)")
        #expect(!body.text.contains("<p>") && !body.text.contains("</"), "line \(entry.line)")
        let snippet = Snippet.make(from: message)
        #expect(snippet.count <= Snippet.defaultLength, "line \(entry.line)")
    }
}
