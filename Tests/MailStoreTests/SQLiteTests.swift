import Testing
@testable import MailStore

@Suite struct SQLiteTests {
    @Test func systemSQLiteIsRecentEnough() throws {
        let parts = try MailStoreModule.sqliteVersion().split(separator: ".").compactMap { Int($0) }
        #expect(parts.count >= 2)
        #expect(parts[0] == 3 && parts[1] >= 35, "FTS5 and RETURNING need SQLite 3.35+")
    }
}
