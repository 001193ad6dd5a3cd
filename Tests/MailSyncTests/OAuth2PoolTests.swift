import Foundation
import IMAPClient
import MailStore
import TernTestSupport
import Testing
@testable import MailSync

/// OAuth2 through the pool: a Gmail-like scripted IMAP server that accepts a
/// token only while the local token endpoint says it is live, on a manual
/// clock shared by the endpoint and the provider.
@Suite struct OAuth2PoolTests {
    /// 8 simulated hours; 4 connections, half of them reconnecting every 5
    /// minutes; a dozen commands per step. One refresh per token lifetime, and
    /// never an AUTHENTICATE with a dead token.
    @Test func eightHoursOfReconnectsMakeOneRefreshPerTokenLifetime() async throws {
        let clock = ManualClock()
        try await OAuth2Test.withGmail(clock: clock) { tokenServer, log, imap in
            let tokens = OAuth2Test.provider(tokenServer, clock: clock)
            try await withThrowingTaskGroup(of: Void.self) { background in
                background.addTask { await tokens.run() }
                try await PoolTest.withPool([OAuth2Test.endpoint(imap, provider: tokens)]) { pool in
                    let step: Duration = .seconds(5 * 60)
                    var commands = 0
                    for index in 0..<96 {  // 96 × 5 minutes = 8 hours
                        commands += try await Self.busyStep(pool, reconnect: index % 2 == 0)
                        clock.advance(by: step)
                        try await clock.waitForSleepers(1)  // run() refreshed if it was time
                    }
                    #expect(commands >= 96 * 12)
                }
                background.cancelAll()
            }
            print("8 simulated hours: \(tokenServer.refreshCount) refreshes, \(log.attempts.count) logins, 0 refused")
            let lifetimes = 8 * 60 / 50 + 1  // one token per (60 − 10) minutes, and the first
            #expect(tokenServer.refreshCount <= lifetimes)
            #expect(tokenServer.refreshCount >= 8)
            #expect(log.rejections == 0, "no AUTHENTICATE ever used an expired token")
            #expect(log.attempts.count > 4 * tokenServer.refreshCount, "many connections per token")
            #expect(await tokens.refreshRequests == tokenServer.refreshCount)
        }
    }

