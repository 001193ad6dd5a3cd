import IMAPClient
import IMAPCodec
import MailStore

/// The LIST result of each account, kept for a TTL so a sync does not ask
/// the server for the folder list every time.
///
/// An entry is void when its TTL has passed or when the pool reports that a
/// connection of the account was reset since (a server that dropped us may
/// have changed its folders). Concurrent callers for one account share one
/// LIST.
public actor FolderListCache {
    private struct Entry {
        var folders: [ListedFolder]
        var fetchedAt: Duration
        var generation: Int
    }

    private let ttl: Duration
    private let now: @Sendable () -> Duration
    private var entries: [String: Entry] = [:]
    private var inFlight: [String: Task<Entry, any Error>] = [:]
    /// LIST commands sent per account (the pool pane and tests read it).
    public private(set) var listCount: [String: Int] = [:]

    /// - Parameters:
    ///   - ttl: how long a LIST result is trusted (default 5 minutes).
    ///   - now: a monotonic clock reading; injected so tests pass the TTL without sleeping.
    public init(ttl: Duration = .seconds(300), now: (@Sendable () -> Duration)? = nil) {
        self.ttl = ttl
        if let now {
            self.now = now
        } else {
            let clock = ContinuousClock()
            let origin = clock.now
            self.now = { clock.now - origin }
        }
    }

    /// The account's folders: from the cache while valid, otherwise by LIST
    /// on a pooled connection.
    public func folders(account: String, pool: ConnectionPool, refresh: Bool = false) async throws -> [ListedFolder] {
        let generation = await pool.resetGeneration(account: account)
        if !refresh, let entry = entries[account], entry.generation == generation, now() - entry.fetchedAt < ttl {
            return entry.folders
        }
        if let running = inFlight[account] { return try await running.value.folders }
        let now = self.now
        let task = Task<Entry, any Error> {
            let folders = try await pool.withConnection(account: account) { connection in
                try await Self.list(connection)
            }
            return Entry(folders: folders, fetchedAt: now(), generation: generation)
        }
        inFlight[account] = task
        listCount[account, default: 0] += 1
        defer { inFlight[account] = nil }
        let entry = try await task.value
        entries[account] = entry
        return entry.folders
    }

    /// Forgets an account's list (the next call sends LIST).
    public func invalidate(account: String) {
        entries[account] = nil
    }

    /// LIST with the subscription state and roles when the server can return
    /// them in one command (LIST-EXTENDED, SPECIAL-USE).
    static func list(_ connection: IMAPConnection) async throws -> [ListedFolder] {
        let capabilities = await connection.capabilities
        var options: [ListReturnOption] = []
        let extended = capabilities.contains(.listExtended)
        if extended { options.append(.subscribed) }
        if capabilities.contains(.specialUse), extended { options.append(.specialUse) }
        let listings = try await connection.list(returnOptions: options)
        return listings.map { listing in
            ListedFolder(
                name: listing.name.displayName,
                delimiter: listing.delimiter.map(String.init),
                attributes: listing.attributes.map(wireName),
                subscribed: extended ? listing.attributes.contains(.subscribed) : true
            )
        }
    }

    /// The wire form of a LIST attribute, as the cache stores it.
    static func wireName(_ attribute: MailboxAttribute) -> String {
        switch attribute {
        case .noInferiors: return "\\Noinferiors"
        case .noSelect: return "\\Noselect"
        case .marked: return "\\Marked"
        case .unmarked: return "\\Unmarked"
        case .hasChildren: return "\\HasChildren"
        case .hasNoChildren: return "\\HasNoChildren"
        case .nonExistent: return "\\NonExistent"
        case .subscribed: return "\\Subscribed"
        case .remote: return "\\Remote"
        case .all: return "\\All"
        case .archive: return "\\Archive"
        case .drafts: return "\\Drafts"
        case .flagged: return "\\Flagged"
        case .junk: return "\\Junk"
        case .sent: return "\\Sent"
        case .trash: return "\\Trash"
        case .important: return "\\Important"
        case .other(let text): return text
        }
    }
}
