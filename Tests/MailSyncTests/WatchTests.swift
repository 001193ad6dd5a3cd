import Foundation
import IMAPClient
import IMAPCodec
import MailStore
import NIOCore
import Testing
import TernTestSupport
@testable import MailSync

/// IDLE watchers against the real Dovecot: arrivals, re-issue, a killed
/// connection, polling fallbacks, NOTIFY, bursts.
@Suite struct WatchTests {
    static func append(_ server: DovecotServer, _ user: String, to folder: String = "INBOX", seed: UInt64, count: Int = 1) async throws {
        let messages = MessageFactory(seed: seed).messages(0..<count)
        try await server.admin(user) { imap in
            for message in messages {
                try await imap.append(ByteBuffer(bytes: message.raw), to: MailboxName(displayName: folder))
            }
        }
    }

    @Test func anAppendFromAnotherClientIsCachedAndAnnounced() async throws {
        try await DovecotServer.withServer(DovecotServer.Options(userCount: 1)) { server in
            try await server.seed(user: "alice", messages: MessageFactory(seed: 1).messages(0..<3))
            let cache = try MailCache.openTemporary()
            let engine = SyncEngine(accounts: [server.syncEndpoint("alice")], cache: cache)
            try await withWatchingEngine(engine, folders: ["alice": ["INBOX"]], configuration: fastWatchConfiguration()) { engine, log in
                _ = try await log.wait(for: "IDLE on INBOX") { $0.isMode("idle", folder: "INBOX") }
                _ = try await log.wait(for: "the catch-up sync") { if case .folderUpdated = $0 { return true } else { return false } }
                try await Self.append(server, "alice", seed: 50)
                let event = try await log.wait(for: "new mail") { $0.newMail(in: "INBOX") != nil }
                #expect(event.newMail(in: "INBOX") == [MessageUID(4)])
                #expect(try SyncTestState.cacheState(cache, account: "alice", folder: "INBOX").count == 4)
                let status = try #require(await engine.watchStatuses().first)
                #expect(status.mode == .idle)
                #expect(status.latency.count == 1)
                #expect(status.latency.last.map { $0 > .zero && $0 < .seconds(10) } == true)
            }
        }
    }

