import Foundation
import MailStore

/// A cache holding 100,000 messages in INBOX (50 folders in all), fully
/// FTS-indexed, plus its size on disk. Built once per benchmark run and shared
/// by the query benchmarks.
actor CacheFixture {
    static let shared = CacheFixture()
    static let messageCount = 100_000
    static let batchSize = 1_000
    static let folderCount = 50
    static let validity = UIDValidity(7)

    struct Prepared: Sendable {
        let cache: MailCache
        let account: AccountID
        let inbox: FolderID
        /// The SQLite file's size after a clean close (WAL checkpointed), in bytes.
        let fileSize: Int
        /// How long `indexPending` took to FTS-index all the messages, once.
        let indexTime: Duration
    }

    private var prepared: Prepared?

    func prepare() async throws -> Prepared {
        if let prepared { return prepared }
        let built = try MailCache.openTemporary()
        let (account, inbox) = try await Self.populate(built)
        let clock = ContinuousClock()
        let indexStart = clock.now
        while try await built.indexPending(limit: 5_000) > 0 {}
        let indexTime = clock.now - indexStart
        let path = built.path
        try built.close()
        let size = Self.fileSize(path)
        let cache = try MailCache.open(path: path).cache
        let result = Prepared(cache: cache, account: account, inbox: inbox, fileSize: size, indexTime: indexTime)
        prepared = result
        return result
    }

    func stop() {
        guard let prepared else { return }
        try? prepared.cache.close()
        try? FileManager.default.removeItem(atPath: (prepared.cache.path as NSString).deletingLastPathComponent)
        self.prepared = nil
    }

    /// An account with 50 folders and `messageCount` headers in INBOX.
    static func populate(_ cache: MailCache) async throws -> (AccountID, FolderID) {
        let (account, inbox) = try await makeFolders(cache)
        for batch in batches {
            _ = try await cache.upsertMessages(folder: inbox, uidValidity: validity, batch)
        }
        return (account, inbox)
    }

    static func makeFolders(_ cache: MailCache) async throws -> (AccountID, FolderID) {
        let account = try await cache.upsertAccount(name: "bench")
        _ = try await cache.upsertFolders(
            account: account, (0..<folderCount).map { ListedFolder(name: $0 == 0 ? "INBOX" : "Folder \($0)") })
        guard let inbox = try cache.folder(account: account, name: "INBOX")?.id else {
            throw FixtureError.missingInbox
        }
        return (account, inbox)
    }

    static func fileSize(_ path: String) -> Int {
        ["", "-wal"].reduce(0) { total, suffix in
            total + ((try? FileManager.default.attributesOfItem(atPath: path + suffix)[.size] as? Int) ?? 0)
        }
    }

    /// The headers, in batches of `batchSize` (made once).
    static let batches: [[FetchedHeader]] = {
        let words = ["invoice", "meeting", "lunch", "report", "holiday", "budget", "release", "party"]
        return stride(from: 1, through: messageCount, by: batchSize).map { batchStart in
            (batchStart..<batchStart + batchSize).map { uid in
                let word = words[uid % words.count]
                let topic = words[(uid / 3) % words.count]
                let parent: String? = uid % 3 == 0 ? "bench-\(uid - 1)@example.com" : nil
                return FetchedHeader(
                    uid: MessageUID(rawValue: Int64(uid)),
                    date: Date(timeIntervalSince1970: 1_700_000_000 + Double(uid) / 100 * 86_400),
                    messageID: "bench-\(uid)@example.com", inReplyTo: parent,
                    from: [CachedAddress(name: "Sender \(uid % 500)", email: "sender\(uid % 500)@example.com")],
                    to: [CachedAddress(email: "me@example.com")],
                    subject: "\(word) number \(uid)", flags: uid % 7 != 0 ? [.seen] : [],
                    size: 1000 + Int64(uid), snippet: "A snippet of text for message \(uid) about the \(topic).")
            }
        }
    }()

    enum FixtureError: Error { case missingInbox }
}
