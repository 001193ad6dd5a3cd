import Foundation
import Testing
@testable import MIME

@Suite struct AttachmentTests {
    @Test(arguments: [
        ("report.pdf", "report.pdf", #line),
        ("../../etc/passwd", "passwd", #line),
        ("/absolute/path.txt", "path.txt", #line),
        ("C:\\Users\\ann\\scan.pdf", "scan.pdf", #line),
        ("..", "attachment", #line),
        (".hidden", "hidden", #line),
        ("a..b.txt", "a.b.txt", #line),
        ("bad\u{0}name\u{7}\n.txt", "badname.txt", #line),
        ("evil\u{202E}fdp.exe", "evilfdp.exe", #line),
        ("  spaced  ", "spaced", #line),
        ("", "attachment", #line),
        ("日本語の資料.pdf", "日本語の資料.pdf", #line),
        (String(repeating: "x", count: 300) + ".pdf", String(repeating: "x", count: 196) + ".pdf", #line),
    ])
    func sanitisesFileNames(input: String, expected: String, line: Int) {
        #expect(Attachment.sanitizedFileName(input) == expected, "line \(line)")
    }

    func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "/tern-mime-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func savesAndRefusesToOverwrite() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let attachment = Attachment(name: "../../x/report.pdf", mediaType: "application/pdf", path: [1], data: Corpus.pdf)
        let path = try attachment.save(inDirectory: dir + "/")
        #expect(path == dir + "/report.pdf")
        #expect(FileManager.default.contents(atPath: path) == Data(Corpus.pdf))

        let other = Attachment(name: "report.pdf", mediaType: "application/pdf", path: [2], data: [1, 2, 3])
        #expect(throws: Attachment.SaveError.fileExists(path: path)) {
            try other.save(to: path)
        }
        #expect(FileManager.default.contents(atPath: path) == Data(Corpus.pdf))
        try other.save(to: path, overwrite: true)
        #expect(FileManager.default.contents(atPath: path) == Data([1, 2, 3]))
    }

    @Test func uniquingPicksAFreeName() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let attachment = Attachment(name: "scan.pdf", mediaType: "application/pdf", path: [1], data: [1])
        #expect(try attachment.save(inDirectory: dir, uniquing: true) == dir + "/scan.pdf")
        #expect(try attachment.save(inDirectory: dir, uniquing: true) == dir + "/scan (1).pdf")
        #expect(try attachment.save(inDirectory: dir, uniquing: true) == dir + "/scan (2).pdf")
        #expect(throws: Attachment.SaveError.self) {
            try attachment.save(inDirectory: dir)
        }
        #expect(try attachment.save(inDirectory: dir, overwrite: true) == dir + "/scan.pdf")
    }

    @Test func savingIntoAMissingDirectoryThrows() {
        let attachment = Attachment(name: "a.txt", mediaType: "text/plain", path: [], data: [65])
        #expect(throws: Attachment.SaveError.self) {
            try attachment.save(to: "/nonexistent-\(UUID().uuidString)/a.txt")
        }
    }

    @Test func savesAnEmptyAttachment() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try Attachment(name: "empty", mediaType: "text/plain", path: [], data: []).save(inDirectory: dir)
        #expect(FileManager.default.contents(atPath: path) == Data())
    }
}
