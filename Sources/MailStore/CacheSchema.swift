import GRDB

/// The cache's schema: named migrations, frozen once shipped.
///
/// Migrations are plain SQL and never refer to app types, so a later change to a
/// record type can never change what an old migration does. Add a new migration
/// for every change; never edit a shipped one.
enum CacheSchema {
    /// The migrator that brings any older cache file up to date.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-core", migrate: createCore)
        migrator.registerMigration("v1-counts", migrate: createCountTriggers)
        migrator.registerMigration("v1-search", migrate: createSearch)
        migrator.registerMigration("v2-snippet-sources", migrate: createSnippetSources)
        migrator.registerMigration("v3-search-order", migrate: createSearchOrderIndex)
        migrator.registerMigration("v4-gmail-copies", migrate: createGmailMessageIndex)
        migrator.registerMigration("v5-batch-insert-counts", migrate: countInsertsPerBatch)
        return migrator
    }

    private static func createCore(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE account (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                name TEXT NOT NULL UNIQUE
            );
            CREATE TABLE folder (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                accountID INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                delimiter TEXT,
                role TEXT NOT NULL DEFAULT 'none',
                subscribed BOOLEAN NOT NULL DEFAULT 1,
                selectable BOOLEAN NOT NULL DEFAULT 1,
                uidValidity INTEGER,
                uidNext INTEGER,
                highestModSeq INTEGER,
                lastFullSync DOUBLE,
                totalCount INTEGER NOT NULL DEFAULT 0,
                unreadCount INTEGER NOT NULL DEFAULT 0,
                UNIQUE (accountID, name)
            );
            CREATE TABLE message (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                accountID INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                folderID INTEGER NOT NULL REFERENCES folder(id) ON DELETE CASCADE,
                uid INTEGER NOT NULL,
                uidValidity INTEGER NOT NULL,
                messageID TEXT,
                inReplyTo TEXT,
                "references" TEXT NOT NULL DEFAULT '[]',
                date DOUBLE NOT NULL,
                "from" TEXT NOT NULL DEFAULT '[]',
                fromDisplay TEXT NOT NULL DEFAULT '',
                "to" TEXT NOT NULL DEFAULT '[]',
                cc TEXT NOT NULL DEFAULT '[]',
                subject TEXT NOT NULL DEFAULT '',
                flags INTEGER NOT NULL DEFAULT 0,
                keywords TEXT NOT NULL DEFAULT '[]',
                size INTEGER NOT NULL DEFAULT 0,
                hasAttachments BOOLEAN NOT NULL DEFAULT 0,
                snippet TEXT NOT NULL DEFAULT '',
                modSeq INTEGER,
                gmailMessageID INTEGER,
                gmailThreadID INTEGER,
                gmailLabels TEXT NOT NULL DEFAULT '[]',
                threadID INTEGER,
                needsIndex BOOLEAN NOT NULL DEFAULT 1,
                UNIQUE (folderID, uid)
            );
            -- A folder page, newest first, keyset by (date, uid).
            CREATE INDEX message_page ON message(folderID, date, uid);
            -- Next/previous unread: only unread rows (bit 0 of flags is \\Seen).
            CREATE INDEX message_unread ON message(folderID, date, uid) WHERE (flags & 1) = 0;
            -- Threading: find a parent or a child by Message-ID within an account.
            CREATE INDEX message_messageID ON message(accountID, messageID) WHERE messageID IS NOT NULL;
            CREATE INDEX message_inReplyTo ON message(accountID, inReplyTo) WHERE inReplyTo IS NOT NULL;
            CREATE INDEX message_gmailThread ON message(accountID, gmailThreadID) WHERE gmailThreadID IS NOT NULL;
            CREATE INDEX message_thread ON message(threadID, date);
            -- Rows waiting for the full-text index.
            CREATE INDEX message_needsIndex ON message(id) WHERE needsIndex;

            CREATE TABLE messageBody (
                messageRowID INTEGER PRIMARY KEY REFERENCES message(id) ON DELETE CASCADE,
                bytes BLOB NOT NULL,
                text TEXT,
                byteCount INTEGER NOT NULL,
                lastAccess DOUBLE NOT NULL
            );
            CREATE INDEX messageBody_lru ON messageBody(lastAccess);
            CREATE TABLE messagePart (
                messageRowID INTEGER NOT NULL REFERENCES message(id) ON DELETE CASCADE,
                section TEXT NOT NULL,
                mimeType TEXT NOT NULL,
                fileName TEXT,
                contentID TEXT,
                size INTEGER NOT NULL,
                isAttachment BOOLEAN NOT NULL,
                PRIMARY KEY (messageRowID, section)
            ) WITHOUT ROWID;

            CREATE TABLE pendingChange (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                kind TEXT NOT NULL,
                folderID INTEGER NOT NULL REFERENCES folder(id) ON DELETE CASCADE,
                uidValidity INTEGER,
                uids TEXT NOT NULL,
                payload TEXT NOT NULL DEFAULT '',
                createdAt DOUBLE NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                lastError TEXT
            );
            CREATE INDEX pendingChange_folder ON pendingChange(folderID);
            """)
    }

    /// Exact per-folder counts, maintained in the same transaction as every write.
    /// (Since `v5-batch-insert-counts`, inserts are counted per batch instead.)
    private static func createCountTriggers(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TRIGGER message_count_insert AFTER INSERT ON message BEGIN
                UPDATE folder SET totalCount = totalCount + 1,
                                  unreadCount = unreadCount + ((NEW.flags & 1) = 0)
                WHERE id = NEW.folderID;
            END;
            CREATE TRIGGER message_count_delete AFTER DELETE ON message BEGIN
                UPDATE folder SET totalCount = totalCount - 1,
                                  unreadCount = unreadCount - ((OLD.flags & 1) = 0)
                WHERE id = OLD.folderID;
            END;
            CREATE TRIGGER message_count_flags AFTER UPDATE OF flags ON message
            WHEN (OLD.flags & 1) != (NEW.flags & 1) BEGIN
                UPDATE folder SET unreadCount = unreadCount + ((NEW.flags & 1) = 0) - ((OLD.flags & 1) = 0)
                WHERE id = NEW.folderID;
            END;
            """)
    }

    /// Full-text search.
    ///
    /// Choice: an ordinary FTS5 table (it keeps its own copy of the indexed text)
    /// whose rowid is `message.id`, filled in batches by `MailCache.indexPending`
    /// instead of by insert triggers. Why:
    /// - Triggers would tokenise every header inside sync's write transactions
    ///   (about 4 s per 100,000 rows here); batching keeps header sync fast and
    ///   lets the index catch up afterwards. `message.needsIndex` marks the backlog.
    /// - External-content and contentless tables need the *old* column values to
    ///   delete a row, and the system SQLite (3.40) predates `contentless_delete`,
    ///   so deleting a message would require re-reading it inside the delete.
    ///   With an ordinary FTS5 table a delete is just `DELETE … WHERE rowid = ?`.
    /// - Deletes are deferred too: a trigger records the row id of every deleted
    ///   message in `searchGarbage` (cheap), and `indexPending`
    ///   purges them. Message ids are AUTOINCREMENT, never reused, and searches
    ///   join `message`, so a not-yet-purged row can never produce a wrong hit.
    private static func createSearch(_ db: Database) throws {
        try db.execute(sql: """
            CREATE VIRTUAL TABLE messageSearch USING fts5(
                subject, addresses, snippet, body,
                tokenize = 'unicode61 remove_diacritics 2'
            );
            CREATE TABLE searchGarbage (rowid INTEGER PRIMARY KEY);
            CREATE TRIGGER message_search_delete AFTER DELETE ON message BEGIN
                INSERT OR IGNORE INTO searchGarbage(rowid) VALUES (OLD.id);
            END;
            """)
    }

    /// The raw start of a message's first text part, kept from the header
    /// FETCH until its snippet is made (off the first sync's critical path,
    /// like the search index).
    static func createSnippetSources(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE snippetSource (
                messageRowID INTEGER PRIMARY KEY REFERENCES message(id) ON DELETE CASCADE,
                source BLOB NOT NULL
            );
            """)
    }

    /// Search ranks its full-text matches newest first: (id, date, uid) in an index of
    /// their own lets it read a few bytes per match instead of a whole message row (a
    /// common word with 12,500 matches among 100,000 messages: 18 ms down to 7 ms).
    static func createSearchOrderIndex(_ db: Database) throws {
        try db.execute(sql: "CREATE INDEX message_searchOrder ON message(id, date, uid)")
    }

    /// A Gmail message seen in several labels is found by its X-GM-MSGID: when new UIDs
    /// arrive (copies already cached elsewhere) and when a body is looked for.
    static func createGmailMessageIndex(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX message_gmailMessage ON message(accountID, gmailMessageID) WHERE gmailMessageID IS NOT NULL
            """)
    }

    /// New messages are counted once per batch by `MailCache.upsertMessages` (the only
    /// code that inserts into `message`), in the insert's transaction, instead of by a
    /// trigger per row: the trigger's UPDATE of the folder row, and the statement journal
    /// a trigger makes SQLite keep, were about a quarter of a first sync's writing time.
    /// Deletes and flag changes keep their triggers (they touch few rows at a time).
    static func countInsertsPerBatch(_ db: Database) throws {
        try db.execute(sql: "DROP TRIGGER message_count_insert")
    }
}
