import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// A small OAuth2 authorization server on 127.0.0.1 for tests: a token
/// endpoint (`POST /token`: refresh tokens and authorization codes) and an
/// RFC 7662 introspection endpoint (`POST /introspect`, for Dovecot's oauth2
/// passdb), with access tokens that expire on the test's clock.
///
/// It counts requests, and answers what a test scripts: a chosen lifetime,
/// server errors, `invalid_grant` for a revoked refresh token.
///
/// ```swift
/// let clock = ManualClock()
/// try await OAuth2TestServer.withServer(now: { clock.elapsed }) { server in
///     // point a provider at server.tokenURL …
///     #expect(server.refreshCount == 1)
/// }
/// ```
public final class OAuth2TestServer: Sendable {
    /// One request as the server saw it.
    public struct Request: Sendable {
        public let method: String
        public let path: String
        public let form: [String: String]
    }

    /// An answer to force for the next token request.
    public enum Scripted: Sendable {
        /// An HTTP status with an OAuth2 error body (`{"error": code}`).
        case error(status: Int, code: String)
        /// An HTTP status with a body that is not JSON.
        case status(Int)
    }

    /// An authorization code waiting to be exchanged.
    public struct PendingCode: Sendable {
        public let challenge: String
        public let redirectURI: String
    }

    struct AccessToken {
        let expiresAt: Duration
        let username: String
        var revoked = false
    }

    struct State {
        var refreshTokens: [String: String] = [:]  // refresh token → user
        var accessTokens: [String: AccessToken] = [:]
        var codes: [String: PendingCode] = [:]
        var script: [Scripted] = []
        var requests: [Request] = []
        var issued = 0
        var lifetime: Duration
        var introspections: [(token: String, active: Bool)] = []
        var rotateRefreshTokens = false
    }

    /// Always `127.0.0.1`.
    public let host = "127.0.0.1"
    public let port: Int
    public let clientID: String
    public let clientSecret: String
    let now: @Sendable () -> Duration
    /// Checks a PKCE verifier against its S256 challenge (the test supplies SHA-256).
    let verifyPKCE: @Sendable (_ verifier: String, _ challenge: String) -> Bool
    let state: LockedBox<State>

    /// `http://127.0.0.1:PORT/token`.
    public var tokenURL: String { "http://\(host):\(port)/token" }
    /// `http://127.0.0.1:PORT/introspect`.
    public var introspectionURL: String { "http://\(host):\(port)/introspect" }
    /// `http://127.0.0.1:PORT/authorize` (not served: the test plays the browser).
    public var authorizationURL: String { "http://\(host):\(port)/authorize" }

    private init(port: Int, clientID: String, clientSecret: String, lifetime: Duration,
                 now: @escaping @Sendable () -> Duration,
                 verifyPKCE: @escaping @Sendable (String, String) -> Bool, state: LockedBox<State>) {
        self.port = port
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.now = now
        self.verifyPKCE = verifyPKCE
        self.state = state
        state.withLock { $0.lifetime = lifetime }
    }

    /// Runs `body` while the server listens on a free loopback port.
    /// `now` is the server's clock (access tokens expire on it); tokens live
    /// `lifetime` unless changed with ``setLifetime(_:)``.
    public static func withServer<Result: Sendable>(
        clientID: String = "tern-test-client", clientSecret: String = "tern-test-client-secret",
        lifetime: Duration = .seconds(3600),
        now: @escaping @Sendable () -> Duration,
        verifyPKCE: @escaping @Sendable (String, String) -> Bool = { verifier, _ in (43...128).contains(verifier.count) },
        body: (OAuth2TestServer) async throws -> Result
    ) async throws -> Result {
        let state = LockedBox(State(lifetime: lifetime))
        let box = LockedBox<OAuth2TestServer?>(nil)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(OAuth2HTTPHandler(server: { box.withLock { $0 } }))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        guard let port = channel.localAddress?.port else {
            try? await channel.close()
            throw ScriptedIMAPServer.Failure.noPort
        }
        let server = OAuth2TestServer(port: port, clientID: clientID, clientSecret: clientSecret, lifetime: lifetime,
                                      now: now, verifyPKCE: verifyPKCE, state: state)
        box.withLock { $0 = server }
        let result: Swift.Result<Result, any Error>
        do {
            result = .success(try await body(server))
        } catch {
            result = .failure(error)
        }
        try? await channel.close()
        return try result.get()
    }

    // MARK: - Test controls

    /// Makes `refreshToken` valid for `username`.
    public func addRefreshToken(_ refreshToken: String, username: String) {
        state.withLock { $0.refreshTokens[refreshToken] = username }
    }

    /// Revokes a refresh token: refreshing with it answers `invalid_grant`.
    public func revokeRefreshToken(_ refreshToken: String) {
        state.withLock { _ = $0.refreshTokens.removeValue(forKey: refreshToken) }
    }

    /// Revokes every access token issued so far (introspection says inactive).
    public func revokeAccessTokens() {
        state.withLock { state in
            for key in state.accessTokens.keys { state.accessTokens[key]?.revoked = true }
        }
    }

