import IMAPClient
import Logging

extension ConnectionPool {
    /// Runs the pool: every connection lives in a child task of this call
    /// (inside `IMAPConnection.withConnection`), next to the task that logs
    /// out idle connections. Returns after `shutdown()` (or cancellation of
    /// this task) has logged out and closed every connection. Call it once.
    public func run() async {
        guard lifecycle == .notStarted, !runActive else { return }
        lifecycle = .running
        runActive = true
        for name in accounts.keys { dispatch(name) }
        await withTaskGroup(of: Void.self) { background in
            background.addTask { await self.sweepIdleConnections() }
            await withDiscardingTaskGroup { connections in
                while let job = await nextJob() {
                    connections.addTask { await self.runConnection(job) }
                }
                await drainForShutdown()
                // What is left is connecting or waiting to retry: stop it.
                connections.cancelAll()
            }
            background.cancelAll()
        }
        lifecycle = .shutDown
        runActive = false
        logger.debug("connection pool stopped")
        let waiters = shutdownWaiters
        shutdownWaiters = []
        for waiter in waiters { waiter.succeed() }
    }

    /// Stops the pool: new leases and waiters fail with `SyncError.shutDown`,
    /// idle connections log out, lent ones are logged out when released (or
    /// closed after `shutdownGracePeriod`). Returns when every connection is
    /// closed and `run()` has returned (at once if `run()` never started).
    public func shutdown() async {
        beginShutdown()
        guard runActive else {
            lifecycle = .shutDown
            return
        }
        let done = OneShot<Void>()
        shutdownWaiters.append(done)
        _ = try? await done.wait()
    }

    func beginShutdown() {
        switch lifecycle {
        case .notStarted: lifecycle = .shutDown
        case .running: lifecycle = .shuttingDown
        case .shuttingDown, .shutDown: return
        }
        logger.debug("connection pool shutting down")
        for job in jobs {
            accounts[job.account]?.opening -= 1
        }
        jobs = []
        for name in accounts.keys {
            guard var account = accounts[name] else { continue }
            for waiter in account.waiters { waiter.grant.fail(SyncError.shutDown) }
            account.waiters = []
            accounts[name] = account
        }
        hostLimiter.failAll(SyncError.shutDown)
        wakeJobLoop()
    }

    // MARK: - The job loop

    func nextJob() async -> OpenJob? {
        while true {
            if Task.isCancelled { beginShutdown() }
            guard lifecycle == .running else { return nil }
            if !jobs.isEmpty { return jobs.removeFirst() }
            let signal = OneShot<Void>()
            jobSignal = signal
            _ = try? await signal.wait()
        }
    }

    func wakeJobLoop() {
        jobSignal?.succeed()
        jobSignal = nil
    }

