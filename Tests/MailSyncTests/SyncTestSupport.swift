import Foundation
import IMAPClient
import IMAPCodec
import MailStore
import NIOCore
import TernTestSupport
@testable import MailSync

/// What the sync tests share: endpoints for the fixture's users, an admin
/// session that changes the server behind the client's back, and the
/// server's and the cache's view of a folder in one comparable shape.
extension DovecotServer {
    func syncConnection() -> ConnectionConfiguration {
        ConnectionConfiguration(host: host, port: plainPort, security: .plain,
                                connectTimeout: .seconds(5), commandTimeout: .seconds(20))
    }

    /// The account `name` logging in as `user` (its password, unless `password` overrides it).
    func syncEndpoint(_ user: String, name: String? = nil, password: String? = nil, maxConnections: Int = 3) -> AccountEndpoint {
        AccountEndpoint(name: name ?? user, connection: syncConnection(), username: user,
                        credentials: StaticPassword(password ?? "secret-\(user)"), maxConnections: maxConnections)
    }

    /// A separate session as `user`: the "other client" that changes the mailbox.
    func admin<R: Sendable>(_ user: String, _ body: (IMAPConnection) async throws -> R) async throws -> R {
        try await IMAPConnection.withConnection(syncConnection()) { imap in
            try await imap.login(username: user, password: "secret-\(user)")
            return try await body(imap)
        }
    }

    /// Every message of a folder on the server: UID → flags (system flags and keywords).
    func serverState(_ user: String, folder: String) async throws -> [Int64: Set<String>] {
        try await admin(user) { imap in
            let selected = try await imap.examine(MailboxName(displayName: folder))
            guard selected.exists > 0 else { return [:] }
            let fetched = try await imap.uidFetch(.all, items: [.uid, .flags])
            var state: [Int64: Set<String>] = [:]
            for message in fetched {
                guard let uid = message.uid else { continue }
                let (flags, keywords) = MessageFlags.parse((message.flags ?? []).map(\.description))
                state[Int64(uid.rawValue)] = SyncTestState.names(flags, keywords)
            }
            return state
        }
    }
}

enum SyncTestState {
    static func names(_ flags: MessageFlags, _ keywords: [String]) -> Set<String> {
        var names = Set(keywords)
        if flags.contains(.seen) { names.insert("\\Seen") }
        if flags.contains(.answered) { names.insert("\\Answered") }
        if flags.contains(.flagged) { names.insert("\\Flagged") }
        if flags.contains(.deleted) { names.insert("\\Deleted") }
        if flags.contains(.draft) { names.insert("\\Draft") }
        if flags.contains(.forwarded) { names.insert("$Forwarded") }
        return names
    }

    /// The cache's view of a folder, in the shape of `serverState`.
    static func cacheState(_ cache: MailCache, account: String, folder: String) throws -> [Int64: Set<String>] {
        guard let accountRecord = try cache.account(named: account),
              let folderRecord = try cache.folder(account: accountRecord.id, name: folder) else { return [:] }
        var state: [Int64: Set<String>] = [:]
        for message in try cache.messagePage(folder: folderRecord.id, limit: 1_000_000) {
            state[message.uid.rawValue] = names(message.flags, message.keywords)
        }
        return state
    }
}

/// Runs an engine for the duration of `body` and shuts it down after.
func withEngine<R: Sendable>(_ engine: SyncEngine, _ body: (SyncEngine) async throws -> R) async throws -> R {
    try await withThrowingTaskGroup(of: R?.self) { group in
        group.addTask {
            await engine.run()
            return nil
        }
        do {
            let result = try await body(engine)
            await engine.shutdown()
            try await group.waitForAll()
            return result
        } catch {
            await engine.shutdown()
            try? await group.waitForAll()
            throw error
        }
    }
}
