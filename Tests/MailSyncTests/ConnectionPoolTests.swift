import Foundation
import IMAPClient
import IMAPCodec
import TernTestSupport
import Testing
@testable import MailSync

/// Lending, reuse, the per-account cap, the FIFO queue and its timeout, and
/// release on every way out of a scope, against a private Dovecot per test.
@Suite(.enabled(if: DovecotServer.isAvailable)) struct ConnectionPoolTests {
    @Test func sequentialLeasesReuseOneConnection() async throws {
        try await DovecotServer.withServer(.init(userCount: 1)) { server in
            try await PoolTest.withPool([server.poolEndpoint("alice")]) { pool in
                let first = try await pool.withConnection(account: "alice") { imap in
                    #expect(await imap.isAuthenticated)
                    try await imap.noop()
                    return ObjectIdentifier(imap)
                }
                let second = try await pool.withConnection(account: "alice") { imap in
                    try await imap.noop()
                    return ObjectIdentifier(imap)
                }
                #expect(first == second)
                let snapshot = try #require(await pool.snapshot()["alice"])
                #expect(snapshot.leases == 2)
                #expect(snapshot.reusedLeases == 1)
                #expect(snapshot.reuseRatio == 0.5)
                #expect(snapshot.open == 1 && snapshot.idle == 1 && snapshot.inUse == 0)
                #expect(snapshot.connectionsOpened == 1)
                #expect(await pool.resetGeneration(account: "alice") == 0)
            }
        }
    }

    @Test func aLeaseForAFolderGetsTheConnectionThatHasItSelected() async throws {
        try await DovecotServer.withServer(.init(userCount: 1)) { server in
            try await PoolTest.withPool([server.poolEndpoint("alice", maxConnections: 3)]) { pool in
                let sent = MailboxName(displayName: "Sent")
                let a = try await pool.lease(account: "alice")
                let b = try await pool.lease(account: "alice")
                _ = try await a.connection.select(sent)
                _ = try await b.connection.select(.inbox)
                await pool.release(a)
                await pool.release(b)  // b is the most recently used one

                let forSent = try await pool.lease(account: "alice", folder: sent)
                #expect(forSent.connection === a.connection)
                await pool.release(forSent)
                let forInbox = try await pool.lease(account: "alice", folder: .inbox)
                #expect(forInbox.connection === b.connection)
                await pool.release(forInbox)
                #expect(await pool.snapshot()["alice"]?.open == 2)
            }
        }
    }

    @Test func theCapIsNeverExceeded() async throws {
        try await DovecotServer.withServer(.init(userCount: 1)) { server in
            try await PoolTest.withPool([server.poolEndpoint("alice", maxConnections: 3)]) { pool in
                let gauge = ConcurrencyGauge()
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<20 {
                        group.addTask {
                            try await pool.withConnection(account: "alice") { imap in
                                gauge.enter()
                                defer { gauge.leave() }
                                let snapshot = await pool.snapshot()["alice"]
                                #expect((snapshot?.open ?? 0) <= 3)
                                #expect((snapshot?.open ?? 0) + (snapshot?.opening ?? 0) <= 3)
                                try await imap.noop()
                                try await Task.sleep(for: .milliseconds(5))
                            }
                        }
                    }
                    try await group.waitForAll()
                }
                #expect(gauge.max <= 3)
                let snapshot = try #require(await pool.snapshot()["alice"])
                #expect(snapshot.leases == 20)
                #expect(snapshot.open <= 3)
                #expect(snapshot.connectionsOpened <= 3)
                #expect(snapshot.waits > 0, "20 callers and 3 connections: some waited")
                #expect(snapshot.inUse == 0 && snapshot.waiting == 0)
            }
        }
    }

    @Test func aWaiterTimesOutCleanlyAndThePoolWorksAfterwards() async throws {
        try await DovecotServer.withServer(.init(userCount: 1)) { server in
            let configuration = PoolTest.configuration { $0.leaseTimeout = .milliseconds(200) }
            try await PoolTest.withPool(configuration, [server.poolEndpoint("alice", maxConnections: 1)]) { pool in
                let held = try await PoolTest.warmLease(pool, account: "alice")
                let timeoutsBefore = try #require(await pool.snapshot()["alice"]).waitTimeouts
                do {
                    _ = try await pool.lease(account: "alice")
                    Issue.record("the second lease should time out")
                } catch let error as SyncError {
                    guard case .leaseTimedOut(let account, let ms) = error else {
                        Issue.record("expected leaseTimedOut, got \(error)")
                        return
                    }
                    #expect(account == "alice")
                    #expect(ms >= 200)
                }
                var snapshot = try #require(await pool.snapshot()["alice"])
                #expect(snapshot.waitTimeouts == timeoutsBefore + 1)
                #expect(snapshot.waiting == 0)
                #expect(snapshot.lastError?.contains("no connection became free") == true)
                await pool.release(held)
                let again = try await pool.withConnection(account: "alice") { imap in
                    try await imap.noop()
                    return imap
                }
                #expect(again === held.connection)
                snapshot = try #require(await pool.snapshot()["alice"])
                #expect(snapshot.open == 1 && snapshot.inUse == 0)
            }
        }
    }

    @Test func cancellingAWaiterLeavesTheQueue() async throws {
        try await DovecotServer.withServer(.init(userCount: 1)) { server in
            try await PoolTest.withPool([server.poolEndpoint("alice", maxConnections: 1)]) { pool in
                let held = try await pool.lease(account: "alice")
                let waiter = Task {
                    try await pool.withConnection(account: "alice") { _ in "served" }
                }
                await PoolTest.eventually("the waiter queued") {
                    await pool.snapshot()["alice"]?.waiting == 1
                }
                waiter.cancel()
                let outcome = await waiter.result
                #expect(throws: CancellationError.self) { try outcome.get() }
                #expect(await pool.snapshot()["alice"]?.waiting == 0)
                await pool.release(held)
                // The connection is free: the next caller gets it at once.
                let value = try await pool.withConnection(account: "alice") { imap in
                    try await imap.noop()
                    return imap === held.connection
                }
                #expect(value)
                let snapshot = try #require(await pool.snapshot()["alice"])
                #expect(snapshot.inUse == 0 && snapshot.open == 1)
            }
        }
    }

    @Test func cancellingAHolderReleasesTheConnection() async throws {
        try await DovecotServer.withServer(.init(userCount: 1)) { server in
            try await PoolTest.withPool([server.poolEndpoint("alice", maxConnections: 1)]) { pool in
                let holder = Task {
                    try await pool.withConnection(account: "alice") { imap in
                        try await imap.noop()
                        try await Task.sleep(for: .seconds(600))
                    }
                }
                await PoolTest.eventually("the holder has the connection") {
                    await pool.snapshot()["alice"]?.inUse == 1
                }
                holder.cancel()
                let outcome = await holder.result
                #expect(throws: CancellationError.self) { try outcome.get() }
                let snapshot = try #require(await pool.snapshot()["alice"])
                #expect(snapshot.inUse == 0 && snapshot.idle == 1)
                try await pool.withConnection(account: "alice") { imap in try await imap.noop() }
            }
        }
    }

    @Test func theBodysErrorIsRethrownUnchangedAndTheConnectionReleased() async throws {
        try await DovecotServer.withServer(.init(userCount: 1)) { server in
            try await PoolTest.withPool([server.poolEndpoint("alice", maxConnections: 1)]) { pool in
                await #expect(throws: PoolTestError(code: 7)) {
                    try await pool.withConnection(account: "alice") { imap in
                        try await imap.noop()
                        throw PoolTestError(code: 7)
                    }
                }
                // A server NO surfaces as the IMAP error, and the connection stays in the pool.
                await #expect(throws: IMAPCommandError.self) {
                    try await pool.withConnection(account: "alice") { imap in
                        _ = try await imap.select(MailboxName(displayName: "No Such Folder"))
                    }
                }
                let snapshot = try #require(await pool.snapshot()["alice"])
                #expect(snapshot.inUse == 0 && snapshot.open == 1 && snapshot.leases == 2 && snapshot.reusedLeases == 1)
            }
        }
    }

    @Test func releasingTwiceIsHarmless() async throws {
        try await DovecotServer.withServer(.init(userCount: 1)) { server in
            try await PoolTest.withPool([server.poolEndpoint("alice", maxConnections: 2)]) { pool in
                let first = try await pool.lease(account: "alice")
                await pool.release(first)
                let second = try await pool.lease(account: "alice")
                #expect(second.connection === first.connection && second.id != first.id)
                await pool.release(first)  // stale: must not free the second lease's connection
                #expect(await pool.snapshot()["alice"]?.inUse == 1)
                await pool.release(second)
                await pool.release(second)
                let snapshot = try #require(await pool.snapshot()["alice"])
                #expect(snapshot.inUse == 0 && snapshot.idle == 1)
            }
        }
    }

    @Test func aDedicatedConnectionCountsAgainstTheCapAndIsNotLent() async throws {
        try await DovecotServer.withServer(.init(userCount: 1)) { server in
            try await PoolTest.withPool([server.poolEndpoint("alice", maxConnections: 2)]) { pool in
                try await pool.withDedicatedConnection(account: "alice", purpose: "IDLE INBOX") { watcher in
                    var snapshot = try #require(await pool.snapshot()["alice"])
                    #expect(snapshot.idling == 1 && snapshot.inUse == 0)
                    let lease = try await pool.lease(account: "alice")
                    #expect(lease.connection !== watcher)
                    // At the cap: a third caller waits (and is cancelled here).
                    let third = Task { try await pool.lease(account: "alice") }
                    await PoolTest.eventually("the third caller waits") { await pool.snapshot()["alice"]?.waiting == 1 }
                    snapshot = try #require(await pool.snapshot()["alice"])
                    #expect(snapshot.open == 2 && snapshot.opening == 0)
                    third.cancel()
                    let outcome = await third.result
                    #expect(throws: CancellationError.self) { try outcome.get() }
                    await pool.release(lease)
                    snapshot = try #require(await pool.snapshot()["alice"])
                    #expect(snapshot.idling == 1 && snapshot.idle == 1 && snapshot.open == 2)
                }
                let snapshot = try #require(await pool.snapshot()["alice"])
                #expect(snapshot.idling == 0 && snapshot.idle == 2)
            }
        }
    }

    @Test func anUnknownAccountFailsAtOnce() async throws {
        let pool = ConnectionPool()
        await #expect(throws: SyncError.unknownAccount("nobody")) {
            try await pool.withConnection(account: "nobody") { _ in () }
        }
        await pool.shutdown()
        await pool.run()  // returns at once after shutdown
    }
}
