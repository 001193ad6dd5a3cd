import GRDB

/// Puts newly inserted messages into local threads, inside the insert transaction.
///
/// A message joins the thread of the first already-threaded message of the same
/// account that shares its Gmail thread id, its own Message-ID (the same message
/// in another folder), its In-Reply-To or one of its References (newest first).
/// Otherwise it starts a thread whose id is its own row id. When a parent arrives
/// after its replies, the replies' threads are merged into the parent's.
struct Threader {
    private let byGmailThread: DirectStatement
    private let byMessageID: DirectStatement
    private let hasReplyElsewhere: DirectStatement
    private let foldReplies: DirectStatement

    /// How many References are looked up at most (long chains add nothing).
    private static let maxReferences = 20

    init(db: Database, account: AccountID) throws {
        byGmailThread = try DirectStatement(db, sql: """
            SELECT threadID FROM message
            WHERE accountID = ?1 AND gmailThreadID = ?2 AND threadID IS NOT NULL LIMIT 1
            """)
        byMessageID = try DirectStatement(db, sql: """
            SELECT threadID FROM message
            WHERE accountID = ?1 AND messageID = ?2 AND threadID IS NOT NULL LIMIT 1
            """)
        hasReplyElsewhere = try DirectStatement(db, sql: """
            SELECT 1 FROM message WHERE accountID = ?1 AND inReplyTo = ?2 AND threadID != ?3 LIMIT 1
            """)
        foldReplies = try DirectStatement(db, sql: """
            UPDATE message SET threadID = ?1
            WHERE threadID IN (SELECT threadID FROM message
                               WHERE accountID = ?2 AND inReplyTo = ?3 AND threadID != ?1)
            """)
        try byGmailThread.bind(account.rawValue, at: 1)
        try byMessageID.bind(account.rawValue, at: 1)
        try hasReplyElsewhere.bind(account.rawValue, at: 1)
        try foldReplies.bind(account.rawValue, at: 2)
    }

    /// The thread a new message joins, or nil when it starts one.
    func existingThread(for header: FetchedHeader) throws -> Int64? {
        if let gmailThread = header.gmailThreadID {
            try byGmailThread.bind(gmailThread, at: 2)
            if let thread = try byGmailThread.fetchInt64() { return thread }
        }
        if let own = header.messageID, let found = try lookUp(own) { return found }
        if let parent = header.inReplyTo, let found = try lookUp(parent) { return found }
        // The newest reference is usually the parent, already looked up.
        for reference in header.references.reversed().prefix(Self.maxReferences) where reference != header.inReplyTo {
            if let found = try lookUp(reference) { return found }
        }
        return nil
    }

    private func lookUp(_ messageID: String) throws -> Int64? {
        guard !messageID.isEmpty else { return nil }
        try byMessageID.bind(messageID, at: 2)
        return try byMessageID.fetchInt64()
    }

    /// Replies that arrived before this message: their threads fold into `thread`.
    /// Usually there are none (a folder arrives oldest first), so a cheap read
    /// looks for one before the UPDATE runs.
    func foldEarlierReplies(to header: FetchedHeader, into thread: Int64) throws {
        guard let own = header.messageID, !own.isEmpty else { return }
        try hasReplyElsewhere.bind(own, at: 2)
        try hasReplyElsewhere.bind(thread, at: 3)
        guard try hasReplyElsewhere.exists() else { return }
        try foldReplies.bind(thread, at: 1)
        try foldReplies.bind(own, at: 3)
        try foldReplies.execute()
    }
}
