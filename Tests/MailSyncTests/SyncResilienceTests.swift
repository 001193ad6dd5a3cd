import Foundation
import IMAPClient
import IMAPCodec
import MailStore
import NIOConcurrencyHelpers
import Testing
import TernTestSupport
@testable import MailSync

/// Sync survives the server dropping it, and the folder list is cached.
@Suite struct SyncResilienceTests {
    @Test func aConnectionKilledMidSyncIsReplacedAndTheSyncCompletes() async throws {
        try await DovecotServer.withServer(DovecotServer.Options(userCount: 1)) { server in
            try await server.seed(user: "alice", messages: MessageFactory(seed: 5).messages(0..<3_000))
            let cache = try MailCache.openTemporary()
            var configuration = SyncEngine.Configuration()
            configuration.batchSize = 100
            let engine = SyncEngine(accounts: [server.syncEndpoint("alice")], cache: cache, configuration: configuration)
            try await withEngine(engine) { engine in
                let kicked = try await withThrowingTaskGroup(of: Bool.self) { group in
                    group.addTask {
                        for await event in engine.events {
                            if case .progress(_, "INBOX", let fetched) = event, fetched >= 100 {
                                try await server.kick(user: "alice")
                                return true
                            }
                        }
                        return false
                    }
                    let reports = await engine.syncAll()
                    #expect(reports.first?.succeeded == true, "\(reports.first?.error ?? "") \(reports.first?.failedFolders ?? [])")
                    let kicked = try await group.next() ?? false
                    group.cancelAll()
                    return kicked
                }
                #expect(kicked, "the server dropped the connection during the fetch")
                let expected = try await server.serverState("alice", folder: "INBOX")
                #expect(expected.count == 3_000)
                #expect(try SyncTestState.cacheState(cache, account: "alice", folder: "INBOX") == expected)
                #expect(await engine.pool.resetGeneration(account: "alice") >= 1, "the pool saw the dropped connection")
            }
        }
    }

    @Test func theFolderListIsCachedForItsTTLAndRefreshedAfterAReset() async throws {
        try await DovecotServer.withServer(DovecotServer.Options(userCount: 1)) { server in
            let elapsed = LockedClock()
            let lists = FolderListCache(ttl: .seconds(300), now: { elapsed.now })
            let pool = ConnectionPool()
            try await pool.add(server.syncEndpoint("alice"))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await pool.run() }
                let first = try await lists.folders(account: "alice", pool: pool)
                #expect(first.contains { $0.name == "INBOX" } && first.contains { $0.role == .archive })
                _ = try await lists.folders(account: "alice", pool: pool)
                elapsed.advance(by: .seconds(299))
                _ = try await lists.folders(account: "alice", pool: pool)
                #expect(await lists.listCount["alice"] == 1, "LIST is skipped within the TTL")

                elapsed.advance(by: .seconds(2))
                _ = try await lists.folders(account: "alice", pool: pool)
                #expect(await lists.listCount["alice"] == 2, "the TTL passed")

                // A connection of the account is reset: the list may be stale.
                let lease = try await pool.lease(account: "alice")
                await lease.connection.close()
                await pool.release(lease)
                _ = try await lists.folders(account: "alice", pool: pool)
                #expect(await lists.listCount["alice"] == 3, "refreshed after the reset")
                _ = try await lists.folders(account: "alice", pool: pool)
                #expect(await lists.listCount["alice"] == 3)

                await pool.shutdown()
                try await group.waitForAll()
            }
        }
    }
}

/// A settable monotonic reading for TTL tests.
final class LockedClock: Sendable {
    private let value = NIOLockedValueBox<Duration>(.zero)
    var now: Duration { value.withLockedValue { $0 } }
    func advance(by duration: Duration) { value.withLockedValue { $0 += duration } }
}
