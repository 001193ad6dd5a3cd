import IMAPClient
import IMAPCodec
import Logging

/// A lease wait ran out of time (turned into `SyncError.leaseTimedOut`).
struct LeaseWaitTimeout: Error {}

extension ConnectionPool {
    /// Lends a connection of `account` for the duration of `body`, and takes
    /// it back however `body` ends (a result, an error, cancellation).
    ///
    /// `body`'s error is rethrown unchanged. A connection that broke during
    /// `body` is dropped on release and replaced on the next lease.
    ///
    /// ```swift
    /// let uids = try await pool.withConnection(account: "work", folder: .inbox) { imap in
    ///     if await imap.selectedMailbox != .inbox { _ = try await imap.select(.inbox) }
    ///     return try await imap.uidSearch(.all)
    /// }
    /// ```
    nonisolated public func withConnection<R: Sendable>(
        account: String, folder: MailboxName? = nil,
        _ body: (IMAPConnection) async throws -> R
    ) async throws -> R {
        try await using(try await lease(account: account, folder: folder), body)
    }

    /// Lends a connection for a long-lived purpose such as IDLE: it counts
    /// against the account's `maxConnections`, shows as idle-watching in the
    /// snapshot, is never lent to anyone else, and is neither health-checked
    /// nor idle-closed while held.
    ///
    /// ```swift
    /// try await pool.withDedicatedConnection(account: "work", purpose: "IDLE INBOX") { imap in
    ///     _ = try await imap.select(.inbox)
    ///     // IDLE until cancelled …
    /// }
    /// ```
    nonisolated public func withDedicatedConnection<R: Sendable>(
        account: String, purpose: String,
        _ body: (IMAPConnection) async throws -> R
    ) async throws -> R {
        try await using(try await acquire(account: account, folder: nil, purpose: purpose), body)
    }

    /// Runs `body` on the lease's connection and releases it whatever happens.
    private nonisolated func using<R: Sendable>(_ lease: PoolLease, _ body: (IMAPConnection) async throws -> R) async throws -> R {
        let result: Result<R, any Error>
        do {
            result = .success(try await body(lease.connection))
        } catch {
            result = .failure(error)
        }
        await release(lease)
        return try result.get()
    }

    /// Lends a connection of `account`, preferring one that has `folder`
    /// selected; waits (FIFO, at most `leaseTimeout`) when all are busy and
    /// the account is at its cap. Pair with `release(_:)`; prefer `withConnection`.
    ///
    /// Throws `SyncError.unknownAccount`, `.authenticationFailed`,
    /// `.leaseTimedOut`, `.connectFailed`, `.shutDown`, a credential
    /// provider's error, or `CancellationError`.
    public func lease(account: String, folder: MailboxName? = nil) async throws -> PoolLease {
        try await acquire(account: account, folder: folder, purpose: nil)
    }

    /// Takes a lent connection back. Idempotent. A connection that is no
    /// longer open is dropped (and counted in `resetGeneration`); the next
    /// lease gets a new one.
    public func release(_ lease: PoolLease) async {
        guard let found = accounts[lease.account]?.connections.values.first(where: { $0.leaseID == lease.id }) else {
            return
        }
        let isOpen = await lease.connection.isOpen
        let selected = await lease.connection.selectedMailbox
        // The actor may have run other work meanwhile: look again.
        guard var account = accounts[lease.account], var pooled = account.connections[found.id],
              pooled.leaseID == lease.id else { return }
        if !isOpen {
            account.logger.debug("released connection is closed; dropping it",
                                 metadata: ["connection": "\(pooled.id)"])
            pooled.state = .closing
            pooled.closeSignal.succeed()
            account.resetGeneration += 1
            account.metrics.resets.increment()
        } else if lifecycle != .running && lifecycle != .notStarted {
            pooled.state = .closing
            pooled.closeSignal.succeed()
        } else {
            pooled.state = .idle
            pooled.lastUsed = now()
            pooled.selected = selected
        }
        account.connections[pooled.id] = pooled
        accounts[lease.account] = account
        dispatch(lease.account)
        checkInUseDrained()
    }

    // MARK: - Internals