    /// Four workers at once: each runs three commands; with `reconnect`, two
    /// of them close their connection so the pool opens a new one.
    static func busyStep(_ pool: ConnectionPool, reconnect: Bool) async throws -> Int {
        try await withThrowingTaskGroup(of: Int.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    let lease = try await PoolTest.warmLease(pool, account: "gmail")
                    var done = 0
                    for _ in 0..<3 {
                        try await lease.connection.noop()
                        done += 1
                    }
                    if reconnect, worker < 2 { await lease.connection.close() }
                    await pool.release(lease)
                    return done
                }
            }
            return try await group.reduce(0, +)
        }
    }

    /// The engine runs a provider's background refresh beside the pool and
    /// stops it at shutdown.
    @Test func theEngineRunsTheBackgroundRefreshUntilShutdown() async throws {
        let clock = ManualClock()
        try await OAuth2Test.withGmail(clock: clock) { tokenServer, _, imap in
            let tokens = OAuth2Test.provider(tokenServer, clock: clock)
            let engine = SyncEngine(accounts: [OAuth2Test.endpoint(imap, provider: tokens)], cache: try MailCache.openTemporary())
            try await withEngine(engine) { engine in
                await OAuth2Test.eventually("the engine registered the account") {
                    await engine.pool.snapshot().accounts.contains { $0.account == "gmail" }
                }
                _ = try await engine.pool.withConnection(account: "gmail") { imap in try await imap.noop() }
                try await clock.waitForSleepers(1)  // run() waits for the token's background time
                clock.advance(by: .seconds(50 * 60))
                await OAuth2Test.eventually("a background refresh") { tokenServer.refreshCount == 2 }
            }
            #expect(clock.sleeperCount == 0, "run() ended with the engine")
        }
    }

    @Test func concurrentLeasesAtExpiryMakeOneRefresh() async throws {
        let clock = ManualClock()
        try await OAuth2Test.withGmail(clock: clock) { tokenServer, log, imap in
            let tokens = OAuth2Test.provider(tokenServer, clock: clock)
            try await PoolTest.withPool([OAuth2Test.endpoint(imap, provider: tokens, maxConnections: 8)]) { pool in
                _ = try await Self.leaseAll(pool, count: 8, close: true)
                #expect(tokenServer.refreshCount == 1)
                clock.advance(by: .seconds(3600))
                _ = try await Self.leaseAll(pool, count: 8, close: true)
                #expect(tokenServer.refreshCount == 2, "eight connections at expiry, one refresh")
            }
            #expect(log.rejections == 0)
        }
    }

    /// Leases `count` connections at once (all new when the previous ones were closed).
    static func leaseAll(_ pool: ConnectionPool, count: Int, close: Bool) async throws -> Int {
        let leases = try await withThrowingTaskGroup(of: PoolLease.self) { group in
            for _ in 0..<count { group.addTask { try await PoolTest.warmLease(pool, account: "gmail") } }
            return try await group.reduce(into: [PoolLease]()) { $0.append($1) }
        }
        for lease in leases {
            if close { await lease.connection.close() }
            await pool.release(lease)
        }
        return leases.count
    }

    @Test func aRevokedRefreshTokenFailsTheAccountOnceWithAClearError() async throws {
        let clock = ManualClock()
        try await OAuth2Test.withGmail(clock: clock) { tokenServer, log, imap in
            tokenServer.revokeRefreshToken(OAuth2Test.refreshToken)
            let tokens = OAuth2Test.provider(tokenServer, clock: clock)
            try await PoolTest.withPool([OAuth2Test.endpoint(imap, provider: tokens)]) { pool in
                for _ in 0..<5 {
                    let reason = await OAuth2Test.authenticationFailure(pool)
                    #expect(reason.contains("invalid_grant"))
                    #expect(reason.contains("tern auth gmail"))
                    #expect(!reason.contains(OAuth2Test.refreshToken))
                }
                #expect(await pool.snapshot().accounts.first?.authenticationFailed == true)
            }
            #expect(tokenServer.refreshCount == 1, "one request, not a loop")
            #expect(log.attempts.isEmpty, "no AUTHENTICATE without a token")
        }
    }

    @Test func aRefusedAccessTokenIsRefreshedOnceAndRetriedOnce() async throws {
        let clock = ManualClock()
        try await OAuth2Test.withGmail(clock: clock) { tokenServer, log, imap in
            let tokens = OAuth2Test.provider(tokenServer, clock: clock)
            _ = try await tokens.credential()
            tokenServer.revokeAccessTokens()  // the server drops it early (password change)
            try await PoolTest.withPool([OAuth2Test.endpoint(imap, provider: tokens)]) { pool in
                let lease = try await PoolTest.warmLease(pool, account: "gmail")
                try await lease.connection.noop()
                await pool.release(lease)
            }
            #expect(log.attempts.map(\.accepted) == [false, true])
            #expect(tokenServer.refreshCount == 2)
        }
    }

    @Test func aServerThatRefusesEveryTokenGivesOneClearError() async throws {
        let clock = ManualClock()
        try await OAuth2Test.withGmail(clock: clock, accept: { _ in false }) { tokenServer, log, imap in
            let tokens = OAuth2Test.provider(tokenServer, clock: clock)
            try await PoolTest.withPool([OAuth2Test.endpoint(imap, provider: tokens)]) { pool in
                for _ in 0..<3 {
                    let reason = await OAuth2Test.authenticationFailure(pool)
                    #expect(reason.contains("Invalid credentials"))
                    #expect(reason.contains("refreshed"))
                }
            }
            #expect(log.attempts.count == 2, "one retry, not a loop")
            #expect(tokenServer.refreshCount == 2)
        }
    }
}
