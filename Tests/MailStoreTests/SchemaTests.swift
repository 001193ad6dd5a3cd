import Foundation
import GRDB
import Testing
@testable import MailStore

@Suite struct SchemaTests {
    @Test func migrationsAreAppliedAndNamed() throws {
        let test = try TestCache()
        defer { test.remove() }
        let applied = try test.cache.pool.read { db in try CacheSchema.migrator.appliedIdentifiers(db) }
        #expect(applied == ["v1-core", "v1-counts", "v1-search", "v2-snippet-sources", "v3-search-order", "v4-gmail-copies",
                           "v5-batch-insert-counts"])
        let tables = try test.cache.pool.read { db in
            try String.fetchSet(db, sql: "SELECT name FROM sqlite_master WHERE type IN ('table')")
        }
        for table in ["account", "folder", "message", "messageBody", "messagePart", "pendingChange", "messageSearch", "searchGarbage", "snippetSource"] {
            #expect(tables.contains(table), "missing table \(table)")
        }
        let mode = try test.cache.pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }

    @Test func reopeningKeepsDataAndMigratesNothing() async throws {
        let test = try TestCache()
        defer { test.remove() }
        let (_, inbox, _) = try await test.seed()
        try await test.cache.upsertMessages(folder: inbox, uidValidity: validity, [header(1)])
        try test.cache.close()
        let (reopened, outcome) = try MailCache.open(path: test.cache.path)
        defer { try? reopened.close() }
        #expect(outcome == .opened)
        #expect(try reopened.messagePage(folder: inbox).count == 1)
    }

    @Test(arguments: [
        ("SELECT * FROM message WHERE folderID = 1 ORDER BY date DESC, uid DESC LIMIT 50", "message_page"),
        ("SELECT * FROM message WHERE folderID = 1 AND (date < 5 OR (date = 5 AND uid < 3)) ORDER BY date DESC, uid DESC LIMIT 50", "message_page"),
        ("SELECT * FROM message WHERE folderID = 1 AND (flags & 1) = 0 AND (date < 5 OR (date = 5 AND uid < 3)) ORDER BY date DESC, uid DESC LIMIT 1", "message_unread"),
        ("SELECT threadID FROM message WHERE accountID = 1 AND messageID = 'x' AND threadID IS NOT NULL LIMIT 1", "message_messageID"),
        ("SELECT * FROM message WHERE threadID = 3 ORDER BY date, id", "message_thread"),
        ("SELECT id FROM message WHERE needsIndex ORDER BY id LIMIT 10", "message_needsIndex"),
        ("SELECT messageRowID FROM messageBody ORDER BY lastAccess", "messageBody_lru"),
        ("SELECT * FROM message WHERE accountID = 1 AND folderID != 2 AND gmailMessageID IS NOT NULL AND gmailMessageID IN (5, 6)",
         "message_gmailMessage"),
    ])
    func queriesUseIndexes(sql: String, index: String) throws {
        let test = try TestCache()
        defer { test.remove() }
        let plan = try test.cache.pool.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String? ?? "" }.joined(separator: " | ")
        }
        #expect(plan.contains(index), "\(plan)")
        #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
    }

    /// Search ranks its matches by date from the small (id, date, uid) index, never
    /// from the message rows.
    @Test func searchRanksMatchesFromTheCoveringIndex() throws {
        let test = try TestCache()
        defer { test.remove() }
        let plan = try test.cache.pool.read { db in
            try Row.fetchAll(db, sql: """
                EXPLAIN QUERY PLAN SELECT m2.id FROM messageSearch s
                JOIN message m2 INDEXED BY message_searchOrder ON m2.id = s.rowid
                WHERE messageSearch MATCH 'x*' ORDER BY m2.date DESC, m2.uid DESC LIMIT 10
                """).map { $0["detail"] as String? ?? "" }.joined(separator: " | ")
        }
        #expect(plan.contains("COVERING INDEX message_searchOrder"), "\(plan)")
    }

    @Test func folderRolesFromAttributesAndNames() {
        #expect(FolderRole.detect(attributes: ["\\HasNoChildren", "\\Junk"], name: "Whatever", delimiter: "/") == .junk)
        #expect(FolderRole.detect(attributes: [], name: "inbox", delimiter: "/") == .inbox)
        #expect(FolderRole.detect(attributes: [], name: "[Gmail]/Sent Mail", delimiter: "/") == .sent)
        #expect(FolderRole.detect(attributes: [], name: "INBOX.Trash", delimiter: ".") == .trash)
        #expect(FolderRole.detect(attributes: [], name: "Deleted Items", delimiter: "/") == .trash)
        #expect(FolderRole.detect(attributes: [], name: "Projects", delimiter: "/") == .none)
    }

    @Test func flagAtomsSplitIntoFlagsAndKeywords() {
        let (flags, keywords) = MessageFlags.parse(["\\Seen", "\\FLAGGED", "$Forwarded", "\\Recent", "$Label1"])
        #expect(flags == [.seen, .flagged, .forwarded])
        #expect(keywords == ["$Label1"])
    }
}
