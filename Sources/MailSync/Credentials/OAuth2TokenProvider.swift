import Foundation
import Logging
import TernProcess

/// OAuth2 access tokens for one account (Gmail's XOAUTH2): cached with their
/// expiry and refreshed before they expire, never per request or per
/// connection.
///
/// - `credential()` hands out the cached token while more than
///   `refreshMargin` (5 minutes) of it remains; otherwise it refreshes first.
///   Concurrent callers share one in-flight refresh (single flight). A token
///   that lives less than the margins is used for half its life.
/// - `run()`, which `SyncEngine.run()` runs beside the pool, refreshes in
///   the background `backgroundLead` (10 minutes) before expiry while the
///   account is active (a token was asked for within `activityWindow`), so a
///   reconnecting connection never waits for the token endpoint.
/// - A refresh token the endpoint replaces (rotation) is written back to its
///   file, or kept in memory.
/// - A failed refresh backs off exponentially (capped) and meanwhile fails at
///   once without a request; a still-valid token is handed out meanwhile.
/// - `invalid_grant` (revoked or expired refresh token) is one permanent
///   `CredentialError.tokenRevoked`: no request is made again until the
///   refresh token changes (a new `tern auth`).
/// - `rejected(_:)` (the server refused the token at AUTHENTICATE) drops it,
///   so the pool's one retry gets a fresh token.
///
/// The clock is injected, so tests run hours of token lifetimes in
/// milliseconds. Tokens and secrets never reach logs, errors or descriptions.
///
/// ```swift
/// let tokens = OAuth2TokenProvider(configuration: .init(
///     account: "gmail", clientID: .value(id), clientSecret: .command(PasswordCommand("pass show g/secret")),
///     refreshToken: .file(path), endpoint: OAuth2TokenEndpoint(url: tokenURL)))
/// await withDiscardingTaskGroup { group in
///     group.addTask { await tokens.run() }   // background refresh, until cancelled
///     // … the pool calls tokens.credential() when it opens a connection …
/// }
/// ```
public actor OAuth2TokenProvider: CredentialProvider, BackgroundCredentialRefresh {
    /// Where the secrets come from, and the timing. Printing it shows no
    /// secret (each `OAuth2Secret` prints redacted).
    public struct Configuration: Sendable {
        /// The account's name, for errors and logs.
        public var account: String
        public var clientID: OAuth2Secret
        public var clientSecret: OAuth2Secret?
        public var refreshToken: OAuth2Secret
        public var endpoint: OAuth2TokenEndpoint
        /// A token with less than this left is refreshed before it is handed out.
        public var refreshMargin: Duration = .seconds(300)
        /// While the account is active, `run()` refreshes this long before expiry.
        public var backgroundLead: Duration = .seconds(600)
        /// The account is active while a token was asked for within this long.
        public var activityWindow: Duration = .seconds(3600)
        /// The lifetime assumed when the endpoint gives no `expires_in`.
        public var defaultLifetime: Duration = .seconds(3600)
        /// A token with less than this left is not handed out even when a
        /// refresh failed (it could expire during AUTHENTICATE).
        public var minimumValidity: Duration = .seconds(30)
        /// The wait after failed refreshes (exponential, capped, with jitter).
        public var backoff = Backoff(base: .seconds(2), maximum: .seconds(300))

        public init(account: String, clientID: OAuth2Secret, clientSecret: OAuth2Secret?,
                    refreshToken: OAuth2Secret, endpoint: OAuth2TokenEndpoint) {
            self.account = account
            self.clientID = clientID
            self.clientSecret = clientSecret
            self.refreshToken = refreshToken
            self.endpoint = endpoint
        }
    }

    /// A cached access token; times are provider time (the clock since init).
    struct Token: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
        let value: String
        let expiresAt: Duration
        /// From then on it is refreshed before it is handed out.
        let refreshAt: Duration
        /// From then on `run()` refreshes it while the account is active.
        let backgroundAt: Duration

        /// Even a token that lives less than the margins is used for half its
        /// life, so a short lifetime never means a refresh per request.
        init(value: String, obtainedAt: Duration, lifetime: Duration, margin: Duration, lead: Duration) {
            self.value = value
            expiresAt = obtainedAt + lifetime
            refreshAt = obtainedAt + max(lifetime - margin, lifetime / 2)
            backgroundAt = min(refreshAt, obtainedAt + max(lifetime - lead, lifetime / 2))
        }

        var description: String { "Token(<redacted>, expiresAt: \(expiresAt))" }
        var debugDescription: String { description }
    }

    private let configuration: Configuration
    private let logger: Logger
    /// Provider time: the injected clock's time since init.
    private let now: @Sendable () -> Duration
    private let sleep: @Sendable (Duration) async throws -> Void

    private var token: Token?
    private var refreshing: Task<Token, any Error>?
    private var lastUse: Duration?
    private var failures = 0
    private var retryAt: Duration?
    private var lastFailure: CredentialError?
    /// A refresh token the endpoint sent in place of the configured one
    /// (rotation), for a source that cannot be written back.
    private var rotatedRefreshToken: String?
    /// A refusal retrying cannot mend, with the refresh token it was about.
    private var permanentFailure: (error: CredentialError, refreshToken: String)?
    /// Signals `run()` that a new token was stored.
    private let tokenStored: AsyncStream<Void>
    private let tokenStoredContinuation: AsyncStream<Void>.Continuation

    /// Requests made to the token endpoint (tests and the pool pane read it).
    public private(set) var refreshRequests = 0

    public init(configuration: Configuration, clock: any Clock<Duration> = ContinuousClock(),
                logger: Logger = Logger(label: "tern.oauth2")) {
        self.configuration = configuration
        var logger = logger
        logger[metadataKey: "account"] = "\(configuration.account)"
        self.logger = logger
        (now, sleep) = Self.reading(clock)
        (tokenStored, tokenStoredContinuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    private static func reading<C: Clock<Duration>>(_ clock: C) -> (@Sendable () -> Duration, @Sendable (Duration) async throws -> Void) {
        let start = clock.now
        return ({ start.duration(to: clock.now) },
                { duration in try await clock.sleep(until: clock.now.advanced(by: duration), tolerance: nil) })
    }

    // MARK: - CredentialProvider

    public func credential() async throws -> Credential {
        lastUse = now()
        if let token, now() < token.refreshAt {
            return .accessToken(token.value)
        }
        do {
            return .accessToken(try await refreshed().value)
        } catch {
            // A token that still has a little time beats none at all.
            if let token, token.expiresAt - now() > configuration.minimumValidity {
                logger.warning("token refresh failed; using the current token until it expires",
                               metadata: ["error": "\(error)"])
                return .accessToken(token.value)
            }
            throw error
        }
    }

    public func rejected(_ credential: Credential) async {
        // Only the token being handed out now: several connections may report
        // the same rejection, and one of them may already have a new token.
        guard case .accessToken(let value) = credential, value == token?.value else { return }
        logger.notice("the server refused the access token; it will be refreshed")
        token = nil
    }

    // MARK: - Background refresh

    /// Refreshes in the background before the token expires while the account
    /// is active, until cancelled. Run it once, beside the engine.
    public func run() async {
        while !Task.isCancelled {
            guard let due = backgroundDue() else {
                // No token, an expired one, or a refused sign-in: wait until
                // a token is stored (on demand, or after `tern auth`).
                guard await waitForNextToken() else { return }
                continue
            }
            do {
                try await sleep(max(.zero, due - now()))
            } catch {
                return  // cancelled
            }
            guard let token, now() >= token.backgroundAt, now() < token.expiresAt,
                  retryAt.map({ now() >= $0 }) ?? true else {
                continue  // refreshed meanwhile, or still backing off
            }
            guard isActive else {
                // Nobody used the account lately: the next use refreshes on demand.
                logger.debug("account inactive; no background refresh")
                guard await waitForNextToken() else { return }
                continue
            }
            do {
                _ = try await refreshed()
            } catch {
                logger.warning("background token refresh failed", metadata: ["error": "\(error)"])
            }
        }
    }

    /// When `run()` should next look at the token, or nil to wait for a new one.
    private func backgroundDue() -> Duration? {
        guard let token, now() < token.expiresAt, permanentFailure == nil else { return nil }
        var due = token.backgroundAt
        if let retryAt { due = max(due, retryAt) }
        return due < token.expiresAt ? due : nil
    }

    private func waitForNextToken() async -> Bool {
        for await _ in tokenStored { return true }
        return false
    }

    private var isActive: Bool {
        guard let lastUse else { return false }
        return now() - lastUse <= configuration.activityWindow
    }

    // MARK: - Refreshing

    /// A fresh token: joins the refresh in flight, or starts one unless a
    /// backoff is running.
    private func refreshed() async throws -> Token {
        if let refreshing { return try await refreshing.value }
        if let retryAt, now() < retryAt, let lastFailure {
            throw lastFailure
        }
        let task = Task { try await self.performRefresh() }
        refreshing = task
        return try await task.value
    }

    private func performRefresh() async throws -> Token {
        defer { refreshing = nil }
        let account = configuration.account
        let started = now()
        var refreshToken: String?
        do {
            let clientID = try await configuration.clientID.read(account: account, what: "OAuth2 client id")
            let clientSecret = try await configuration.clientSecret?.read(account: account, what: "OAuth2 client secret")
            let refresh: String
            if let rotatedRefreshToken {
                refresh = rotatedRefreshToken
            } else {
                refresh = try await configuration.refreshToken.read(account: account, what: "OAuth2 refresh token")
            }
            refreshToken = refresh
            if let permanentFailure {
                // Unchanged since it was refused: asking again cannot help.
                if permanentFailure.refreshToken == refresh {
                    await configuration.refreshToken.invalidate()
                    throw permanentFailure.error
                }
                self.permanentFailure = nil
            }
            refreshRequests += 1
            let grant = try await configuration.endpoint.refresh(clientID: clientID, clientSecret: clientSecret,
                                                                 refreshToken: refresh)
            if let rotated = grant.refreshToken, !rotated.isEmpty, rotated != refresh {
                await keep(rotatedRefreshToken: rotated)
            }
            let lifetime = grant.expiresIn ?? configuration.defaultLifetime
            let token = Token(value: grant.accessToken, obtainedAt: started, lifetime: lifetime,
                              margin: configuration.refreshMargin, lead: configuration.backgroundLead)
            self.token = token
            failures = 0
            retryAt = nil
            lastFailure = nil
            tokenStoredContinuation.yield()
            logger.info("access token refreshed", metadata: ["expires_in_s": "\(lifetime.components.seconds)"])
            return token
        } catch let failure as OAuth2TokenEndpoint.Failure {
            let error = Self.credentialError(failure, account: account)
            if error.isPermanent, let refreshToken {
                permanentFailure = (error, refreshToken)
                // The next attempt reads the configured source again (a command runs
                // again), so a new `tern auth` is picked up without a restart.
                rotatedRefreshToken = nil
                await configuration.refreshToken.invalidate()
                logger.error("the token endpoint refused the sign-in", metadata: ["error": "\(error)"])
            } else {
                backOff(error)
            }
            throw error
        } catch let error as CredentialError {
            if !error.isPermanent { backOff(error) }
            throw error
        } catch {
            let wrapped = CredentialError.tokenRefreshFailed(account: account, reason: "\(error)")
            backOff(wrapped)
            throw wrapped
        }
    }

    /// Some endpoints (not Google's) replace the refresh token on each use:
    /// the new one is written back to the refresh token file, or kept in
    /// memory for the life of the process.
    private func keep(rotatedRefreshToken rotated: String) async {
        if case .file(let path) = configuration.refreshToken {
            do {
                try await onDedicatedThread { try OAuth2Secret.writePrivately(rotated, to: path) }
                rotatedRefreshToken = nil
                logger.info("the token endpoint replaced the refresh token; the file was updated")
                return
            } catch {
                logger.error("cannot store the replaced refresh token", metadata: ["error": "\(error)"])
            }
        }
        rotatedRefreshToken = rotated
    }

    private func backOff(_ error: CredentialError) {
        failures += 1
        var generator = SystemRandomNumberGenerator()
        let delay = configuration.backoff.delay(forRetry: failures, using: &generator)
        retryAt = now() + delay
        lastFailure = error
        logger.warning("token refresh failed; backing off", metadata: [
            "error": "\(error)", "failures": "\(failures)", "delay_ms": "\(delay.components.seconds * 1000 + delay.components.attoseconds / 1_000_000_000_000_000)",
        ])
    }

    static func credentialError(_ failure: OAuth2TokenEndpoint.Failure, account: String) -> CredentialError {
        switch failure {
        case .refused(let code, let detail) where code == "invalid_grant":
            return .tokenRevoked(account: account, detail: detail.map { "\(code): \($0)" } ?? code)
        case .refused(let code, let detail) where code == "invalid_client" || code == "unauthorized_client":
            return .clientRejected(account: account, detail: detail.map { "\(code): \($0)" } ?? code)
        case .refused, .transport:
            return .tokenRefreshFailed(account: account, reason: failure.description)
        }
    }
}
