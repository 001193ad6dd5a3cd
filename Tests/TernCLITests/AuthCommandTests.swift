import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import MailSync
import Testing
import TernProcess
import TernTestSupport

/// `tern auth` end to end, loopback only: the real binary, the local token
/// endpoint, and the test playing the browser (it reads the printed URL and
/// comes back to the redirect URI with a code).
@Suite struct AuthCommandTests {
    /// The outcome of one `tern auth` run.
    struct Outcome {
        var status: Int32
        var stdout: [String]
        var stderr: String
    }

    static func writeConfig(_ server: OAuth2TestServer, directory: String, refreshToken: String,
                            username: String = "me@gmail.com") throws -> String {
        let path = directory + "/config.toml"
        try """
            [[accounts]]
            name = "gmail"
            kind = "gmail"
            username = "\(username)"
            oauth2_client_id = "\(server.clientID)"
            oauth2_client_secret_command = "echo \(server.clientSecret)"
            \(refreshToken)
            oauth2_token_url = "\(server.tokenURL)"
            oauth2_auth_url = "\(server.authorizationURL)"

            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func withDirectory<R>(_ body: (String) async throws -> R) async throws -> R {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tern-auth-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        return try await body(directory)
    }

    static func withTokenServer<R: Sendable>(_ body: (OAuth2TestServer) async throws -> R) async throws -> R {
        let clock = ContinuousClock()
        let start = clock.now
        return try await OAuth2TestServer.withServer(now: { clock.now - start },
                                                     verifyPKCE: { PKCE.challenge(for: $0) == $1 }, body: body)
    }

    /// Runs `tern auth gmail`; `browser` gets the query of the authorization
    /// URL when tern prints it.
    static func runAuth(_ arguments: [String], authorizationURL: String,
                        browser: @escaping @Sendable ([String: String]) async throws -> Void) async throws -> Outcome {
        try await runTern(["auth", "gmail", "--timeout", "20"] + arguments) { line in
            guard line.hasPrefix(authorizationURL), let components = URLComponents(string: line) else { return }
            var query: [String: String] = [:]
            for item in components.queryItems ?? [] { query[item.name] = item.value ?? "" }
            try await browser(query)
        }
    }

    /// Runs tern; `onLine` sees each line of stdout as it is printed. The
    /// child writes to files that are read as it runs; waiting never blocks
    /// the cooperative pool.
    static func runTern(_ arguments: [String], onLine: (String) async throws -> Void = { _ in }) async throws -> Outcome {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("tern-cli-\(UUID().uuidString)").path
        defer {
            try? FileManager.default.removeItem(atPath: base + ".out")
            try? FileManager.default.removeItem(atPath: base + ".err")
        }
        let child = try ChildProcess.spawn(TernCommandTests.ternBinary, arguments,
                                           stdout: .file(base + ".out"), stderr: .file(base + ".err"))
        let deadline = ContinuousClock.now + .seconds(60)
        var printed: [String] = []
        var termination: Termination?
        while termination == nil {
            termination = await child.wait(timeout: .milliseconds(20))
            if termination == nil, ContinuousClock.now > deadline {
                child.signal(SIGKILL)
                termination = await child.wait()
                Issue.record("tern \(arguments.joined(separator: " ")) did not end within 60 s")
            }
            let text = (try? String(contentsOfFile: base + ".out", encoding: .utf8)) ?? ""
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            // The last piece is a line still being written, or "" after the final newline.
            let last = lines.removeLast()
            if termination != nil, !last.isEmpty { lines.append(last) }
            for line in lines.dropFirst(printed.count) {
                printed.append(line)
                try await onLine(line)
            }
        }
        let stderr = (try? String(contentsOfFile: base + ".err", encoding: .utf8)) ?? ""
        return Outcome(status: termination?.shellStatus ?? -1, stdout: printed, stderr: stderr)
    }

    /// The browser coming back to the loopback redirect.
    static func redirect(_ query: [String: String], with parameters: [String: String]) async throws -> (Int, String) {
        let redirectURI = try #require(query["redirect_uri"])
        var components = try #require(URLComponents(string: redirectURI))
        components.queryItems = parameters.map { URLQueryItem(name: $0.key, value: $0.value) }
        let (data, response) = try await URLSession.shared.data(from: try #require(components.url))
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    @Test func signsInWithPKCEAndStoresTheRefreshTokenInAPrivateFile() async throws {
        try await Self.withTokenServer { server in
            try await Self.withDirectory { directory in
                let file = directory + "/tokens/gmail.refresh"
                let config = try Self.writeConfig(server, directory: directory, refreshToken: "oauth2_refresh_token_file = \"\(file)\"")
                let outcome = try await Self.runAuth(["--config", config], authorizationURL: server.authorizationURL) { query in
                    #expect(query["client_id"] == server.clientID)
                    #expect(query["response_type"] == "code")
                    #expect(query["scope"] == "https://mail.google.com/")
                    #expect(query["code_challenge_method"] == "S256")
                    #expect(query["login_hint"] == "me@gmail.com")
                    let redirectURI = try #require(query["redirect_uri"])
                    #expect(redirectURI.hasPrefix("http://127.0.0.1:"))
                    server.addAuthorizationCode("code-1", challenge: try #require(query["code_challenge"]), redirectURI: redirectURI)
                    let (status, page) = try await Self.redirect(query, with: ["code": "code-1", "state": try #require(query["state"])])
                    #expect(status == 200)
                    #expect(page.contains("signed in"))
                }
                #expect(outcome.status == 0, "\(outcome.stderr)")
                #expect(server.exchangeCount == 1)
                let stored = try String(contentsOfFile: file, encoding: .utf8)
                #expect(stored.hasPrefix("1//refresh-"))
                let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? NSNumber
                #expect(mode?.intValue == 0o600)
                let token = stored.trimmingCharacters(in: .whitespacesAndNewlines)
                #expect(!outcome.stdout.joined().contains(token), "the token is never printed when a file holds it")
                #expect(!outcome.stderr.contains(token))
                #expect(outcome.stderr.contains("signed in"))
            }
        }
    }

    @Test func printsTheRefreshTokenForAPasswordManager() async throws {
        try await Self.withTokenServer { server in
            try await Self.withDirectory { directory in
                let config = try Self.writeConfig(server, directory: directory, refreshToken: "oauth2_refresh_token_command = \"pass show g\"")
                let outcome = try await Self.runAuth(["--config", config], authorizationURL: server.authorizationURL) { query in
                    server.addAuthorizationCode("code-2", challenge: query["code_challenge"] ?? "", redirectURI: query["redirect_uri"] ?? "")
                    _ = try await Self.redirect(query, with: ["code": "code-2", "state": query["state"] ?? ""])
                }
                #expect(outcome.status == 0, "\(outcome.stderr)")
                #expect(outcome.stdout.last?.hasPrefix("1//refresh-") == true)
            }
        }
    }

    @Test func aRefusalInTheBrowserOrAForgedStateStoresNothing() async throws {
        try await Self.withTokenServer { server in
            try await Self.withDirectory { directory in
                let file = directory + "/gmail.refresh"
                let config = try Self.writeConfig(server, directory: directory, refreshToken: "oauth2_refresh_token_file = \"\(file)\"")
                let refused = try await Self.runAuth(["--config", config], authorizationURL: server.authorizationURL) { query in
                    _ = try await Self.redirect(query, with: ["error": "access_denied", "state": query["state"] ?? ""])
                }
                #expect(refused.status == 1)
                #expect(refused.stderr.contains("gmail: the sign-in was refused in the browser (access_denied)"))

                let forged = try await Self.runAuth(["--config", config], authorizationURL: server.authorizationURL) { query in
                    server.addAuthorizationCode("code-3", challenge: query["code_challenge"] ?? "", redirectURI: query["redirect_uri"] ?? "")
                    _ = try await Self.redirect(query, with: ["code": "code-3", "state": "forged"])
                }
                #expect(forged.status == 1)
                #expect(forged.stderr.contains("wrong state"))
                #expect(server.exchangeCount == 0)
                #expect(!FileManager.default.fileExists(atPath: file))
            }
        }
    }

    /// The composition root end to end: `tern sync` of a gmail-kind account
    /// against Dovecot's oauth2 passdb, the token from the local endpoint.
    @Test(.enabled(if: DovecotServer.isAvailable)) func syncsAnOAuth2AccountThroughDovecotUntilTheTokenIsRevoked() async throws {
        try await Self.withTokenServer { server in
            server.addRefreshToken("1//cli-refresh", username: "alice")
            try await DovecotServer.withServer(.init(userCount: 1, oauth2IntrospectionURL: server.introspectionURL)) { dovecot in
                try await dovecot.seed(user: "alice", messages: MessageFactory(seed: 9).messages(0..<3))
                let file = dovecot.directory + "/gmail.refresh"
                try "1//cli-refresh\n".write(toFile: file, atomically: true, encoding: .utf8)
                let config = try Self.writeConfig(server, directory: dovecot.directory, refreshToken: """
                    oauth2_refresh_token_file = "\(file)"
                    host = "\(dovecot.host)"
                    port = \(dovecot.plainPort)
                    security = "plain"
                    """, username: "alice")
                let outcome = try await Self.runTern(["sync", "--json", "--config", config,
                                                      "--cache", dovecot.directory + "/cli-cache.sqlite"])
                #expect(outcome.status == 0, "\(outcome.stderr)")
                let report = try JSONSerialization.jsonObject(with: Data((outcome.stdout.first ?? "").utf8)) as? [String: Any]
                #expect(report?["ok"] as? Bool == true)
                #expect(report?["added"] as? Int == 3)
                #expect(server.refreshCount == 1, "one token for every connection of the sync")
                #expect(!outcome.stderr.contains("ya29."))

                // Revoked (the user removed Tern's access): one clear failure.
                server.revokeRefreshToken("1//cli-refresh")
                let revoked = try await Self.runTern(["sync", "--config", config,
                                                      "--cache", dovecot.directory + "/cli-cache.sqlite"])
                #expect(revoked.status == 1)
                let line = revoked.stdout.joined(separator: "\n")
                #expect(line.contains("FAILED: gmail:"), "\(line)")
                #expect(line.contains("invalid_grant") && line.contains("run `tern auth gmail`"), "\(line)")
                #expect(!line.contains("1//cli-refresh") && !revoked.stderr.contains("1//cli-refresh"))
                #expect(server.refreshCount == 2, "asked once, not in a loop")
            }
        }
    }

    @Test func aPasswordAccountIsNotForAuth() async throws {
        try await Self.withDirectory { directory in
            let config = directory + "/config.toml"
            try "[[accounts]]\nname = \"gmail\"\nhost = \"h\"\nusername = \"u\"\npassword_command = \"c\"\n"
                .write(toFile: config, atomically: true, encoding: .utf8)
            let outcome = try await Self.runAuth(["--config", config], authorizationURL: "http://unused") { _ in }
            #expect(outcome.status == 1)
            #expect(outcome.stderr.contains("gmail signs in with a password, not OAuth2"))
        }
    }
}
