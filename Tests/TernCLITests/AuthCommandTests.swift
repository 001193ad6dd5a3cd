import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import MailSync
import Synchronization
import Testing
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

    /// Runs tern; `onLine` sees each line of stdout as it is printed. Output
    /// is read on threads of its own, and the exit is awaited through the
    /// termination handler (the cooperative pool is never blocked).
    static func runTern(_ arguments: [String], onLine: (String) async throws -> Void = { _ in }) async throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TernCommandTests.ternBinary)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let (lines, lineSink) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .unbounded)
        let (exit, exitSink) = AsyncStream.makeStream(of: Int32.self, bufferingPolicy: .bufferingNewest(1))
        process.terminationHandler = { exitSink.yield($0.terminationStatus); exitSink.finish() }
        let stderr = ThreadReader(err.fileHandleForReading, onLine: { _ in })
        let stdout = ThreadReader(out.fileHandleForReading, onLine: { lineSink.yield($0) }, onEnd: { lineSink.finish() })
        try process.run()
        stdout.start()
        stderr.start()
        var printed: [String] = []
        for await line in lines {
            printed.append(line)
            try await onLine(line)
        }
        var status: Int32 = -1
        for await code in exit { status = code }
        return Outcome(status: status, stdout: printed, stderr: stderr.text)
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
    @Test(.enabled(if: DovecotServer.isAvailable)) func syncsAnOAuth2AccountThroughDovecot() async throws {
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

/// Reads a pipe to its end on a thread of its own, line by line.
final class ThreadReader: Sendable {
    private let handle: FileHandle
    private let onLine: @Sendable (String) -> Void
    private let onEnd: @Sendable () -> Void
    private let collected = LockedText()

    init(_ handle: FileHandle, onLine: @escaping @Sendable (String) -> Void, onEnd: @escaping @Sendable () -> Void = {}) {
        self.handle = handle
        self.onLine = onLine
        self.onEnd = onEnd
    }

    /// Everything read so far.
    var text: String { collected.value }

    func start() {
        Thread { [self] in
            var pending = Data()
            while true {
                let data = handle.availableData
                if data.isEmpty { break }
                collected.append(String(decoding: data, as: UTF8.self))
                pending += data
                while let newline = pending.firstIndex(of: 10) {
                    onLine(String(decoding: pending[pending.startIndex..<newline], as: UTF8.self))
                    pending = Data(pending[(newline + 1)...])
                }
            }
            if !pending.isEmpty { onLine(String(decoding: pending, as: UTF8.self)) }
            onEnd()
        }.start()
    }
}

/// A string behind a lock.
final class LockedText: Sendable {
    private let storage = Mutex("")
    var value: String { storage.withLock { $0 } }
    func append(_ text: String) { storage.withLock { $0 += text } }
}
