import Foundation
import IMAPClient
import IMAPCodec
import TernTestSupport
import Testing
@testable import MailSync

/// XOAUTH2 end to end against a real Dovecot whose oauth2 passdb checks each
/// token by introspection at the local token endpoint (on the test's clock).
/// Under CI=true a missing Dovecot fails instead of skipping.
@Suite(.enabled(if: DovecotServer.isAvailable)) struct OAuth2DovecotTests {
    /// Dovecot with an oauth2 passdb pointing at `tokenServer`; alice is the user.
    static func withDovecot<R: Sendable>(_ tokenServer: OAuth2TestServer,
                                         _ body: (DovecotServer) async throws -> R) async throws -> R {
        try await DovecotServer.withServer(.init(userCount: 1, oauth2IntrospectionURL: tokenServer.introspectionURL), body)
    }

    static func endpoint(_ server: DovecotServer, provider: any CredentialProvider) -> AccountEndpoint {
        AccountEndpoint(name: "gmail", connection: server.poolConnection(), username: "alice",
                        credentials: provider, maxConnections: 2)
    }

    @Test func aLiveTokenLogsInAndLists() async throws {
        let clock = ManualClock()
        try await OAuth2Test.withTokenServer(clock: clock, username: "alice") { tokenServer in
            try await Self.withDovecot(tokenServer) { dovecot in
                let tokens = OAuth2Test.provider(tokenServer, clock: clock)
                try await PoolTest.withPool([Self.endpoint(dovecot, provider: tokens)]) { pool in
                    let names = try await pool.withConnection(account: "gmail") { imap in
                        #expect(await imap.isAuthenticated)
                        return try await imap.list().map(\.name.displayName)
                    }
                    #expect(names.contains("INBOX"))
                    #expect(names.contains("Sent"))
                    // An hour later a new connection logs in with a refreshed token.
                    clock.advance(by: .seconds(3600))
                    let lease = try await PoolTest.warmLease(pool, account: "gmail")
                    await lease.connection.close()
                    await pool.release(lease)
                    _ = try await pool.withConnection(account: "gmail") { imap in try await imap.list() }
                }
                #expect(tokenServer.refreshCount == 2)
                #expect(!tokenServer.introspections.isEmpty)
                #expect(tokenServer.introspections.allSatisfy { $0.active }, "Dovecot only ever saw live tokens")
            }
        }
    }

    /// Three simulated hours of four connections reconnecting against the real
    /// server: three refreshes, and Dovecot never saw a dead token.
    @Test func hoursOfReconnectsNeverPresentADeadToken() async throws {
        let clock = ManualClock()
        try await OAuth2Test.withTokenServer(clock: clock, username: "alice") { tokenServer in
            try await Self.withDovecot(tokenServer) { dovecot in
                let tokens = OAuth2Test.provider(tokenServer, clock: clock)
                var endpoint = Self.endpoint(dovecot, provider: tokens)
                endpoint.maxConnections = 4
                try await withThrowingTaskGroup(of: Void.self) { background in
                    background.addTask { await tokens.run() }
                    try await PoolTest.withPool([endpoint]) { pool in
                        for index in 0..<18 {  // 18 × 10 minutes
                            _ = try await OAuth2PoolTests.busyStep(pool, reconnect: index % 2 == 0)
                            clock.advance(by: .seconds(10 * 60))
                            try await clock.waitForSleepers(1)
                        }
                    }
                    background.cancelAll()
                }
                #expect(tokenServer.refreshCount <= 3 * 60 / 50 + 1)
                #expect(tokenServer.introspections.count >= 18, "logins went through Dovecot's oauth2 passdb")
                #expect(tokenServer.introspections.allSatisfy { $0.active }, "never a dead token")
            }
        }
    }

    @Test func aRefusedTokenGetsTheErrorContinuationAndAClearError() async throws {
        let clock = ManualClock()
        try await OAuth2Test.withTokenServer(clock: clock, username: "alice") { tokenServer in
            try await Self.withDovecot(tokenServer) { dovecot in
                // The client itself: the JSON continuation is answered and the
                // connection stays in step.
                try await IMAPConnection.withConnection(dovecot.poolConnection()) { imap in
                    do {
                        try await imap.authenticate(.xoauth2(username: "alice", accessToken: "ya29.never-issued-secret"))
                        Issue.record("an unknown token must be refused")
                    } catch let error as IMAPCommandError {
                        #expect(error.isAuthenticationFailure)
                        #expect(error.description.contains("\"status\":\"401\""), "Dovecot's JSON error is kept")
                        #expect(!error.description.contains("never-issued-secret"))
                    }
                    try await imap.noop()
                    #expect(await !imap.isAuthenticated)
                }
                #expect(tokenServer.introspections.map(\.active) == [false])

                // Through the pool: tokens the endpoint issues for someone else
                // are refused; one refresh, one retry, then a clear error.
                tokenServer.addRefreshToken("1//someone-else", username: "bob")
                let tokens = OAuth2Test.provider(tokenServer, clock: clock, refreshToken: .value("1//someone-else"))
                try await PoolTest.withPool([Self.endpoint(dovecot, provider: tokens)]) { pool in
                    let reason = await OAuth2Test.authenticationFailure(pool)
                    #expect(reason.contains("Authentication failed"))
                    #expect(!reason.contains("ya29."))
                }
                #expect(tokenServer.refreshCount == 2, "refreshed once after the first refusal")
            }
        }
    }
}
