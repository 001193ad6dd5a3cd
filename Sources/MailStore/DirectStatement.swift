import Foundation
import GRDB
import GRDBSQLite

/// A cached GRDB statement whose parameters are bound through SQLite's C API.
///
/// For the statements a first sync runs once or more per message (the insert, the
/// threader's look-ups). GRDB's `StatementArguments` box every value in an
/// existential and copy it into a `DatabaseValue` array before binding; for a
/// 24-column insert that was a large share of the writer's time. Here each value
/// goes straight to `sqlite3_bind_*` (strings and blobs copied by SQLite, so no
/// pointer outlives the call), while execution still goes through GRDB, so its
/// transaction observers (the UI's observations) see every change.
///
/// Bindings stay until rebound, so values common to many rows are bound once.
/// The statement is reset after each run, ready for the next bindings (SQLite
/// refuses to bind to a statement that has run and was not reset).
struct DirectStatement {
    private let statement: Statement
    private var handle: SQLiteStatement { statement.sqliteStatement }

    /// SQLite copies the bytes of a bound string or blob before the bind returns.
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    init(_ db: Database, sql: String) throws {
        statement = try db.cachedStatement(sql: sql)
        // Marks the statement's arguments as bound (to nothing yet), so that
        // GRDB executes it with the values bound below instead of validating
        // an empty argument list.
        statement.setUncheckedArguments(StatementArguments())
    }

    func bind(_ value: Int64?, at index: Int32) throws {
        guard let value else { return try checked(sqlite3_bind_null(handle, index)) }
        try checked(sqlite3_bind_int64(handle, index, value))
    }

    func bind(_ value: Int64, at index: Int32) throws {
        try checked(sqlite3_bind_int64(handle, index, value))
    }

    func bind(_ value: Bool, at index: Int32) throws {
        try checked(sqlite3_bind_int64(handle, index, value ? 1 : 0))
    }

    func bind(_ value: Double, at index: Int32) throws {
        try checked(sqlite3_bind_double(handle, index, value))
    }

    func bind(_ value: String?, at index: Int32) throws {
        guard var value else { return try checked(sqlite3_bind_null(handle, index)) }
        try value.withUTF8 { bytes in
            // Never a null pointer, even for "": that would bind NULL.
            let base = bytes.baseAddress.map(UnsafeRawPointer.init) ?? Self.empty
            try checked(sqlite3_bind_text64(handle, index, base.assumingMemoryBound(to: CChar.self), sqlite3_uint64(bytes.count),
                                            Self.transient, UInt8(SQLITE_UTF8)))
        }
    }

    func bind(blob value: [UInt8], at index: Int32) throws {
        try value.withUnsafeBytes { bytes in
            try checked(sqlite3_bind_blob64(handle, index, bytes.baseAddress ?? Self.empty, sqlite3_uint64(bytes.count), Self.transient))
        }
    }

    /// Runs the statement (an INSERT, UPDATE or DELETE) with the current bindings.
    func execute() throws {
        defer { sqlite3_reset(handle) }
        try statement.execute()
    }

    /// The first column of the first row of a SELECT, with the current bindings.
    ///
    /// Stepped directly, without GRDB's cursor: a read changes nothing that a
    /// transaction observer would need to hear about.
    func fetchInt64() throws -> Int64? {
        defer { sqlite3_reset(handle) }
        switch sqlite3_step(handle) {
        case SQLITE_ROW:
            return sqlite3_column_type(handle, 0) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, 0)
        case SQLITE_DONE:
            return nil
        case let code:
            try checked(code)
            return nil
        }
    }

    /// Whether a SELECT with the current bindings returns a row.
    func exists() throws -> Bool {
        try fetchInt64() != nil
    }

    private static var empty: UnsafeRawPointer { UnsafeRawPointer(("" as StaticString).utf8Start) }

    /// A failed bind (a value over SQLite's size limit, no memory) is an error
    /// of the write, which then rolls back like any other.
    private func checked(_ code: Int32) throws {
        guard code != SQLITE_OK else { return }
        let message = sqlite3_db_handle(handle).flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
    }
}