    /// Whether each refresh replaces the refresh token (the old one then
    /// answers `invalid_grant`), as some providers do.
    public func setRefreshTokenRotation(_ rotate: Bool) {
        state.withLock { $0.rotateRefreshTokens = rotate }
    }

    /// The lifetime of tokens issued from now on.
    public func setLifetime(_ lifetime: Duration) {
        state.withLock { $0.lifetime = lifetime }
    }

    /// Answers for the next token requests, in order, before normal service resumes.
    public func script(_ answers: [Scripted]) {
        state.withLock { $0.script += answers }
    }

    /// Registers an authorization code as if the user had approved in a browser.
    public func addAuthorizationCode(_ code: String, challenge: String, redirectURI: String) {
        state.withLock { $0.codes[code] = PendingCode(challenge: challenge, redirectURI: redirectURI) }
    }

    // MARK: - Observations

    /// Every request so far.
    public var requests: [Request] { state.withLock { $0.requests } }
    /// Refresh-token grants asked for (answered or not).
    public var refreshCount: Int { requests.filter { $0.path == "/token" && $0.form["grant_type"] == "refresh_token" }.count }
    /// Authorization-code grants asked for.
    public var exchangeCount: Int { requests.filter { $0.path == "/token" && $0.form["grant_type"] == "authorization_code" }.count }
    /// Introspections and whether each found the token active.
    public var introspections: [(token: String, active: Bool)] { state.withLock { $0.introspections } }

    /// Whether `token` is a live access token now (issued, not expired, not revoked).
    public func isValid(accessToken token: String) -> Bool {
        let now = self.now()
        return state.withLock { state in
            guard let access = state.accessTokens[token] else { return false }
            return !access.revoked && now < access.expiresAt
        }
    }

    // MARK: - Answering

    func respond(method: String, uri: String, body: String) -> (status: Int, json: String) {
        let path = String(uri.prefix { $0 != "?" })
        let form = Self.parseForm(body)
        let now = self.now()
        return state.withLock { state in
            state.requests.append(Request(method: method, path: path, form: form))
            switch (method, path) {
            case ("POST", "/token"):
                return token(form: form, now: now, state: &state)
            case ("POST", "/introspect"):
                let token = form["token"] ?? ""
                guard let access = state.accessTokens[token], !access.revoked, now < access.expiresAt else {
                    state.introspections.append((token, false))
                    return (200, #"{"active":false}"#)
                }
                state.introspections.append((token, true))
                return (200, #"{"active":true,"username":"\#(access.username)","scope":"https://mail.google.com/"}"#)
            default:
                return (404, #"{"error":"not_found"}"#)
            }
        }
    }

    private func token(form: [String: String], now: Duration, state: inout State) -> (status: Int, json: String) {
        if !state.script.isEmpty {
            switch state.script.removeFirst() {
            case .error(let status, let code): return (status, #"{"error":"\#(code)","error_description":"scripted"}"#)
            case .status(let status): return (status, "<html>scripted</html>")
            }
        }
        guard form["client_id"] == clientID, form["client_secret"] == clientSecret else {
            return (401, #"{"error":"invalid_client","error_description":"The OAuth client was not found."}"#)
        }
        let username: String
        var newRefreshToken: String?
        switch form["grant_type"] {
        case "refresh_token":
            guard let user = state.refreshTokens[form["refresh_token"] ?? ""] else {
                return (400, #"{"error":"invalid_grant","error_description":"Token has been expired or revoked."}"#)
            }
            username = user
            if state.rotateRefreshTokens {
                state.refreshTokens[form["refresh_token"] ?? ""] = nil
                state.issued += 1
                let rotated = "1//rotated-\(state.issued)"
                state.refreshTokens[rotated] = user
                newRefreshToken = rotated
            }
        case "authorization_code":
            guard let code = form["code"], let pending = state.codes.removeValue(forKey: code),
                  pending.redirectURI == form["redirect_uri"],
                  let verifier = form["code_verifier"], verifyPKCE(verifier, pending.challenge) else {
                return (400, #"{"error":"invalid_grant","error_description":"Bad code, redirect_uri or code_verifier."}"#)
            }
            state.issued += 1
            let refresh = "1//refresh-\(state.issued)"
            username = "me@gmail.com"
            state.refreshTokens[refresh] = username
            newRefreshToken = refresh
        default:
            return (400, #"{"error":"unsupported_grant_type"}"#)
        }
        state.issued += 1
        let access = "ya29.access-\(state.issued)"
        state.accessTokens[access] = AccessToken(expiresAt: now + state.lifetime, username: username)
        var json = #"{"access_token":"\#(access)","expires_in":\#(state.lifetime.components.seconds),"token_type":"Bearer","scope":"https://mail.google.com/""#
        if let newRefreshToken { json += #","refresh_token":"\#(newRefreshToken)""# }
        return (200, json + "}")
    }

    static func parseForm(_ body: String) -> [String: String] {
        var form: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
            }
            form[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return form
    }
}
