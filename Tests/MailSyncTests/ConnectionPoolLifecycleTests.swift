import Foundation
import IMAPClient
import IMAPCodec
import TernTestSupport
import Testing
@testable import MailSync

/// Dead connections, health checks, idle cleanup, reconnecting, rejected
/// credentials, the per-host setup limit and shutdown, against a private
/// Dovecot per test.
@Suite(.enabled(if: DovecotServer.isAvailable)) struct ConnectionPoolLifecycleTests {
    @Test func aConnectionClosedDuringALeaseIsReplacedOnTheNextLease() async throws {
        try await DovecotServer.withServer(.init(userCount: 1)) { server in
            try await PoolTest.withPool([server.poolEndpoint("alice", maxConnections: 1)]) { pool in
                let broken = try await pool.withConnection(account: "alice") { imap in
                    await imap.close()
                    return imap
                }
                #expect(await pool.resetGeneration(account: "alice") == 1)
                let replacement = try await pool.withConnection(account: "alice") { imap in
                    try await imap.noop()
                    return imap
                }
                #expect(replacement !== broken)
                let snapshot = try #require(await pool.snapshot()["alice"])
                #expect(snapshot.connectionsOpened == 2 && snapshot.inUse == 0)
                #expect(snapshot.reusedLeases == 0)
            }
        }
    }

    @Test func aConnectionKickedByTheServerIsReplacedInvisibly() async throws {
        try await DovecotServer.withServer(.init(userCount: 1)) { server in
            try await PoolTest.withPool([server.poolEndpoint("alice", maxConnections: 1)]) { pool in
                // Kicked while idle in the pool.
                let first = try await pool.withConnection(account: "alice") { imap in
                    try await imap.noop()
                    return imap
                }
                try await server.kick(user: "alice")
                await PoolTest.eventually("the client saw the BYE") { await !first.isOpen }
                let second = try await pool.withConnection(account: "alice") { imap in
                    try await imap.noop()
                    return imap
                }
                #expect(second !== first)
                #expect(await pool.resetGeneration(account: "alice") == 1)

                // Kicked during a lease: the caller sees the IMAP error, the next caller does not.
                await #expect(throws: IMAPConnection.Error.self) {
                    try await pool.withConnection(account: "alice") { imap in
                        try await server.kick(user: "alice")
                        await PoolTest.eventually("the client saw the BYE") { await !imap.isOpen }
                        try await imap.noop()
                    }
                }
                try await pool.withConnection(account: "alice") { imap in try await imap.noop() }
                #expect(await pool.resetGeneration(account: "alice") == 2)
            }
        }
    }

    @Test func aStaleConnectionIsHealthCheckedAndADeadOneReplaced() async throws {
        try await DovecotServer.withServer(.init(userCount: 1)) { server in
            let configuration = PoolTest.configuration { $0.healthCheckAfter = .milliseconds(50) }
            try await PoolTest.withPool(configuration, [server.poolEndpoint("alice", maxConnections: 1)]) { pool in
                let first = try await pool.withConnection(account: "alice") { $0 }
                try await Task.sleep(for: .milliseconds(100))
                // Alive: the NOOP passes and the same connection is lent.
                let second = try await pool.withConnection(account: "alice") { $0 }
                #expect(second === first)
                #expect(await pool.snapshot()["alice"]?.healthCheckFailures == 0)

                // Dead behind the pool's back, found by the check.
                await first.close()
                try await Task.sleep(for: .milliseconds(100))
                let third = try await pool.withConnection(account: "alice") { imap in
                    try await imap.noop()
                    return imap
                }
                #expect(third !== first)
                let snapshot = try #require(await pool.snapshot()["alice"])
                #expect(snapshot.healthCheckFailures == 1)
                #expect(snapshot.resetGeneration == 1)
                #expect(snapshot.leases == 3)
            }
        }
    }

    @Test func idleConnectionsAreLoggedOutAfterTheIdleTimeout() async throws {
        try await DovecotServer.withServer(.init(userCount: 1)) { server in
            let configuration = PoolTest.configuration { $0.idleTimeout = .milliseconds(200) }
            try await PoolTest.withPool(configuration, [server.poolEndpoint("alice", maxConnections: 2)]) { pool in
                let a = try await pool.lease(account: "alice")
                let b = try await pool.lease(account: "alice")
                await pool.release(a)
                await pool.release(b)
                #expect(await pool.snapshot()["alice"]?.open == 2)
                await PoolTest.eventually("idle connections closed") {
                    await pool.snapshot()["alice"]?.open == 0
                }
                #expect(await !a.connection.isOpen)
                #expect(await !b.connection.isOpen)
                #expect(await pool.resetGeneration(account: "alice") == 0, "an idle close is not a reset")
                // The pool opens a new one on demand.
                try await pool.withConnection(account: "alice") { imap in try await imap.noop() }
            }
        }
    }

    @Test func aRejectedPasswordFailsOnceAndLaterLeasesFailWithoutLoggingIn() async throws {
        try await DovecotServer.withServer(.init(userCount: 2)) { server in
            let bad = server.poolEndpoint("alice", account: "bad", password: "not-the-password")
            let good = server.poolEndpoint("bob", account: "good")
            try await PoolTest.withPool([bad, good]) { pool in
                for _ in 0..<2 {
                    do {
                        try await pool.withConnection(account: "bad") { _ in Issue.record("must not lend"); return () }
                        Issue.record("expected an authentication failure")
                    } catch let error as SyncError {
                        guard case .authenticationFailed(let account, _) = error else {
                            Issue.record("expected authenticationFailed, got \(error)")
                            continue
                        }
                        #expect(account == "bad")
                        #expect(!error.description.contains("not-the-password"))
                    }
                }
                let snapshot = try #require(await pool.snapshot()["bad"])
                #expect(snapshot.connectAttempts == 1, "the second lease must not try to log in")
                #expect(snapshot.authenticationFailed)
                #expect(snapshot.connectFailures == 1)
                #expect(snapshot.lastError != nil && snapshot.lastErrorAt != nil)
                #expect(snapshot.lastError?.contains("not-the-password") == false)

                try await pool.withConnection(account: "good") { imap in try await imap.noop() }

                // A new password (add again) lets the account work.
                try await pool.add(server.poolEndpoint("alice", account: "bad"))
                try await pool.withConnection(account: "bad") { imap in try await imap.noop() }
                #expect(await pool.snapshot()["bad"]?.authenticationFailed == false)
            }
        }
    }

    @Test func clearingTheAuthenticationFailureLetsLeasesTryAgain() async throws {
        try await DovecotServer.withServer(.init(userCount: 1)) { server in
            let bad = server.poolEndpoint("alice", account: "bad", password: "nope")
            try await PoolTest.withPool([bad]) { pool in
                await #expect(throws: SyncError.self) { try await pool.withConnection(account: "bad") { _ in () } }
                await pool.clearAuthenticationFailure(account: "bad")
                await #expect(throws: SyncError.self) { try await pool.withConnection(account: "bad") { _ in () } }
                #expect(await pool.snapshot()["bad"]?.connectAttempts == 2)
            }
        }
    }

    @Test func shutdownLogsOutEverythingAndRunReturns() async throws {
        try await DovecotServer.withServer(.init(userCount: 2)) { server in
            let pool = ConnectionPool(configuration: PoolTest.configuration())
            try await pool.add(server.poolEndpoint("alice", maxConnections: 2))
            try await pool.add(server.poolEndpoint("bob", maxConnections: 1))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await pool.run() }
                let idle = try await pool.withConnection(account: "alice") { $0 }
                let held = try await pool.lease(account: "alice")
                let bobHeld = try await pool.lease(account: "bob")
                let bobWaiter = Task { try await pool.lease(account: "bob") }
                await PoolTest.eventually("bob's waiter queued") { await pool.snapshot()["bob"]?.waiting == 1 }

                async let stopped: Void = pool.shutdown()
                // The waiter fails with shutDown; new leases too.
                await #expect(throws: SyncError.shutDown) { _ = try await bobWaiter.value }
                await #expect(throws: SyncError.shutDown) { _ = try await pool.lease(account: "alice") }
                // Held connections still work until released.
                try await held.connection.noop()
                await pool.release(held)
                await pool.release(bobHeld)
                await stopped
                try await group.waitForAll()  // run() returned

                for connection in [idle, held.connection, bobHeld.connection] {
                    #expect(await !connection.isOpen)
                }
                let snapshot = await pool.snapshot()
                #expect(snapshot.accounts.allSatisfy { $0.open == 0 && $0.opening == 0 })
                await #expect(throws: SyncError.shutDown) { try await pool.add(server.poolEndpoint("alice")) }
            }
        }
    }

    @Test func shutdownClosesConnectionsNotReleasedWithinTheGracePeriod() async throws {
        try await DovecotServer.withServer(.init(userCount: 1)) { server in
            let configuration = PoolTest.configuration { $0.shutdownGracePeriod = .milliseconds(100) }
            let pool = ConnectionPool(configuration: configuration)
            try await pool.add(server.poolEndpoint("alice"))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await pool.run() }
                let held = try await pool.lease(account: "alice")
                await pool.shutdown()
                try await group.waitForAll()
                #expect(await !held.connection.isOpen)
                await pool.release(held)  // late: harmless
                #expect(await pool.snapshot()["alice"]?.open == 0)
            }
        }
    }

    @Test func cancellingRunShutsThePoolDown() async throws {
        try await DovecotServer.withServer(.init(userCount: 1)) { server in
            let pool = ConnectionPool(configuration: PoolTest.configuration())
            try await pool.add(server.poolEndpoint("alice"))
            let runner = Task { await pool.run() }
            let connection = try await pool.withConnection(account: "alice") { $0 }
            runner.cancel()
            await runner.value
            #expect(await !connection.isOpen)
            await #expect(throws: SyncError.shutDown) { _ = try await pool.lease(account: "alice") }
        }
    }

    @Test func accountsOnOneServerShareTheConnectSetupLimit() async throws {
        try await DovecotServer.withServer(.init(userCount: 6)) { server in
            let configuration = PoolTest.configuration { $0.maxConcurrentConnectsPerHost = 2 }
            let endpoints = server.users.map { server.poolEndpoint($0.name, maxConnections: 2) }
            try await PoolTest.withPool(configuration, endpoints) { pool in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for endpoint in endpoints {
                        for _ in 0..<2 {
                            group.addTask {
                                try await pool.withConnection(account: endpoint.name) { imap in
                                    try await imap.noop()
                                    try await Task.sleep(for: .milliseconds(20))
                                }
                            }
                        }
                    }
                    try await group.waitForAll()
                }
                let most = await pool.maxConcurrentSetups(host: server.host, port: server.plainPort)
                #expect(most >= 1 && most <= 2)
                let snapshot = await pool.snapshot()
                #expect(snapshot.accounts.count == 6)
                #expect(snapshot.accounts.map(\.account) == endpoints.map(\.name).sorted())
                #expect(snapshot.accounts.allSatisfy { $0.leases == 2 && $0.connectFailures == 0 })
            }
        }
    }
}

