import Testing
import TernTestSupport

struct IMAPFrameTests {
    @Test(arguments: [
        ("a1 LOGIN {5}", 5),
        ("a1 APPEND INBOX {310+}", 310),
        ("a1 APPEND INBOX {7-}", 7),
        ("* 1 FETCH (BINARY[] ~{12}", 12),
        ("* 1 FETCH (BODY[] {0}", 0),
    ] as [(String, Int)])
    func announcesLiteral(line: String, size: Int) {
        #expect(IMAPFrame.line(Array(line.utf8)).announcedLiteral == size)
    }

    @Test(arguments: [
        "a1 LOGIN alice secret",
        "a1 LOGIN {}",
        "a1 LOGIN {abc}",
        "a1 LOGIN {5} trailing",
        "a1 LOGIN {+}",
        "a1 LOGIN {9999999999999999999999}",
        "}",
    ])
    func doesNotAnnounceLiteral(line: String) {
        #expect(IMAPFrame.line(Array(line.utf8)).announcedLiteral == nil)
    }

    @Test func literalFramesNeverAnnounce() {
        #expect(IMAPFrame.literal(Array("{5}".utf8)).announcedLiteral == nil)
    }

    @Test func tagAndCommand() {
        let frame = IMAPFrame.line(Array("a7 uid fetch 1:* FLAGS".utf8))
        #expect(frame.tag == "a7")
        #expect(frame.command == "UID")
        #expect(IMAPFrame.line(Array("DONE".utf8)).command == nil)
        #expect(IMAPFrame.literal(Array("a1 LOGIN".utf8)).tag == nil)
    }
}
