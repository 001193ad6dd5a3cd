import Foundation
import CSQLiteTuning
import GRDB

/// The local mail cache: one SQLite file in WAL mode behind one GRDB `DatabasePool`.
///
/// Sync writes through small named methods, each one transaction and idempotent
/// (`upsertMessages`, `applyFlagChanges`, `applyExpunges`, `resetFolder`, …); the
/// UI reads through queries and observations. One writer, many concurrent readers.
///
/// ```swift
/// let (cache, outcome) = try MailCache.open(path: cachePath)
/// if let message = outcome.message { logger.warning("\(message)") }
/// defer { try? cache.close() }
/// let account = try await cache.upsertAccount(name: "work")
/// ```
///
/// Crash safety: a marker file (`<path>.running`) exists while the cache is open
/// and is removed by ``close()``. If it is found at open, the last session ended
/// uncleanly and `PRAGMA quick_check` runs before anything else. A file SQLite
/// reports as corrupt or not a database is moved aside and replaced by an empty
/// cache (see ``OpenOutcome``), so a damaged file never causes a crash loop.
public final class MailCache: Sendable {
    /// The default budget for cached message bodies: 512 MiB.
    public static let defaultBodyBudget: Int64 = 512 << 20

    /// The path of the SQLite file.
    public let path: String
    /// The most bytes of message bodies kept; older ones are evicted (LRU).
    public let bodyBudget: Int64
    /// The pool: one writer, concurrent readers (WAL).
    let pool: DatabasePool
    private let closeState = CloseState()

    private init(path: String, pool: DatabasePool, bodyBudget: Int64) {
        self.path = path
        self.pool = pool
        self.bodyBudget = bodyBudget
    }

    /// Opens (creating if needed) the cache at `path`, recovering from damage.
    ///
    /// - Returns: the cache and what happened, which the caller should show the
    ///   user when ``OpenOutcome/message`` is not `nil`.
    /// - Throws: when the file cannot be opened for reasons other than damage
    ///   (permissions, a full disk, a locked database), or when even a fresh cache
    ///   cannot be created. A damaged file is never a thrown error.
    public static func open(path: String, bodyBudget: Int64 = defaultBodyBudget) throws -> (cache: MailCache, outcome: OpenOutcome) {
        let fileManager = FileManager.default
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try fileManager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let marker = markerPath(for: path)
        let uncleanShutdown = fileManager.fileExists(atPath: marker)
        var outcome: OpenOutcome = uncleanShutdown ? .checkedAfterUncleanShutdown : .opened

        let pool: DatabasePool
        do {
            pool = try openAndMigrate(path: path, check: uncleanShutdown)
        } catch let damage as DamagedCache {
            let movedTo = try moveAside(path: path)
            do {
                pool = try openAndMigrate(path: path, check: false)
            } catch {
                throw MailCacheError.cannotCreate(path: path, reason: String(describing: error))
            }
            outcome = .recreated(movedTo: movedTo, reason: damage.reason)
        }
        _ = fileManager.createFile(atPath: marker, contents: Data("running\n".utf8))
        return (MailCache(path: path, pool: pool, bodyBudget: bodyBudget), outcome)
    }

    /// Opens a new, empty cache in a fresh temporary directory (for tests and
    /// benchmarks). The caller removes ``path``'s directory when done.
    public static func openTemporary(bodyBudget: Int64 = defaultBodyBudget) throws -> MailCache {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("tern-cache-\(UUID().uuidString)", isDirectory: true)
        let path = directory.appendingPathComponent("cache.sqlite").path
        return try open(path: path, bodyBudget: bodyBudget).cache
    }

    /// Closes the cache cleanly: checkpoints the WAL into the main file, closes
    /// every connection and removes the running marker, so the next open skips
    /// the integrity check. The cache must not be used afterwards;
    /// closing again does nothing.
    public func close() throws {
        guard closeState.markClosed() else { return }
        _ = try? pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        try pool.close()
        try? FileManager.default.removeItem(atPath: Self.markerPath(for: path))
    }

    // MARK: - Opening

    /// Thrown internally when the file is damaged (never escapes `open`).
    private struct DamagedCache: Error {
        var reason: String
    }

    static func markerPath(for path: String) -> String { path + ".running" }

    /// SQLite's memory statistics take a global mutex on every allocation it makes
    /// (several per inserted row); Tern never reads them. Turned off once, before
    /// the first connection initialises SQLite (later it cannot be changed, and
    /// the call then does nothing). A first sync's writer: about 14% less CPU.
    private static let memoryStatisticsOff: Void = { _ = tern_sqlite_disable_memory_statistics() }()

    private static func makeConfiguration() -> Configuration {
        memoryStatisticsOff
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // Another process (`tern sync` next to the UI) may hold the write lock briefly.
        configuration.busyMode = .timeout(10)
        configuration.label = "tern.cache"
        configuration.prepareDatabase { db in
            // WAL with synchronous=NORMAL: every commit stays atomic and a
            // crash of Tern loses nothing committed; only a power cut can
            // lose the last few commits, which the next sync fetches again
            // (the cache is a copy of the server). FULL would fsync on
            // every batch of a first sync.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // 16 MB of page cache: the message table's indexes stay in
            // memory while a large folder is written.
            try db.execute(sql: "PRAGMA cache_size = -16000")
            // Statement journals in memory: an INSERT into `message` may
            // abort after its count trigger or a foreign-key check ran, so
            // SQLite journals the pages each statement touches. On disk
            // (the default spills past 64 KiB to a file in /var/tmp) that
            // is ~20 write calls per message of a first sync, most of the
            // writer's time. Temporary tables and sorts live in memory too.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            // Checkpoints (copying the WAL into the database file, with an
            // fsync) when the WAL passes 40 MB instead of SQLite's 4 MB: a
            // first sync of 10,000 messages writes about 25 MB of WAL, and at
            // 4 MB half its commit time went to checkpoints. The WAL file is
            // cut back to 16 MB after one.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 10000")
            try db.execute(sql: "PRAGMA journal_size_limit = \(16 << 20)")
        }
        return configuration
    }

    private static func openAndMigrate(path: String, check: Bool) throws -> DatabasePool {
        var opened: DatabasePool?
        do {
            let pool = try DatabasePool(path: path, configuration: makeConfiguration())
            opened = pool
            if check {
                let results = try pool.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") }
                if results != ["ok"] {
                    throw DamagedCache(reason: "integrity check failed: " + results.prefix(3).joined(separator: "; "))
                }
            }
            try CacheSchema.migrator.migrate(pool)
            return pool
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB {
            try? opened?.close()
            throw DamagedCache(reason: error.message ?? "\(error.resultCode)")
        } catch {
            try? opened?.close()
            throw error
        }
    }

    /// Moves the damaged file and its WAL/SHM companions to
    /// `<path>.corrupt-<timestamp>`; returns the new path of the main file.
    private static func moveAside(path: String) throws -> String {
        let fileManager = FileManager.default
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withYear, .withMonth, .withDay, .withTime, .withTimeZone]
        let stamp = formatter.string(from: Date())
        var target = "\(path).corrupt-\(stamp)"
        var attempt = 1
        while fileManager.fileExists(atPath: target) {
            attempt += 1
            target = "\(path).corrupt-\(stamp)-\(attempt)"
        }
        try fileManager.moveItem(atPath: path, toPath: target)
        for suffix in ["-wal", "-shm"] where fileManager.fileExists(atPath: path + suffix) {
            try? fileManager.moveItem(atPath: path + suffix, toPath: target + suffix)
        }
        return target
    }
}