    func acquire(account name: String, folder: MailboxName?, purpose: String?) async throws -> PoolLease {
        let started = now()
        while true {
            guard lifecycle == .running || lifecycle == .notStarted else { throw SyncError.shutDown }
            guard var account = accounts[name] else { throw SyncError.unknownAccount(name) }
            if let failure = account.authenticationFailure { throw failure }
            try Task.checkCancellation()

            let grant: PoolAccount.Grant
            account.waiters.removeAll { $0.grant.isResolved }
            if account.waiters.isEmpty, let id = account.pickIdle(folder: folder) {
                grant = lend(id, in: &account, purpose: purpose)
                accounts[name] = account
            } else {
                let remaining = configuration.leaseTimeout - (now() - started)
                guard remaining > .zero else {
                    // The budget went on retries: queueing now could be handed
                    // a connection nobody would ever release.
                    recordWait(name, waitStarted: now(), timedOut: true)
                    throw SyncError.leaseTimedOut(account: name, waitedMilliseconds: Self.milliseconds(now() - started))
                }
                let waiter = PoolAccount.Waiter(id: makeID(), folder: folder, purpose: purpose, grant: OneShot())
                account.waiters.append(waiter)
                accounts[name] = account
                dispatch(name)
                let waitStarted = now()
                do {
                    grant = try await waitForGrant(waiter.grant, timeout: remaining)
                    recordWait(name, waitStarted: waitStarted, timedOut: false)
                } catch is LeaseWaitTimeout {
                    removeWaiter(name, id: waiter.id)
                    recordWait(name, waitStarted: waitStarted, timedOut: true)
                    throw SyncError.leaseTimedOut(account: name, waitedMilliseconds: Self.milliseconds(now() - started))
                } catch {
                    removeWaiter(name, id: waiter.id)
                    throw error
                }
            }

            guard let pooled = accounts[name]?.connections[grant.connectionID] else { continue }
            let connection = pooled.connection
            if Task.isCancelled {
                giveBack(name, grant: grant)
                throw CancellationError()
            }
            if grant.reused, now() - grant.lastUsed > configuration.healthCheckAfter {
                // Idle too long: NOOP it (a closed one fails at once).
                let healthy = await Self.healthCheck(connection, timeout: configuration.healthCheckTimeout, sleep: sleep)
                if Task.isCancelled {
                    // The caller gave up during the check; the connection did nothing wrong.
                    giveBack(name, grant: grant)
                    throw CancellationError()
                }
                if !healthy {
                    drop(name, connectionID: grant.connectionID, leaseID: grant.leaseID, healthCheckFailed: true)
                    continue
                }
            } else if await !connection.isOpen {
                drop(name, connectionID: grant.connectionID, leaseID: grant.leaseID, healthCheckFailed: false)
                continue
            }
            guard var account = accounts[name],
                  account.connections[grant.connectionID]?.leaseID == grant.leaseID else {
                // Shutdown closed it under us.
                if lifecycle != .running && lifecycle != .notStarted { throw SyncError.shutDown }
                continue
            }
            account.leases += 1
            account.metrics.leases.increment()
            if grant.reused {
                account.reusedLeases += 1
                account.metrics.reusedLeases.increment()
            }
            account.updateGauges()
            accounts[name] = account
            return PoolLease(account: name, connection: connection, id: grant.leaseID, isDedicated: purpose != nil)
        }
    }

    /// Marks idle connection `id` lent and says so.
    func lend(_ id: Int, in account: inout PoolAccount, purpose: String?) -> PoolAccount.Grant {
        let leaseID = makeID()
        let pooled = account.connections[id]
        let grant = PoolAccount.Grant(connectionID: id, leaseID: leaseID, reused: !(pooled?.fresh ?? true),
                                      lastUsed: pooled?.lastUsed ?? now())
        account.connections[id]?.state = purpose.map { .dedicated(leaseID: leaseID, purpose: $0) } ?? .inUse(leaseID: leaseID)
        account.connections[id]?.fresh = false
        return grant
    }