/// Reconnecting to a port where nothing listens (no Dovecot needed).
@Suite struct ConnectionPoolConnectFailureTests {
    @Test func aClosedPortFailsAfterTheConfiguredAttemptsWithBackoff() async throws {
        let configuration = PoolTest.configuration {
            $0.connectAttempts = 3
            $0.reconnectBaseDelay = .milliseconds(20)
            $0.reconnectMaxDelay = .milliseconds(40)
        }
        // Port 1 on loopback: nothing listens there, so the connection is refused.
        let endpoint = AccountEndpoint(
            name: "down",
            connection: ConnectionConfiguration(host: "127.0.0.1", port: 1, security: .plain, connectTimeout: .seconds(5)),
            username: "someone", credentials: StaticPassword("pw"), maxConnections: 2)
        try await PoolTest.withPool(configuration, [endpoint]) { pool in
            let clock = ContinuousClock()
            let started = clock.now
            do {
                try await pool.withConnection(account: "down") { _ in () }
                Issue.record("expected connectFailed")
            } catch let error as SyncError {
                guard case .connectFailed(let account, let attempts, let reason) = error else {
                    Issue.record("expected connectFailed, got \(error)")
                    return
                }
                #expect(account == "down" && attempts == 3)
                #expect(!reason.isEmpty)
            }
            // Two backoff waits of at least half their nominal delay (10 ms, then 20 ms).
            #expect(clock.now - started >= .milliseconds(30))
            let snapshot = try #require(await pool.snapshot()["down"])
            #expect(snapshot.connectAttempts == 3 && snapshot.reconnects == 2 && snapshot.connectFailures == 1)
            #expect(snapshot.open == 0 && snapshot.opening == 0 && snapshot.waiting == 0)
            #expect(snapshot.lastError?.contains("127.0.0.1") == false, "host names are redacted")
            #expect(snapshot.authenticationFailed == false)
        }
    }
}
