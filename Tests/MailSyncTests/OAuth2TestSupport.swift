import Foundation
import IMAPClient
import NIOConcurrencyHelpers
import TernTestSupport
import Testing
@testable import MailSync

/// What the OAuth2 tests share: a provider pointed at the local token
/// endpoint, and a scripted Gmail-like IMAP server that accepts an XOAUTH2
/// token only while the token endpoint says it is live (on the test's clock).
enum OAuth2Test {
    static let refreshToken = "1//refresh-token-secret"
    static let username = "me@gmail.com"

    static func provider(_ server: OAuth2TestServer, clock: ManualClock, account: String = "gmail",
                         refreshToken: OAuth2Secret = .value(OAuth2Test.refreshToken),
                         _ change: (inout OAuth2TokenProvider.Configuration) -> Void = { _ in }) -> OAuth2TokenProvider {
        var configuration = OAuth2TokenProvider.Configuration(
            account: account, clientID: .value(server.clientID), clientSecret: .value(server.clientSecret),
            refreshToken: refreshToken, endpoint: OAuth2TokenEndpoint(url: URL(string: server.tokenURL)!, timeout: 10))
        change(&configuration)
        return OAuth2TokenProvider(configuration: configuration, clock: clock)
    }

    /// A token server with the test refresh token registered, on `clock`.
    static func withTokenServer<R: Sendable>(clock: ManualClock, lifetime: Duration = .seconds(3600),
                                             username: String = OAuth2Test.username,
                                             _ body: (OAuth2TestServer) async throws -> R) async throws -> R {
        try await OAuth2TestServer.withServer(lifetime: lifetime, now: { clock.elapsed },
                                              verifyPKCE: { PKCE.challenge(for: $0) == $1 }) { server in
            server.addRefreshToken(refreshToken, username: username)
            return try await body(server)
        }
    }

    static func token(_ credential: Credential) -> String? {
        if case .accessToken(let token) = credential { return token }
        return nil
    }

    /// Every AUTHENTICATE the scripted server saw: the token and whether it was live.
    final class AuthLog: Sendable {
        private let entries = NIOLockedValueBox<[(token: String, accepted: Bool)]>([])
        private let awaitingAck = NIOLockedValueBox<[Int: String]>([:])

        var attempts: [(token: String, accepted: Bool)] { entries.withLockedValue { $0 } }
        var rejections: Int { attempts.filter { !$0.accepted }.count }

        func record(_ token: String, accepted: Bool) { entries.withLockedValue { $0.append((token, accepted)) } }
        func expectAck(connection: Int, tag: String?) { awaitingAck.withLockedValue { $0[connection] = tag } }
        func takeAck(connection: Int) -> String? { awaitingAck.withLockedValue { $0.removeValue(forKey: connection) } }
    }

    static let greeting = "* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=XOAUTH2 AUTH=OAUTHBEARER] Gimap ready"
    // {"status":"401","schemes":"bearer","scope":"https://mail.google.com/"}
    static let errorJSON = "eyJzdGF0dXMiOiI0MDEiLCJzY2hlbWVzIjoiYmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS8ifQ=="

    /// Gmail's XOAUTH2 behaviour: SASL-IR; a dead token gets the base64 JSON
    /// error continuation, then NO after the client's empty line.
    static func gmailHandler(tokens: OAuth2TestServer, log: AuthLog,
                             accept: @escaping @Sendable (String) -> Bool = { _ in true }) -> ScriptedIMAPServer.Handler {
        { frame, connection in
            guard case .line = frame else { return }
            if let tag = log.takeAck(connection: connection.id) {
                try await connection.sendLine(frame.text.isEmpty
                    ? "\(tag) NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)"
                    : "\(tag) BAD expected an empty line")
                return
            }
            guard let tag = frame.tag else { return }
            switch frame.command {
            case "AUTHENTICATE":
                let parts = frame.text.split(separator: " ")
                let decoded = parts.count == 4 ? Data(base64Encoded: String(parts[3])).map { String(decoding: $0, as: UTF8.self) } : nil
                let token = decoded?.components(separatedBy: "auth=Bearer ").last?.components(separatedBy: "\u{1}").first ?? ""
                let live = tokens.isValid(accessToken: token) && accept(token)
                    && decoded?.hasPrefix("user=\(username)\u{1}") == true
                log.record(token, accepted: live)
                if live {
                    try await connection.sendLine("\(tag) OK [CAPABILITY IMAP4rev1 IDLE X-GM-EXT-1 UIDPLUS MOVE] \(username) authenticated (Success)")
                } else {
                    log.expectAck(connection: connection.id, tag: tag)
                    try await connection.sendLine("+ \(errorJSON)")
                }
            case "LIST":
                try await connection.sendLine(#"* LIST (\HasNoChildren) "/" "INBOX""#)
                try await connection.sendLine(#"* LIST (\All \HasNoChildren) "/" "[Gmail]/All Mail""#)
                try await connection.sendLine("\(tag) OK Success")
            default:
                try await GmailTestServer.answerOthers(frame, tag: tag, connection: connection)
            }
        }
    }

    static func endpoint(_ server: ScriptedIMAPServer, provider: any CredentialProvider, maxConnections: Int = 4) -> AccountEndpoint {
        AccountEndpoint(name: "gmail",
                        connection: ConnectionConfiguration(host: server.host, port: server.port, security: .plain,
                                                            connectTimeout: .seconds(5), commandTimeout: .seconds(20)),
                        username: username, credentials: provider, maxConnections: maxConnections)
    }

    /// A token server and a Gmail-like IMAP server that checks tokens with it.
    static func withGmail<R: Sendable>(clock: ManualClock, accept: @escaping @Sendable (String) -> Bool = { _ in true },
                                       _ body: (OAuth2TestServer, AuthLog, ScriptedIMAPServer) async throws -> R) async throws -> R {
        try await withTokenServer(clock: clock) { tokenServer in
            let log = AuthLog()
            return try await ScriptedIMAPServer.withServer(.init(greeting: greeting),
                                                           handler: gmailHandler(tokens: tokenServer, log: log, accept: accept)) { imap in
                try await body(tokenServer, log, imap)
            }
        }
    }

    /// Leases a connection of "gmail" expecting the account's authentication
    /// failure; returns its reason.
    static func authenticationFailure(_ pool: ConnectionPool, sourceLocation: SourceLocation = #_sourceLocation) async -> String {
        do {
            let lease = try await pool.lease(account: "gmail")
            await pool.release(lease)
            Issue.record("the lease must fail", sourceLocation: sourceLocation)
        } catch SyncError.authenticationFailed(let account, let reason) {
            #expect(account == "gmail", sourceLocation: sourceLocation)
            return reason
        } catch {
            Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
        }
        return ""
    }

    /// Waits (real time, polling) until `condition` holds.
    static func eventually(_ what: String, sourceLocation: SourceLocation = #_sourceLocation,
                           _ condition: () async -> Bool) async {
        await PoolTest.eventually(what, sourceLocation: sourceLocation, condition)
    }
}