    /// Hands idle connections to waiters in order, fails them after an
    /// authentication failure, and queues opens for waiters no connection
    /// will serve (up to the cap).
    func dispatch(_ name: String) {
        guard var account = accounts[name] else { return }
        account.waiters.removeAll { $0.grant.isResolved }
        if let failure = account.authenticationFailure {
            for waiter in account.waiters { waiter.grant.fail(failure) }
            account.waiters = []
        }
        while let head = account.waiters.first, let id = account.pickIdle(folder: head.folder) {
            account.waiters.removeFirst()
            let saved = account.connections[id]
            let grant = lend(id, in: &account, purpose: head.purpose)
            if !head.grant.succeed(grant) {
                account.connections[id] = saved  // the waiter left (timeout, cancellation)
            }
        }
        if lifecycle == .running || lifecycle == .notStarted {
            let wanted = account.waiters.count - account.opening
            let room = account.endpoint.maxConnections - account.total
            let count = max(0, min(wanted, room))
            if count > 0 {
                account.opening += count
                for _ in 0..<count {
                    jobs.append(OpenJob(account: name, endpoint: account.endpoint, logger: account.logger))
                }
                wakeJobLoop()
            }
        }
        account.updateGauges()
        accounts[name] = account
    }

    func removeWaiter(_ name: String, id: Int) {
        accounts[name]?.waiters.removeAll { $0.id == id }
    }

    func recordWait(_ name: String, waitStarted: Duration, timedOut: Bool) {
        guard var account = accounts[name] else { return }
        let waited = now() - waitStarted
        account.waits += 1
        account.totalWaitTime += waited
        account.metrics.waits.increment()
        let parts = waited.components
        account.metrics.waitTime.recordNanoseconds(parts.seconds * 1_000_000_000 + parts.attoseconds / 1_000_000_000)
        if timedOut {
            account.waitTimeouts += 1
            account.metrics.waitTimeouts.increment()
            account.recordError(SyncError.leaseTimedOut(account: name, waitedMilliseconds: Self.milliseconds(waited)).description)
        }
        accounts[name] = account
    }

    /// A granted connection goes back unused (the waiter was cancelled meanwhile).
    func giveBack(_ name: String, grant: PoolAccount.Grant) {
        guard var account = accounts[name], var pooled = account.connections[grant.connectionID],
              pooled.leaseID == grant.leaseID else { return }
        pooled.state = .idle
        account.connections[pooled.id] = pooled
        accounts[name] = account
        dispatch(name)
        checkInUseDrained()
    }

    /// Drops a lent connection found dead; the lease loop then looks again.
    func drop(_ name: String, connectionID: Int, leaseID: Int, healthCheckFailed: Bool) {
        guard var account = accounts[name], var pooled = account.connections[connectionID],
              pooled.leaseID == leaseID else { return }
        pooled.state = .closing
        pooled.closeSignal.succeed()
        account.connections[connectionID] = pooled
        account.resetGeneration += 1
        account.metrics.resets.increment()
        if healthCheckFailed {
            account.healthCheckFailures += 1
            account.metrics.healthCheckFailures.increment()
            account.logger.info("health check failed; replacing the connection", metadata: ["connection": "\(connectionID)"])
        } else {
            account.logger.debug("idle connection was closed; replacing it", metadata: ["connection": "\(connectionID)"])
        }
        accounts[name] = account
        dispatch(name)
        checkInUseDrained()
    }

    /// Waits for `box` for at most `timeout` of the pool's clock.
    nonisolated func waitForGrant(_ box: OneShot<PoolAccount.Grant>, timeout: Duration) async throws -> PoolAccount.Grant {
        let sleep = self.sleep
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                do { try await sleep(timeout) } catch { return }
                box.fail(LeaseWaitTimeout())
            }
            defer { group.cancelAll() }
            return try await box.wait()
        }
    }

    /// Whole milliseconds of `duration`, for errors and logs.
    static func milliseconds(_ duration: Duration) -> Int {
        Int(duration.components.seconds) * 1000 + Int(duration.components.attoseconds / 1_000_000_000_000_000)
    }

    /// NOOP within `timeout`; a connection that fails or stays silent is closed.
    static func healthCheck(_ connection: IMAPConnection, timeout: Duration,
                            sleep: @escaping @Sendable (Duration) async throws -> Void) async -> Bool {
        guard await connection.isOpen else { return false }
        let healthy = await withTaskGroup(of: Bool?.self) { group in
            group.addTask {
                do {
                    try await connection.noop()
                    return true
                } catch {
                    return false
                }
            }
            group.addTask {
                do { try await sleep(timeout) } catch { return nil }
                return false
            }
            var outcome = false
            if let first = await group.next(), let first { outcome = first }
            // Ends a NOOP still waiting; a check cut short by cancellation closes nothing.
            if !outcome, !Task.isCancelled { await connection.close() }
            group.cancelAll()
            return outcome
        }
        return healthy
    }
}
