import Foundation
import IMAPClient
import IMAPCodec
import NIOConcurrencyHelpers
import TernTestSupport
import Testing
@testable import MailSync

/// What the pool tests share: endpoints for a server's users, a pool running
/// in a task group for the scope of a test, and polling without wall-clock
/// upper bounds that could fail under load.
extension DovecotServer {
    func poolConnection() -> ConnectionConfiguration {
        ConnectionConfiguration(host: host, port: plainPort, security: .plain,
                                connectTimeout: .seconds(5), commandTimeout: .seconds(20))
    }

    func poolEndpoint(_ user: String, account: String? = nil, password: String? = nil,
                      maxConnections: Int = 4) -> AccountEndpoint {
        AccountEndpoint(name: account ?? user, connection: poolConnection(), username: user,
                        credentials: StaticPassword(password ?? "secret-\(user)"), maxConnections: maxConnections)
    }
}

enum PoolTest {
    /// A configuration with short timeouts for tests.
    static func configuration(_ change: (inout ConnectionPool.Configuration) -> Void = { _ in }) -> ConnectionPool.Configuration {
        var configuration = ConnectionPool.Configuration()
        configuration.leaseTimeout = .seconds(20)
        configuration.reconnectBaseDelay = .milliseconds(10)
        configuration.reconnectMaxDelay = .milliseconds(50)
        configuration.shutdownGracePeriod = .seconds(5)
        change(&configuration)
        return configuration
    }

    static func withPool<R: Sendable>(
        _ endpoints: [AccountEndpoint],
        _ body: (ConnectionPool) async throws -> R
    ) async throws -> R {
        try await withPool(PoolTest.configuration(), endpoints, body)
    }

    /// Runs `body` with a pool whose `run()` is a child task; shuts it down
    /// afterwards and checks that `run()` returned.
    static func withPool<R: Sendable>(
        _ configuration: ConnectionPool.Configuration,
        _ endpoints: [AccountEndpoint],
        _ body: (ConnectionPool) async throws -> R
    ) async throws -> R {
        let pool = ConnectionPool(configuration: configuration)
        for endpoint in endpoints { try await pool.add(endpoint) }
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await pool.run() }
            let result: Result<R, any Error>
            do {
                result = .success(try await body(pool))
            } catch {
                result = .failure(error)
            }
            await pool.shutdown()
            try await group.waitForAll()
            return try result.get()
        }
    }

    /// A lease from a pool with a short `leaseTimeout`: opening the first
    /// connection may take longer than that on a loaded machine, so a timeout
    /// is retried (the connection keeps opening in the background).
    static func warmLease(_ pool: ConnectionPool, account: String) async throws -> PoolLease {
        for _ in 0..<100 {
            do {
                return try await pool.lease(account: account)
            } catch SyncError.leaseTimedOut {
                continue
            }
        }
        return try await pool.lease(account: account)
    }

    /// Waits until `condition` holds, polling; fails the test after `limit`
    /// (generous: this is a liveness check, not a timing assertion).
    static func eventually(_ what: String, limit: Duration = .seconds(20),
                           sourceLocation: SourceLocation = #_sourceLocation,
                           _ condition: () async -> Bool) async {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        while clock.now < deadline {
            if await condition() { return }
            try? await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("never happened: \(what)", sourceLocation: sourceLocation)
    }
}

/// A thread-safe counter of how many bodies run at once, and the most seen.
final class ConcurrencyGauge: Sendable {
    private let state = NIOLockedValueBox((current: 0, max: 0))

    func enter() {
        state.withLockedValue { state in
            state.current += 1
            state.max = Swift.max(state.max, state.current)
        }
    }

    func leave() {
        state.withLockedValue { $0.current -= 1 }
    }

    var max: Int { state.withLockedValue { $0.max } }
}

struct PoolTestError: Error, Equatable {
    let code: Int
}