    @Test func idleIsReissuedAndKeepsWorking() async throws {
        try await DovecotServer.withServer(DovecotServer.Options(userCount: 1)) { server in
            let cache = try MailCache.openTemporary()
            let engine = SyncEngine(accounts: [server.syncEndpoint("alice")], cache: cache)
            let configuration = fastWatchConfiguration(reissue: .milliseconds(400))
            try await withWatchingEngine(engine, folders: ["alice": ["INBOX"]], configuration: configuration) { engine, log in
                _ = try await log.wait(for: "IDLE on INBOX") { $0.isMode("idle", folder: "INBOX") }
                try await Self.waitForFirstSyncs(engine)
                try await Task.sleep(for: .seconds(2))  // several re-issues
                try await Self.append(server, "alice", seed: 51)
                _ = try await log.wait(for: "new mail after re-issues") { $0.newMail(in: "INBOX") != nil }
                #expect(!(await log.events).contains { $0.isMode("reconnecting", folder: "INBOX") },
                        "DONE and IDLE again on the same connection, no reconnect")
                #expect(await engine.watchStatuses().first?.mode == .idle)
            }
        }
    }

    @Test func aKilledIdleConnectionIsReconnectedAndWhatArrivedMeanwhileAppears() async throws {
        try await DovecotServer.withServer(DovecotServer.Options(userCount: 1)) { server in
            let cache = try MailCache.openTemporary()
            let engine = SyncEngine(accounts: [server.syncEndpoint("alice")], cache: cache)
            try await withWatchingEngine(engine, folders: ["alice": ["INBOX"]], configuration: fastWatchConfiguration()) { _, log in
                _ = try await log.wait(for: "IDLE on INBOX") { $0.isMode("idle", folder: "INBOX") }
                try await server.kick(user: "alice")
                try await Self.append(server, "alice", seed: 52, count: 2)
                _ = try await log.wait(for: "reconnecting") { $0.isMode("reconnecting", folder: "INBOX") }
                _ = try await log.wait(for: "IDLE again") { $0.isMode("idle", folder: "INBOX") }
                try await Self.waitUntil("both messages cached") {
                    try SyncTestState.cacheState(cache, account: "alice", folder: "INBOX").count == 2
                }
            }
        }
    }

    @Test func aServerWithoutIdleIsPolled() async throws {
        try await DovecotServer.withServer(DovecotServer.Options(userCount: 1, idle: false)) { server in
            let cache = try MailCache.openTemporary()
            let engine = SyncEngine(accounts: [server.syncEndpoint("alice")], cache: cache)
            try await withWatchingEngine(engine, folders: ["alice": ["INBOX"]], configuration: fastWatchConfiguration()) { engine, log in
                _ = try await log.wait(for: "polling") { $0.isMode("polling", folder: "INBOX") }
                try await Self.waitForFirstSyncs(engine)
                try await Self.append(server, "alice", seed: 53)
                _ = try await log.wait(for: "new mail by polling") { $0.newMail(in: "INBOX") != nil }
                guard case .polling(let reason)? = await engine.watchStatuses().first?.mode else {
                    Issue.record("not polling")
                    return
                }
                #expect(reason.contains("no IDLE"))
            }
        }
    }

    @Test func foldersBeyondTheConnectionBudgetArePolled() async throws {
        try await DovecotServer.withServer(DovecotServer.Options(userCount: 1)) { server in
            let cache = try MailCache.openTemporary()
            let engine = SyncEngine(accounts: [server.syncEndpoint("alice", maxConnections: 2)], cache: cache)
            let configuration = fastWatchConfiguration(notify: false)
            try await withWatchingEngine(engine, folders: ["alice": ["Archive", "INBOX"]], configuration: configuration) { engine, log in
                _ = try await log.wait(for: "IDLE on INBOX") { $0.isMode("idle", folder: "INBOX") }
                let modes = await engine.watchStatuses().map { "\($0.folder)=\($0.mode.name)" }
                #expect(modes == ["INBOX=idle", "Archive=polling"], "INBOX first; one connection stays free for syncs")
                try await Self.waitForFirstSyncs(engine)
                try await Self.append(server, "alice", to: "Archive", seed: 54)
                _ = try await log.wait(for: "new mail in Archive by polling") { $0.newMail(in: "Archive") != nil }
            }
        }
    }

    @Test func expungesAndFlagChangesMadeElsewhereReachTheCache() async throws {
        try await DovecotServer.withServer(DovecotServer.Options(userCount: 1)) { server in
            try await server.seed(user: "alice", messages: MessageFactory(seed: 2).messages(0..<6))
            let cache = try MailCache.openTemporary()
            let engine = SyncEngine(accounts: [server.syncEndpoint("alice")], cache: cache)
            try await withWatchingEngine(engine, folders: ["alice": ["INBOX"]], configuration: fastWatchConfiguration()) { _, log in
                _ = try await log.wait(for: "IDLE on INBOX") { $0.isMode("idle", folder: "INBOX") }
                try await Self.waitUntil("the catch-up sync") {
                    try SyncTestState.cacheState(cache, account: "alice", folder: "INBOX").count == 6
                }
                try await server.admin("alice") { imap in
                    _ = try await imap.select(.inbox)
                    try await imap.uidStore(UIDSet(UID(1)), .add([.flagged, .seen]))
                    try await imap.uidStore(UIDSet(UID(2)), .add([.deleted]))
                    try await imap.uidExpunge(UIDSet(UID(2)))
                }
                let expected = try await server.serverState("alice", folder: "INBOX")
                try await Self.waitUntil("the cache to match the server") {
                    try SyncTestState.cacheState(cache, account: "alice", folder: "INBOX") == expected
                }
            }
        }
    }

    @Test func notifyWatchesSeveralFoldersOnOneConnection() async throws {
        try await DovecotServer.withServer(DovecotServer.Options(userCount: 1)) { server in
            let cache = try MailCache.openTemporary()
            let engine = SyncEngine(accounts: [server.syncEndpoint("alice", maxConnections: 2)], cache: cache)
            try await withWatchingEngine(engine, folders: ["alice": ["INBOX", "Archive", "Sent"]],
                                         configuration: fastWatchConfiguration()) { engine, log in
                _ = try await log.wait(for: "NOTIFY") { $0.isMode("notify", folder: "Sent") }
                #expect(await engine.watchStatuses().map(\.mode.name) == ["notify", "notify", "notify"])
                try await Self.waitForFirstSyncs(engine)
                try await Self.append(server, "alice", to: "Archive", seed: 55)
                _ = try await log.wait(for: "new mail in Archive") { $0.newMail(in: "Archive") != nil }
                try await Self.append(server, "alice", to: "INBOX", seed: 56)
                _ = try await log.wait(for: "new mail in INBOX") { $0.newMail(in: "INBOX") != nil }
                let snapshot = await engine.pool.snapshot()["alice"]
                #expect(snapshot?.idling == 1, "one IDLE connection for three folders")
            }
        }
    }

    @Test func aBurstOfArrivalsCostsAFewSyncsNotOneEach() async throws {
        try await DovecotServer.withServer(DovecotServer.Options(userCount: 1)) { server in
            let cache = try MailCache.openTemporary()
            let engine = SyncEngine(accounts: [server.syncEndpoint("alice")], cache: cache)
            try await withWatchingEngine(engine, folders: ["alice": ["INBOX"]], configuration: fastWatchConfiguration()) { engine, log in
                _ = try await log.wait(for: "IDLE on INBOX") { $0.isMode("idle", folder: "INBOX") }
                try await Self.waitForFirstSyncs(engine)
                let before = await engine.watchStatuses().first?.syncs ?? 0
                // A hundred arrivals at once (as a delivery agent drops them into the Maildir).
                try await server.seed(user: "alice", messages: MessageFactory(seed: 57).messages(0..<100))
                try await Self.waitUntil("all 100 cached") {
                    try SyncTestState.cacheState(cache, account: "alice", folder: "INBOX").count == 100
                }
                try await Task.sleep(for: .seconds(1))  // let any trailing sync finish
                let syncs = (await engine.watchStatuses().first?.syncs ?? 0) - before
                #expect(syncs >= 1 && syncs <= 3, "100 arrivals took \(syncs) syncs")
            }
        }
    }

    /// Waits until every watched folder had its first (catch-up) sync, so a
    /// message appended next is new mail, not part of a first sync.
    static func waitForFirstSyncs(_ engine: SyncEngine) async throws {
        try await waitUntil("the first syncs") {
            let statuses = await engine.watchStatuses()
            return !statuses.isEmpty && statuses.allSatisfy { $0.syncs >= 1 }
        }
    }

    /// Polls `condition` until it holds (up to `timeout`).
    static func waitUntil(_ what: String, timeout: Duration = .seconds(20), _ condition: () async throws -> Bool) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw WaitTimedOut(description: "timed out waiting for \(what)")
    }
}
