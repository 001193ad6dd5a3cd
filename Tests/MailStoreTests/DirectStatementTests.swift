import Foundation
import GRDB
import GRDBSQLite
import Testing
@testable import MailStore

/// Values bound through SQLite's C API: what is bound is what is stored, and a
/// value SQLite refuses is a thrown error that rolls the write back, not a crash.
@Suite struct DirectStatementTests {
    @Test func boundValuesAreStoredAndARefusedOneIsAnError() async throws {
        let test = try TestCache()
        defer { test.remove() }
        try await test.cache.pool.write { db in
            try db.execute(sql: "CREATE TABLE sample (n INTEGER, x REAL, t TEXT, b BLOB, f BOOLEAN)")
            let insert = try DirectStatement(db, sql: "INSERT INTO sample VALUES (?, ?, ?, ?, ?)")
            try insert.bind(Int64?.none, at: 1)
            try insert.bind(2.5, at: 2)
            try insert.bind("", at: 3)
            try insert.bind(blob: [1, 2, 3], at: 4)
            try insert.bind(true, at: 5)
            try insert.execute()
            try insert.bind(Int64(7), at: 1)
            try insert.bind("日本", at: 3)
            try insert.execute()
        }
        let rows = try test.cache.pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM sample ORDER BY rowid") }
        #expect(rows.map { $0["n"] as Int64? } == [nil, 7])
        #expect(rows.map { $0["t"] as String? } == ["", "日本"], "an empty string is stored as text, not NULL")
        #expect(rows.map { ($0["b"] as Data?).map { [UInt8]($0) } } == [[1, 2, 3], [1, 2, 3]], "bindings stay until rebound")

        await #expect(throws: DatabaseError.self) {
            try await test.cache.pool.write { db in
                sqlite3_limit(db.sqliteConnection, SQLITE_LIMIT_LENGTH, 16)
                defer { sqlite3_limit(db.sqliteConnection, SQLITE_LIMIT_LENGTH, 1_000_000_000) }
                try db.execute(sql: "INSERT INTO sample (n) VALUES (99)")
                let insert = try DirectStatement(db, sql: "INSERT INTO sample (t) VALUES (?)")
                try insert.bind(String(repeating: "x", count: 64), at: 1)
                try insert.execute()
            }
        }
        let count = try await test.cache.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sample") }
        #expect(count == 2, "the failed write rolled back")
    }
}
