import Foundation
import IMAPCodec
import Logging
import Metrics

/// One account's state inside the pool's actor: its endpoint, connections,
/// waiters and counters.
struct PoolAccount: Sendable {
    /// A lease request queued until a connection is free.
    struct Waiter: Sendable {
        let id: Int
        let folder: MailboxName?
        let purpose: String?
        let grant: OneShot<Grant>
    }

    /// What a waiter is handed.
    struct Grant: Sendable {
        let connectionID: Int
        let leaseID: Int
        /// The connection existed before the request (not opened for it).
        let reused: Bool
        /// Pool time the connection was last released (health check).
        let lastUsed: Duration
    }

    var endpoint: AccountEndpoint
    var logger: Logger
    let metrics: PoolMetrics
    var connections: [Int: PooledConnection] = [:]
    /// Connections being connected and logged in (a task runs or is queued for each).
    var opening = 0
    var waiters: [Waiter] = []
    /// Set when the server rejected the credentials: leases fail at once with it.
    var authenticationFailure: SyncError?

    var leases = 0
    var reusedLeases = 0
    var waits = 0
    var totalWaitTime: Duration = .zero
    var waitTimeouts = 0
    var healthCheckFailures = 0
    var reconnects = 0
    var connectAttempts = 0
    var connectionsOpened = 0
    var connectFailures = 0
    var resetGeneration = 0
    var lastError: String?
    var lastErrorAt: Date?

    init(endpoint: AccountEndpoint, logger: Logger) {
        self.endpoint = endpoint
        var logger = logger
        logger[metadataKey: "account"] = "\(endpoint.name)"
        self.logger = logger
        self.metrics = PoolMetrics(account: endpoint.name)
    }

    var name: String { endpoint.name }

    /// Everything that counts against `maxConnections`: live connections
    /// (closing ones included, the server still sees them) and those being opened.
    var total: Int { connections.count + opening }

    func count(_ predicate: (PooledConnection.State) -> Bool) -> Int {
        connections.values.reduce(0) { $0 + (predicate($1.state) ? 1 : 0) }
    }

    var idleCount: Int { count { $0 == .idle } }
    var inUseCount: Int { count { if case .inUse = $0 { return true } else { return false } } }
    var dedicatedCount: Int { count { if case .dedicated = $0 { return true } else { return false } } }
    var closingCount: Int { count { $0 == .closing } }

    /// The idle connection to lend for `folder`: one with it selected, else
    /// the most recently used one.
    func pickIdle(folder: MailboxName?) -> Int? {
        let idle = connections.values.filter { $0.state == .idle }
        if let folder, let match = idle.filter({ $0.selected == folder }).max(by: { $0.lastUsed < $1.lastUsed }) {
            return match.id
        }
        return idle.max(by: { $0.lastUsed < $1.lastUsed })?.id
    }

    mutating func recordError(_ text: String) {
        lastError = text
        lastErrorAt = Date()
    }

    func updateGauges() {
        metrics.open.record(connections.count)
        metrics.idle.record(idleCount)
        metrics.inUse.record(inUseCount)
        metrics.idling.record(dedicatedCount)
    }

    func snapshot() -> AccountPoolSnapshot {
        AccountPoolSnapshot(
            account: name,
            open: connections.count,
            idle: idleCount,
            inUse: inUseCount,
            idling: dedicatedCount,
            opening: opening,
            closing: closingCount,
            waiting: waiters.filter { !$0.grant.isResolved }.count,
            maxConnections: endpoint.maxConnections,
            leases: leases,
            reusedLeases: reusedLeases,
            reuseRatio: leases == 0 ? 0 : Double(reusedLeases) / Double(leases),
            waits: waits,
            totalWaitTime: totalWaitTime,
            waitTimeouts: waitTimeouts,
            healthCheckFailures: healthCheckFailures,
            reconnects: reconnects,
            connectAttempts: connectAttempts,
            connectionsOpened: connectionsOpened,
            connectFailures: connectFailures,
            authenticationFailed: authenticationFailure != nil,
            lastError: lastError,
            lastErrorAt: lastErrorAt,
            resetGeneration: resetGeneration
        )
    }
}
