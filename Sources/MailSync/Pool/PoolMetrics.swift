import Metrics

/// The swift-metrics instruments of one account, dimensioned by account
/// name only (never a host or a user name).
struct PoolMetrics: Sendable {
    let leases: Counter
    let reusedLeases: Counter
    let waits: Counter
    let waitTimeouts: Counter
    let waitTime: Metrics.Timer
    let healthCheckFailures: Counter
    let reconnects: Counter
    let connectFailures: Counter
    let resets: Counter
    let open: Gauge
    let idle: Gauge
    let inUse: Gauge
    let idling: Gauge

    init(account: String) {
        let dimensions = [("account", account)]
        leases = Counter(label: "tern_pool_leases_total", dimensions: dimensions)
        reusedLeases = Counter(label: "tern_pool_reused_leases_total", dimensions: dimensions)
        waits = Counter(label: "tern_pool_waits_total", dimensions: dimensions)
        waitTimeouts = Counter(label: "tern_pool_wait_timeouts_total", dimensions: dimensions)
        waitTime = Metrics.Timer(label: "tern_pool_wait_duration", dimensions: dimensions)
        healthCheckFailures = Counter(label: "tern_pool_health_check_failures_total", dimensions: dimensions)
        reconnects = Counter(label: "tern_pool_reconnects_total", dimensions: dimensions)
        connectFailures = Counter(label: "tern_pool_connect_failures_total", dimensions: dimensions)
        resets = Counter(label: "tern_pool_resets_total", dimensions: dimensions)
        open = Gauge(label: "tern_pool_connections_open", dimensions: dimensions)
        idle = Gauge(label: "tern_pool_connections_idle", dimensions: dimensions)
        inUse = Gauge(label: "tern_pool_connections_in_use", dimensions: dimensions)
        idling = Gauge(label: "tern_pool_connections_idling", dimensions: dimensions)
    }
}
