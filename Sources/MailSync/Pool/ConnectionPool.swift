import Foundation
import IMAPClient
import IMAPCodec
import Logging

/// Lends authenticated IMAP connections per account, for a scope.
///
/// The pool reuses connections (preferring one that already has the wanted
/// mailbox selected), caps them per account (`AccountEndpoint.maxConnections`,
/// dedicated IDLE connections included) with a fair FIFO queue and a lease
/// timeout, NOOPs a connection that sat idle too long before lending it,
/// logs out connections unused for `idleTimeout`, and reconnects with
/// exponential backoff and jitter. A rejected password is not retried: the
/// account's leases fail at once until `add` or `clearAuthenticationFailure`.
///
/// Connections live in child tasks of `run()` (each one inside
/// `IMAPConnection.withConnection`, so each is logged out and closed when
/// its task ends); `shutdown()` ends them all and then `run()` returns.
///
/// ```swift
/// let pool = ConnectionPool()
/// try await pool.add(endpoint)
/// try await withThrowingDiscardingTaskGroup { group in
///     group.addTask { await pool.run() }
///     let status = try await pool.withConnection(account: "work", folder: .inbox) { imap in
///         try await imap.select(.inbox)
///     }
///     await pool.shutdown()
/// }
/// ```
public actor ConnectionPool {
    enum Lifecycle: Sendable, Equatable {
        case notStarted, running, shuttingDown, shutDown
    }

    /// A connection to open, taken by `run()`.
    struct OpenJob: Sendable {
        let account: String
        let endpoint: AccountEndpoint
        let logger: Logger
    }

    let configuration: Configuration
    let logger: Logger
    /// Pool time: the injected clock's time since the pool was made.
    let now: @Sendable () -> Duration
    let sleep: @Sendable (Duration) async throws -> Void

    var lifecycle: Lifecycle = .notStarted
    var accounts: [String: PoolAccount] = [:]
    var hostLimiter: HostConnectLimiter
    var nextID = 0

    var jobs: [OpenJob] = []
    var jobSignal: OneShot<Void>?
    /// Connection tasks running in `run()`.
    /// Resolved when no lent connection is left (shutdown grace).
    var inUseDrained: OneShot<Void>?
    /// Resolved when the last connection's task ended (shutdown).
    var allClosed: OneShot<Void>?
    /// Resolved when `run()` has ended everything.
    var shutdownWaiters: [OneShot<Void>] = []
    var runActive = false

    public init(configuration: Configuration = .init(), clock: any Clock<Duration> = ContinuousClock(),
                logger: Logger = Logger(label: "tern.pool")) {
        self.configuration = configuration
        self.logger = logger
        self.now = Self.makeNow(clock)
        self.sleep = Self.makeSleep(clock)
        self.hostLimiter = HostConnectLimiter(limit: configuration.maxConcurrentConnectsPerHost)
    }

    private static func makeNow<C: Clock<Duration>>(_ clock: C) -> @Sendable () -> Duration {
        let start = clock.now
        return { start.duration(to: clock.now) }
    }

    private static func makeSleep<C: Clock<Duration>>(_ clock: C) -> @Sendable (Duration) async throws -> Void {
        return { duration in try await clock.sleep(until: clock.now.advanced(by: duration), tolerance: nil) }
    }

    func makeID() -> Int {
        nextID += 1
        return nextID
    }

    /// Registers an account, or replaces its endpoint (new credentials, a new
    /// budget) and clears a remembered authentication failure.
    public func add(_ endpoint: AccountEndpoint) throws {
        guard lifecycle == .notStarted || lifecycle == .running else { throw SyncError.shutDown }
        if var account = accounts[endpoint.name] {
            account.endpoint = endpoint
            account.authenticationFailure = nil
            accounts[endpoint.name] = account
            dispatch(endpoint.name)
        } else {
            accounts[endpoint.name] = PoolAccount(endpoint: endpoint, logger: logger)
        }
    }

    /// Forgets that the account's credentials were rejected, so the next
    /// lease tries to log in again (after the user fixed the password).
    public func clearAuthenticationFailure(account: String) {
        accounts[account]?.authenticationFailure = nil
    }

    /// Increases whenever a connection of the account is found dead or is
    /// dropped after an error; a folder-list cache compares it to know that a
    /// connection it relied on was replaced.
    public func resetGeneration(account: String) -> Int {
        accounts[account]?.resetGeneration ?? 0
    }

    /// Every account's connections and counters now.
    public func snapshot() -> PoolSnapshot {
        PoolSnapshot(accounts: accounts.values.map { $0.snapshot() }.sorted { $0.account < $1.account })
    }

    /// The most connections seen being set up at once for `host:port` (tests).
    func maxConcurrentSetups(host: String, port: Int) -> Int {
        hostLimiter.maxObserved[HostConnectLimiter.key(host: host, port: port)] ?? 0
    }

    /// Text for `lastError` and logs: the error's description without the
    /// server's host name or the user name (the user knows the account by name).
    static func redacted(_ error: any Error, endpoint: AccountEndpoint) -> String {
        redacted(String(describing: error), endpoint: endpoint)
    }

    /// `text` without the server's host name or the user name.
    static func redacted(_ text: String, endpoint: AccountEndpoint) -> String {
        var text = text
        // Longest first (a user `bob@mail.example.com` contains the host),
        // ignoring case. Very short names would mangle the text; they say little anyway.
        let names = [(endpoint.username, "<user>"), (endpoint.connection.host, "<server>"),
                     (endpoint.connection.serverName ?? "", "<server>")]
            .filter { $0.0.count >= 3 }
            .sorted { $0.0.count > $1.0.count }
        for (name, placeholder) in names {
            text = text.replacingOccurrences(of: name, with: placeholder, options: .caseInsensitive)
        }
        return text
    }
}
