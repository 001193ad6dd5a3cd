import Foundation
import Testing
@testable import MailStore

/// A cache in a fresh temporary directory, with one account and helpers to make
/// headers; the directory is removed by `remove()`.
struct TestCache {
    let cache: MailCache
    let directory: String

    init(bodyBudget: Int64 = MailCache.defaultBodyBudget) throws {
        cache = try MailCache.openTemporary(bodyBudget: bodyBudget)
        directory = (cache.path as NSString).deletingLastPathComponent
    }

    func remove() {
        try? cache.close()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// An account "work" with INBOX (UIDVALIDITY 7) and Sent.
    func seed() async throws -> (account: AccountID, inbox: FolderID, sent: FolderID) {
        let account = try await cache.upsertAccount(name: "work")
        try await cache.upsertFolders(account: account, [
            ListedFolder(name: "INBOX"), ListedFolder(name: "Sent", attributes: ["\\Sent"]),
        ])
        let inbox = try #require(try cache.folder(account: account, name: "INBOX")).id
        let sent = try #require(try cache.folder(account: account, name: "Sent")).id
        return (account, inbox, sent)
    }
}

let validity = UIDValidity(7)

/// A header with sensible defaults; `day` orders messages by date.
func header(
    _ uid: Int64, day: Double? = nil, seen: Bool = false, subject: String? = nil,
    messageID: String? = nil, inReplyTo: String? = nil, references: [String] = [],
    from: String = "alice@example.com", snippet: String = ""
) -> FetchedHeader {
    FetchedHeader(
        uid: MessageUID(uid), date: Date(timeIntervalSince1970: 1_700_000_000 + (day ?? Double(uid)) * 86_400),
        messageID: messageID ?? "m\(uid)@example.com", inReplyTo: inReplyTo, references: references,
        from: [CachedAddress(name: "Alice", email: from)], to: [CachedAddress(email: "me@example.com")],
        subject: subject ?? "Message \(uid)", flags: seen ? [.seen] : [], size: 1000 + uid, snippet: snippet)
}
