import Foundation
import Logging
import IMAPClient
import MailStore
import MailSync
import TernTestSupport

/// Runs the first sync of a 10,000-message folder once, for a profiler:
/// `perf record -g .build/release/SyncProfile`.
@main
struct SyncProfile {
    static func main() async throws {
        try await profile()
    }

    nonisolated static func profile() async throws {
        let server = try await DovecotServer.start(DovecotServer.Options(userCount: 1))
        try await server.seed(user: "alice", mailbox: "Big", messages: MessageFactory(seed: 42).messages(0..<10_000))
        let configuration = ConnectionConfiguration(host: server.host, port: server.plainPort, security: .plain)
        for round in 0..<3 {
            let cache = try MailCache.openTemporary()
            let account = try await cache.upsertAccount(name: "alice")
            try await cache.upsertFolders(account: account, [ListedFolder(name: "Big")])
            guard let folder = try cache.folder(account: account, name: "Big") else { return }
            let clock = ContinuousClock()
            let elapsed = try await IMAPConnection.withConnection(configuration) { imap in
                try await imap.login(username: "alice", password: "secret-alice")
                _ = try await imap.enable([.qresync])
                let start = clock.now
                var logger = Logger(label: "profile")
                logger.logLevel = .trace
                _ = try await FolderSyncer(cache: cache, account: "alice", logger: logger).sync(folder: folder, connection: imap)
                return clock.now - start
            }
            print("round \(round): \(elapsed)")
            try? FileManager.default.removeItem(atPath: cache.path)
        }
        try await server.stop()
    }
}