    /// Logs out idle connections, waits (at most the grace period) for lent
    /// ones, then closes those under their holders.
    func drainForShutdown() async {
        closeConnections { $0 == .idle }
        if hasLentConnections {
            let drained = OneShot<Void>()
            inUseDrained = drained
            let sleep = self.sleep
            let grace = configuration.shutdownGracePeriod
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    do { try await sleep(grace) } catch { return }
                    drained.fail(LeaseWaitTimeout())
                }
                _ = try? await drained.wait()
                group.cancelAll()
            }
            inUseDrained = nil
        }
        let forced = closeConnections { $0 != .idle && $0 != .closing }
        if !forced.isEmpty {
            logger.info("closing connections still lent at shutdown", metadata: ["count": "\(forced.count)"])
        }
        for connection in forced { await connection.close() }
        // Let every connection's task finish its LOGOUT before run() cancels
        // what is still connecting or waiting to retry.
        if hasConnections {
            let closed = OneShot<Void>()
            allClosed = closed
            _ = try? await closed.wait()
            allClosed = nil
        }
    }

    var hasConnections: Bool {
        accounts.values.contains { !$0.connections.isEmpty }
    }

    var hasLentConnections: Bool {
        accounts.values.contains { $0.inUseCount + $0.dedicatedCount > 0 }
    }

    func checkInUseDrained() {
        if let drained = inUseDrained, !hasLentConnections {
            drained.succeed()
            inUseDrained = nil
        }
    }

    /// Tells the matching connections' tasks to log out; returns them.
    @discardableResult
    func closeConnections(where predicate: (PooledConnection.State) -> Bool) -> [IMAPConnection] {
        var closed: [IMAPConnection] = []
        for name in accounts.keys {
            guard var account = accounts[name] else { continue }
            for (id, pooled) in account.connections where predicate(pooled.state) {
                account.connections[id]?.state = .closing
                pooled.closeSignal.succeed()
                closed.append(pooled.connection)
            }
            account.updateGauges()
            accounts[name] = account
        }
        return closed
    }

    // MARK: - Idle cleanup

    func sweepIdleConnections() async {
        while lifecycle == .running, !Task.isCancelled {
            do { try await sleep(nextSweepDelay()) } catch { return }
            guard lifecycle == .running else { return }
            let cutoff = now() - configuration.idleTimeout
            for name in accounts.keys {
                guard var account = accounts[name] else { continue }
                var count = 0
                for (id, pooled) in account.connections where pooled.state == .idle && pooled.lastUsed <= cutoff {
                    account.connections[id]?.state = .closing
                    pooled.closeSignal.succeed()
                    count += 1
                }
                if count > 0 {
                    account.logger.debug("logging out idle connections", metadata: ["count": "\(count)"])
                    account.updateGauges()
                    accounts[name] = account
                }
            }
        }
    }

    /// Until the oldest idle connection expires, or a whole idle timeout.
    func nextSweepDelay() -> Duration {
        let timeout = configuration.idleTimeout
        let oldest = accounts.values.flatMap { $0.connections.values }
            .filter { $0.state == .idle }
            .map(\.lastUsed)
            .min()
        guard let oldest else { return max(timeout, .milliseconds(1)) }
        return max(oldest + timeout - now(), .milliseconds(1))
    }

    // MARK: - One connection's task

    enum SetupFailure {
        case authentication(SyncError)
        case fatal(any Error)
        case retry(String)
    }

    /// Opens a connection for `job` (retrying with backoff), hands it to the
    /// pool, and keeps it alive until the pool says to close it; then
    /// `withConnection` logs out and closes.
    nonisolated func runConnection(_ job: OpenJob) async {
        let key = HostConnectLimiter.key(host: job.endpoint.connection.host, port: job.endpoint.connection.port)
        let maxAttempts = max(1, configuration.connectAttempts)
        let backoff = configuration.backoff
        var generator = SystemRandomNumberGenerator()
        var attempt = 0
        while true {
            attempt += 1
            do {
                try await acquireHostPermit(key)
            } catch {
                await openAbandoned(job)
                return
            }
            guard await beginAttempt(job.account, attempt: attempt) else {
                await releaseHostPermit(key)
                await openAbandoned(job)
                return
            }
            var permitHeld = true
            var connectionID: Int?
            do {
                try await IMAPConnection.withConnection(job.endpoint.connection, logger: job.logger) { connection in
                    try await ConnectionAuthenticator.authenticate(connection, endpoint: job.endpoint)
                    permitHeld = false
                    await self.releaseHostPermit(key)
                    let (id, closeSignal) = await self.connectionOpened(job, connection)
                    connectionID = id
                    _ = try? await closeSignal.wait()
                }
            } catch {
                if permitHeld { await releaseHostPermit(key) }
                if connectionID == nil, await self.lifecycle != .running {
                    await openAbandoned(job)  // stopped while connecting
                    return
                }
                if connectionID == nil {
                    switch Self.classify(error, account: job.account, attempt: attempt, endpoint: job.endpoint) {
                    case .authentication(let failure):
                        await openFailed(job, error: failure, authentication: true)
                        return
                    case .fatal(let failure):
                        await openFailed(job, error: failure, authentication: false)
                        return
                    case .retry(let reason):
                        if attempt >= maxAttempts {
                            let failure = SyncError.connectFailed(account: job.account, attempts: attempt, reason: reason)
                            await openFailed(job, error: failure, authentication: false)
                            return
                        }
                        let delay = backoff.delay(forRetry: attempt, using: &generator)
                        job.logger.info("connection attempt failed; retrying", metadata: [
                            "attempt": "\(attempt)", "reason": "\(reason)",
                            "delay_ms": "\(Self.milliseconds(delay))",
                        ])
                        do {
                            try await sleep(delay)
                        } catch {
                            await openAbandoned(job)
                            return
                        }
                        continue
                    }
                }
                // Logging out an opened connection failed: it is closed anyway.
                job.logger.debug("logout failed", metadata: ["error": "\(Self.redacted(error, endpoint: job.endpoint))"])
            }
            if let connectionID {
                await connectionEnded(job.account, connectionID: connectionID)
            } else {
                await openAbandoned(job)
            }
            return
        }
    }

    static func classify(_ error: any Error, account: String, attempt: Int, endpoint: AccountEndpoint) -> SetupFailure {
        let reason = redacted(error, endpoint: endpoint)
        switch error {
        case let error as SyncError:
            if case .authenticationFailed = error { return .authentication(error) }
            return .fatal(error)
        case let error as CredentialError:
            // A refused OAuth2 sign-in stops the account like a rejected
            // password: one clear error, no new attempts until the user acts.
            if error.isPermanent {
                return .authentication(.authenticationFailed(account: account, reason: redacted(error.reason, endpoint: endpoint)))
            }
            return .fatal(error)
        case is CancellationError:
            return .fatal(SyncError.shutDown)
        case let error as IMAPConnection.Error:
            switch error {
            case .connectFailed, .connectionClosed, .timeout, .rejected, .malformedGreeting,
                 .protocolViolation, .unexpectedResponse:
                return .retry(reason)
            case .tls, .startTLSUnavailable, .preauthWithoutTLS, .loginDisabled, .mechanismUnavailable,
                 .insecureTransportRefused:
                // Configuration problems: retrying cannot help.
                return .fatal(SyncError.connectFailed(account: account, attempts: attempt, reason: reason))
            }
        case is IMAPCommandError:
            return .fatal(SyncError.connectFailed(account: account, attempts: attempt, reason: reason))
        default:
            return .retry(reason)
        }
    }

    func acquireHostPermit(_ key: String) async throws {
        guard lifecycle == .running else { throw SyncError.shutDown }
        if let box = hostLimiter.acquire(key) {
            try await box.wait()
        }
    }

    func releaseHostPermit(_ key: String) {
        hostLimiter.release(key)
    }

    /// Counts an attempt; `false` when the pool stopped or the account's
    /// credentials were rejected meanwhile (no new login attempt then).
    func beginAttempt(_ name: String, attempt: Int) -> Bool {
        guard lifecycle == .running, var account = accounts[name], account.authenticationFailure == nil else {
            return false
        }
        account.connectAttempts += 1
        if attempt > 1 {
            account.reconnects += 1
            account.metrics.reconnects.increment()
        }
        accounts[name] = account
        return true
    }

    /// A connection is open and logged in: lend it or keep it idle.
    func connectionOpened(_ job: OpenJob, _ connection: IMAPConnection) -> (Int, OneShot<Void>) {
        let id = makeID()
        let closeSignal = OneShot<Void>()
        guard var account = accounts[job.account] else {
            closeSignal.succeed()
            return (id, closeSignal)
        }
        account.opening -= 1
        account.connectionsOpened += 1
        let state: PooledConnection.State = lifecycle == .running ? .idle : .closing
        if state == .closing { closeSignal.succeed() }
        account.connections[id] = PooledConnection(id: id, connection: connection, closeSignal: closeSignal,
                                                   state: state, lastUsed: now(), selected: nil)
        account.logger.debug("connection opened", metadata: ["connection": "\(id)"])
        accounts[job.account] = account
        dispatch(job.account)
        return (id, closeSignal)
    }

    /// Opening failed for good: report it to the waiters it was meant for.
    func openFailed(_ job: OpenJob, error: any Error, authentication: Bool) {
        guard var account = accounts[job.account] else { return }
        account.opening -= 1
        account.connectFailures += 1
        account.metrics.connectFailures.increment()
        let text = Self.redacted(error, endpoint: account.endpoint)
        account.recordError(text)
        account.logger.warning("cannot open a connection", metadata: ["error": "\(text)"])
        account.waiters.removeAll { $0.grant.isResolved }
        if authentication, let failure = error as? SyncError {
            account.authenticationFailure = failure
            for waiter in account.waiters { waiter.grant.fail(failure) }
            account.waiters = []
        } else if account.connections.isEmpty, account.opening == 0 {
            // Nothing will come back to serve them: fail them all now.
            for waiter in account.waiters { waiter.grant.fail(error) }
            account.waiters = []
        } else if !account.waiters.isEmpty {
            account.waiters.removeFirst().grant.fail(error)
        }
        accounts[job.account] = account
        dispatch(job.account)
    }

    /// Opening stopped because the pool is stopping (or the account failed).
    func openAbandoned(_ job: OpenJob) {
        guard accounts[job.account] != nil else { return }
        accounts[job.account]?.opening -= 1
        dispatch(job.account)
    }

    /// The connection's task logged out and closed it.
    func connectionEnded(_ name: String, connectionID: Int) {
        guard var account = accounts[name] else { return }
        account.connections[connectionID] = nil
        account.logger.debug("connection closed", metadata: ["connection": "\(connectionID)"])
        accounts[name] = account
        dispatch(name)
        checkInUseDrained()
        if let closed = allClosed, !hasConnections {
            closed.succeed()
            allClosed = nil
        }
    }
}
