import Foundation
import TernTestSupport
import Testing
@testable import MailSync

/// The OAuth2 token provider against a local token endpoint, on a manual
/// clock: hours of token lifetimes in milliseconds.
@Suite struct OAuth2TokenProviderTests {
    @Test func theTokenIsCachedUntilLessThanFiveMinutesRemain() async throws {
        let clock = ManualClock()
        try await OAuth2Test.withTokenServer(clock: clock) { server in
            let tokens = OAuth2Test.provider(server, clock: clock)
            let first = try #require(OAuth2Test.token(try await tokens.credential()))
            for _ in 0..<20 { #expect(OAuth2Test.token(try await tokens.credential()) == first) }
            clock.advance(by: .seconds(54 * 60))
            #expect(OAuth2Test.token(try await tokens.credential()) == first, "6 minutes left: still cached")
            #expect(server.refreshCount == 1)
            clock.advance(by: .seconds(2 * 60))
            let second = try #require(OAuth2Test.token(try await tokens.credential()))
            #expect(second != first, "4 minutes left: refreshed before it expires")
            #expect(server.isValid(accessToken: second))
            #expect(server.refreshCount == 2)
            let form = try #require(server.requests.last?.form)
            #expect(form["grant_type"] == "refresh_token")
            #expect(form["refresh_token"] == OAuth2Test.refreshToken)
            #expect(form["client_id"] == server.clientID)
        }
    }

    @Test func aShortLivedTokenIsStillUsedForHalfItsLife() async throws {
        let clock = ManualClock()
        try await OAuth2Test.withTokenServer(clock: clock, lifetime: .seconds(120)) { server in
            let tokens = OAuth2Test.provider(server, clock: clock)
            for _ in 0..<59 {
                _ = try await tokens.credential()
                clock.advance(by: .seconds(1))
            }
            #expect(server.refreshCount == 1, "120 s tokens, under the 5-minute margin: not one refresh per use")
            clock.advance(by: .seconds(1))
            _ = try await tokens.credential()
            #expect(server.refreshCount == 2)
        }
    }

    @Test func concurrentCallersAtExpiryShareOneRefresh() async throws {
        let clock = ManualClock()
        try await OAuth2Test.withTokenServer(clock: clock) { server in
            let tokens = OAuth2Test.provider(server, clock: clock)
            // Even the very first use: many connections at once, one request.
            let firstRound = try await Self.concurrentTokens(tokens, count: 16)
            #expect(Set(firstRound).count == 1)
            #expect(server.refreshCount == 1)
            clock.advance(by: .seconds(3600))  // expired
            let secondRound = try await Self.concurrentTokens(tokens, count: 16)
            #expect(Set(secondRound).count == 1)
            #expect(secondRound.first != firstRound.first)
            #expect(server.refreshCount == 2)
        }
    }

    static func concurrentTokens(_ tokens: OAuth2TokenProvider, count: Int) async throws -> [String] {
        try await withThrowingTaskGroup(of: String?.self) { group in
            for _ in 0..<count { group.addTask { OAuth2Test.token(try await tokens.credential()) } }
            var all: [String] = []
            for try await token in group { all.append(token ?? "") }
            return all
        }
    }

    @Test func anActiveAccountIsRefreshedInTheBackgroundBeforeExpiry() async throws {
        let clock = ManualClock()
        try await OAuth2Test.withTokenServer(clock: clock) { server in
            let tokens = OAuth2Test.provider(server, clock: clock)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await tokens.run() }
                let first = try #require(OAuth2Test.token(try await tokens.credential()))
                try await clock.waitForSleepers(1)
                clock.advance(by: .seconds(49 * 60))
                try await clock.waitForSleepers(1)
                #expect(server.refreshCount == 1, "11 minutes left: not yet")
                clock.advance(by: .seconds(60))
                await OAuth2Test.eventually("a background refresh") { server.refreshCount == 2 }
                try await clock.waitForSleepers(1)
                let second = try #require(OAuth2Test.token(try await tokens.credential()))
                #expect(second != first)
                #expect(server.refreshCount == 2, "the connection did not wait for a refresh")
                group.cancelAll()
            }
        }
    }

    @Test func anInactiveAccountIsNotRefreshedInTheBackground() async throws {
        let clock = ManualClock()
        try await OAuth2Test.withTokenServer(clock: clock) { server in
            let tokens = OAuth2Test.provider(server, clock: clock) { $0.activityWindow = .seconds(30 * 60) }
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await tokens.run() }
                _ = try await tokens.credential()
                try await clock.waitForSleepers(1)
                clock.advance(by: .seconds(55 * 60))
                // run() woke at 50 minutes, saw no use for 50 minutes, and waits for a token.
                await OAuth2Test.eventually("run() gave up the sleep") { clock.sleeperCount == 0 }
                #expect(server.refreshCount == 1)
                clock.advance(by: .seconds(20 * 60))
                _ = try await tokens.credential()  // expired: refreshed on demand
                #expect(server.refreshCount == 2)
                group.cancelAll()
            }
        }
    }

    @Test func aFailedRefreshBacksOffExponentially() async throws {
        let clock = ManualClock()
        try await OAuth2Test.withTokenServer(clock: clock) { server in
            server.script([.status(503), .error(status: 500, code: "internal_failure"), .status(502)])
            let tokens = OAuth2Test.provider(server, clock: clock) {
                $0.backoff = Backoff(base: .seconds(2), maximum: .seconds(60))
            }
            for (attempt, wait) in [(1, 0), (2, 2), (3, 4)] {
                clock.advance(by: .seconds(wait))
                await #expect(throws: CredentialError.self) { try await tokens.credential() }
                #expect(server.refreshCount == attempt)
                // Backing off: failing at once, without a request.
                for _ in 0..<5 {
                    do {
                        _ = try await tokens.credential()
                        Issue.record("must fail while backing off")
                    } catch let error as CredentialError {
                        #expect(error.description.hasPrefix("gmail: cannot get an OAuth2 access token"))
                        #expect(!error.isPermanent)
                    }
                }
                #expect(server.refreshCount == attempt)
            }
            clock.advance(by: .seconds(8))
            _ = try await tokens.credential()
            #expect(server.refreshCount == 4)
        }
    }

    @Test func aValidTokenIsUsedWhileTheRefreshFails() async throws {
        let clock = ManualClock()
        try await OAuth2Test.withTokenServer(clock: clock) { server in
            let tokens = OAuth2Test.provider(server, clock: clock)
            let first = try #require(OAuth2Test.token(try await tokens.credential()))
            clock.advance(by: .seconds(57 * 60))
            server.script([.status(503)])
            #expect(OAuth2Test.token(try await tokens.credential()) == first, "3 minutes left: still usable")
            #expect(server.refreshCount == 2)
        }
    }

    @Test func aRevokedRefreshTokenIsOneClearErrorNotALoop() async throws {
        let clock = ManualClock()
        try await OAuth2Test.withTokenServer(clock: clock) { server in
            server.revokeRefreshToken(OAuth2Test.refreshToken)
            let tokens = OAuth2Test.provider(server, clock: clock)
            for _ in 0..<10 {
                do {
                    _ = try await tokens.credential()
                    Issue.record("a revoked token must fail")
                } catch let error as CredentialError {
                    #expect(error.isPermanent)
                    guard case .tokenRevoked = error else { Issue.record("\(error)"); continue }
                    #expect(error.description.contains("gmail"))
                    #expect(error.description.contains("invalid_grant"))
                    #expect(error.description.contains("tern auth gmail"))
                    #expect(!error.description.contains(OAuth2Test.refreshToken))
                    #expect(!error.description.contains(server.clientSecret))
                }
                clock.advance(by: .seconds(3600))
            }
            #expect(server.refreshCount == 1, "asked once; never again for the same refresh token")
        }
    }

    @Test func aNewSignInInTheRefreshTokenFileIsPickedUp() async throws {
        let clock = ManualClock()
        try await OAuth2Test.withTokenServer(clock: clock) { server in
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("tern-refresh-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: file) }
            try "1//revoked\n".write(toFile: file, atomically: true, encoding: .utf8)
            let tokens = OAuth2Test.provider(server, clock: clock, refreshToken: .file(file))
            await #expect(throws: CredentialError.self) { try await tokens.credential() }
            await #expect(throws: CredentialError.self) { try await tokens.credential() }
            #expect(server.refreshCount == 1)
            try "\(OAuth2Test.refreshToken)\n".write(toFile: file, atomically: true, encoding: .utf8)  // `tern auth`
            _ = try await tokens.credential()
            #expect(server.refreshCount == 2)
        }
    }

    /// A refresh token from a command: after the endpoint refused it, the command runs
    /// again on the next attempt, so a new sign-in is picked up without a restart.
    @Test func aNewSignInFromTheRefreshTokenCommandIsPickedUp() async throws {
        let clock = ManualClock()
        try await OAuth2Test.withTokenServer(clock: clock) { server in
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("tern-refresh-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: file) }
            try "1//revoked\n".write(toFile: file, atomically: true, encoding: .utf8)
            let tokens = OAuth2Test.provider(server, clock: clock, refreshToken: .command(PasswordCommand("cat '\(file)'")))
            await #expect(throws: CredentialError.self) { try await tokens.credential() }
            await #expect(throws: CredentialError.self) { try await tokens.credential() }
            #expect(server.refreshCount == 1, "the same refused token is not sent again")
            try "\(OAuth2Test.refreshToken)\n".write(toFile: file, atomically: true, encoding: .utf8)
            _ = try await tokens.credential()
            #expect(server.refreshCount == 2)
        }
    }

    @Test func aReplacedRefreshTokenIsWrittenBackToItsFile() async throws {
        let clock = ManualClock()
        try await OAuth2Test.withTokenServer(clock: clock) { server in
            server.setRefreshTokenRotation(true)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("tern-rotate-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: file) }
            try OAuth2Secret.writePrivately(OAuth2Test.refreshToken, to: file)
            let tokens = OAuth2Test.provider(server, clock: clock, refreshToken: .file(file))
            for _ in 0..<3 {
                _ = try await tokens.credential()
                clock.advance(by: .seconds(3600))
            }
            #expect(server.refreshCount == 3)
            let stored = try String(contentsOfFile: file, encoding: .utf8)
            #expect(stored.hasPrefix("1//rotated-"))
            let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? NSNumber
            #expect(mode?.intValue == 0o600)
        }
    }

    @Test func aReplacedRefreshTokenFromACommandIsKeptInMemory() async throws {
        let clock = ManualClock()
        try await OAuth2Test.withTokenServer(clock: clock) { server in
            server.setRefreshTokenRotation(true)
            let tokens = OAuth2Test.provider(server, clock: clock)
            for _ in 0..<3 {
                _ = try await tokens.credential()
                clock.advance(by: .seconds(3600))
            }
            #expect(server.refreshCount == 3)
            #expect(server.requests.last?.form["refresh_token"]?.hasPrefix("1//rotated-") == true)
        }
    }

    @Test func aMissingRefreshTokenFileSaysToRunTernAuth() async throws {
        let clock = ManualClock()
        try await OAuth2Test.withTokenServer(clock: clock) { server in
            let tokens = OAuth2Test.provider(server, clock: clock, refreshToken: .file("/nonexistent/tern-refresh"))
            do {
                _ = try await tokens.credential()
                Issue.record("must fail")
            } catch let error as CredentialError {
                #expect(error.description == "gmail: the OAuth2 refresh token file /nonexistent/tern-refresh does not exist; run `tern auth gmail`")
            }
            #expect(server.refreshCount == 0)
        }
    }

    @Test func aWrongClientIsAPermanentError() async throws {
        let clock = ManualClock()
        try await OAuth2Test.withTokenServer(clock: clock) { server in
            let tokens = OAuth2Test.provider(server, clock: clock) { $0.clientSecret = .value("wrong-secret") }
            do {
                _ = try await tokens.credential()
                Issue.record("must fail")
            } catch let error as CredentialError {
                guard case .clientRejected = error else { Issue.record("\(error)"); return }
                #expect(error.description.contains("oauth2_client_secret"))
                #expect(!error.description.contains("wrong-secret"))
            }
        }
    }

    @Test func rejectedDropsOnlyTheTokenInUse() async throws {
        let clock = ManualClock()
        try await OAuth2Test.withTokenServer(clock: clock) { server in
            let tokens = OAuth2Test.provider(server, clock: clock)
            let first = try await tokens.credential()
            await tokens.rejected(first)
            let second = try await tokens.credential()
            #expect(OAuth2Test.token(second) != OAuth2Test.token(first))
            #expect(server.refreshCount == 2)
            // Other connections report the old token late: no new refresh.
            for _ in 0..<3 { await tokens.rejected(first) }
            #expect(OAuth2Test.token(try await tokens.credential()) == OAuth2Test.token(second))
            #expect(server.refreshCount == 2)
        }
    }

    @Test func secretsComeFromCommands() async throws {
        let clock = ManualClock()
        try await OAuth2Test.withTokenServer(clock: clock) { server in
            let tokens = OAuth2Test.provider(server, clock: clock, refreshToken: .command(PasswordCommand("echo '\(OAuth2Test.refreshToken)'"))) {
                $0.clientSecret = .command(PasswordCommand("printf '%s\\n' '\(server.clientSecret)'"))
            }
            _ = try await tokens.credential()
            #expect(server.refreshCount == 1)
            #expect(!"\(OAuth2Secret.value("s3cret"))".contains("s3cret"))
            #expect("\(try await tokens.credential())" == "accessToken(<redacted>)")
            var configuration = OAuth2TokenProvider.Configuration(
                account: "gmail", clientID: .value("id"), clientSecret: .value("client-s3cret"),
                refreshToken: .value("1//refresh-s3cret"), endpoint: OAuth2TokenEndpoint(url: URL(string: server.tokenURL)!))
            configuration.refreshMargin = .seconds(60)
            for text in ["\(configuration)", String(reflecting: configuration)] {
                #expect(!text.contains("s3cret"), "\(text)")
            }
            let grant = OAuth2TokenEndpoint.Grant(accessToken: "ya29.s3cret", expiresIn: .seconds(3600), refreshToken: "1//s3cret")
            #expect(!"\(grant)".contains("s3cret") && !String(reflecting: grant).contains("s3cret"))
        }
    }

    @Test func pkceMatchesRFC7636AppendixB() {
        #expect(PKCE.base64URL(SHA256.hash(Array("abc".utf8)))
                == PKCE.base64URL([0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22, 0x23,
                                   0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad]))
        #expect(PKCE.challenge(for: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
        let pkce = PKCE()
        #expect(pkce.verifier.count == 64)
        #expect(PKCE.challenge(for: pkce.verifier) == pkce.challenge)
        #expect(!"\(pkce)".contains(pkce.verifier))
        // A message longer than one block.
        #expect(PKCE.base64URL(SHA256.hash(Array(String(repeating: "a", count: 1000).utf8)))
                == "Qe3s5C1j6Nm_UVqbppMuHCDLyfWl0TRkWttdsblzfqM")
    }
}
