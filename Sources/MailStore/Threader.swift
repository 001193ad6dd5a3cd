import GRDB

/// Puts newly inserted messages into local threads, inside the insert transaction.
///
/// A message joins the thread of the first already-threaded message of the same
/// account that shares its Gmail thread id, its own Message-ID (the same message
/// in another folder), its In-Reply-To or one of its References (newest first).
/// Otherwise it starts a thread whose id is its own row id. When a parent arrives
/// after its replies, the replies' threads are merged into the parent's.
struct Threader {
    let db: Database
    let account: AccountID

    /// How many References are looked up at most (long chains add nothing).
    private static let maxReferences = 20

    /// The thread a new message joins, or nil when it starts one.
    func existingThread(for header: FetchedHeader) throws -> Int64? {
        if let gmailThread = header.gmailThreadID {
            let lookup = try db.cachedStatement(sql: """
                SELECT threadID FROM message
                WHERE accountID = ? AND gmailThreadID = ? AND threadID IS NOT NULL LIMIT 1
                """)
            if let thread = try Int64.fetchOne(lookup, arguments: [account, gmailThread]) { return thread }
        }
        var candidates: [String] = []
        if let own = header.messageID { candidates.append(own) }
        if let parent = header.inReplyTo { candidates.append(parent) }
        candidates.append(contentsOf: header.references.reversed().prefix(Self.maxReferences))
        let lookup = try db.cachedStatement(sql: """
            SELECT threadID FROM message
            WHERE accountID = ? AND messageID = ? AND threadID IS NOT NULL LIMIT 1
            """)
        for candidate in candidates where !candidate.isEmpty {
            if let found = try Int64.fetchOne(lookup, arguments: [account, candidate]) { return found }
        }
        return nil
    }

    /// Replies that arrived before this message: their threads fold into `thread`.
    func foldEarlierReplies(to header: FetchedHeader, into thread: Int64) throws {
        guard let own = header.messageID, !own.isEmpty else { return }
        try db.cachedStatement(sql: """
            UPDATE message SET threadID = :thread
            WHERE threadID IN (SELECT threadID FROM message
                               WHERE accountID = :account AND inReplyTo = :own AND threadID != :thread)
            """).execute(arguments: ["thread": thread, "account": account, "own": own])
    }
}
