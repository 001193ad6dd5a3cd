import Foundation
import Testing
@testable import MailStore

@Suite struct CorruptionTests {
    @Test func garbageFileIsMovedAsideAndReplaced() async throws {
        let test = try TestCache()
        defer { test.remove() }
        let (_, inbox, _) = try await test.seed()
        try await test.cache.upsertMessages(folder: inbox, uidValidity: validity, [header(1)])
        try test.cache.close()
        let path = test.cache.path
        let garbage = Data((0..<65_536).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) })
        try garbage.write(to: URL(fileURLWithPath: path))

        let (fresh, outcome) = try MailCache.open(path: path)
        guard case .recreated(let movedTo, let reason) = outcome else {
            Issue.record("expected a recreated cache, got \(outcome)")
            return
        }
        #expect(movedTo.hasPrefix(path + ".corrupt-"))
        #expect(!reason.isEmpty)
        #expect(FileManager.default.contents(atPath: movedTo) == garbage, "the damaged file is kept for inspection")
        #expect(outcome.message?.contains(movedTo) == true)
        #expect(try fresh.accounts().isEmpty)
        let account = try await fresh.upsertAccount(name: "work")
        #expect(try fresh.account(named: "work")?.id == account)
        try fresh.close()

        // The next open is ordinary: no crash loop, no second move.
        let (again, secondOutcome) = try MailCache.open(path: path)
        #expect(secondOutcome == .opened)
        #expect(try again.accounts().count == 1)
        try again.close()
    }

    @Test func damagedPagesAreFoundAfterUncleanShutdown() async throws {
        let test = try TestCache()
        defer { test.remove() }
        let (_, inbox, _) = try await test.seed()
        try await test.cache.upsertMessages(folder: inbox, uidValidity: validity,
                                            (1...400).map { header($0, snippet: String(repeating: "lorem ipsum ", count: 20)) })
        try test.cache.close()
        let path = test.cache.path
        // Keep the header page valid, smash everything after it, and leave the
        // running marker behind as a crash would.
        let handle = try #require(FileHandle(forWritingAtPath: path))
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: 4096)
        try handle.write(contentsOf: Data(repeating: 0xA5, count: Int(size) - 4096))
        try handle.close()
        _ = FileManager.default.createFile(atPath: MailCache.markerPath(for: path), contents: Data())

        let (fresh, outcome) = try MailCache.open(path: path)
        defer { try? fresh.close() }
        guard case .recreated = outcome else {
            Issue.record("expected a recreated cache, got \(outcome)")
            return
        }
        #expect(try fresh.accounts().isEmpty)
    }

    @Test func cleanShutdownSkipsTheCheckAndUncleanRunsIt() throws {
        let test = try TestCache()
        defer { test.remove() }
        let path = test.cache.path
        try test.cache.close()
        #expect(!FileManager.default.fileExists(atPath: MailCache.markerPath(for: path)))
        let (first, outcome) = try MailCache.open(path: path)
        #expect(outcome == .opened)
        #expect(FileManager.default.fileExists(atPath: MailCache.markerPath(for: path)))
        _ = first  // "crash": never closed
        let (second, secondOutcome) = try MailCache.open(path: path)
        #expect(secondOutcome == .checkedAfterUncleanShutdown)
        #expect(secondOutcome.message != nil)
        try second.close()
        try first.close()
    }
}
