extension ConnectionPool {
    /// How the pool waits, checks, closes and reconnects. The defaults suit a
    /// desktop mail client; tests shorten them.
    public struct Configuration: Sendable {
        /// A waiter gives up after this (`SyncError.leaseTimedOut`).
        public var leaseTimeout: Duration = .seconds(30)
        /// A connection idle longer than this is NOOPed before it is lent.
        public var healthCheckAfter: Duration = .seconds(60)
        /// The NOOP must answer within this, or the connection is replaced.
        public var healthCheckTimeout: Duration = .seconds(10)
        /// A connection unused longer than this is logged out and closed.
        public var idleTimeout: Duration = .seconds(300)
        /// The first reconnect delay; it doubles per retry (with jitter).
        public var reconnectBaseDelay: Duration = .milliseconds(200)
        /// The longest reconnect delay.
        public var reconnectMaxDelay: Duration = .seconds(30)
        /// Attempts to open one connection before `SyncError.connectFailed`.
        public var connectAttempts: Int = 4
        /// Connections being set up (connect, TLS, login) at once per
        /// `host:port`, across accounts.
        public var maxConcurrentConnectsPerHost: Int = 3
        /// How long `shutdown()` waits for lent connections to come back
        /// before it closes them under their holders.
        public var shutdownGracePeriod: Duration = .seconds(5)

        public init() {}

        var backoff: Backoff { Backoff(base: reconnectBaseDelay, maximum: reconnectMaxDelay) }
    }
}
