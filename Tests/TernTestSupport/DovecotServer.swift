import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A private Dovecot IMAP server on 127.0.0.1 for tests, started by `Scripts/imap-server`.
///
/// Each instance has its own directory, configuration, certificates, users and Maildir
/// storage, on two free loopback ports: ``plainPort`` (IMAP, STARTTLS offered, plain
/// `LOGIN` allowed) and ``tlsPort`` (implicit TLS). The server certificate names
/// `IP:127.0.0.1` and `DNS:localhost` and is signed by ``caFile``;
/// ``wrongNameCertificateFile`` is signed by the same CA for `DNS:wrong.example` only.
/// Users are `alice`, `bob`, `carol`, … with the password `secret-<name>`.
///
/// ```swift
/// @Test(.enabled(if: DovecotServer.isAvailable, "Dovecot is not installed"))
/// func fetchesNewMail() async throws {
///     let server = try await DovecotServer.shared()
///     let user = server.users[2]
///     try await server.seed(user: user.name, messages: MessageFactory().messages(0..<50))
///     // connect to server.host:server.plainPort as user.name / user.password …
/// }
/// ```
///
/// Cleanup: ``stop()`` stops the server and removes the directory it made. Servers still
/// running when the test process exits are sent SIGTERM from an `atexit` handler, and a
/// watchdog started by the script stops them within a second, and removes their temporary
/// directories, if the process dies without running `atexit` (a crash or SIGKILL). Set
/// `TERN_KEEP_IMAP_DIR=1` to keep directories.
///
/// When Dovecot is missing, ``start(_:)`` throws ``Unavailable`` so that tests can skip;
/// under `CI=true` it throws ``Failure`` instead, and ``isAvailable`` stays true, so CI
/// fails loudly rather than skipping.
public struct DovecotServer: Sendable {
    /// A mail account on the server.
    public struct User: Sendable, Hashable {
        /// The login name, such as `alice`.
        public let name: String
        /// The password, `secret-<name>`.
        public let password: String
    }

    /// How to start a server.
    public struct Options: Sendable, Hashable {
        /// How many users to create (alice, bob, carol, dave, erin, frank, grace, heidi,
        /// ivan, judy, then user11 …).
        public var userCount: Int
        /// Whether the server advertises IDLE. Without it the capability list is
        /// Dovecot's default minus IDLE (Dovecot still answers an IDLE command).
        public var idle: Bool
        /// Serve the certificate for `DNS:wrong.example` (hostname verification tests).
        public var wrongNameCertificate: Bool
        /// The instance directory; `nil` makes a temporary one that ``stop()`` removes.
        public var directory: String?
        /// The Dovecot binary to use instead of the one found in `PATH`/`/usr/sbin`.
        public var dovecotBinary: String?
        /// Also accept SASL XOAUTH2 and OAUTHBEARER, checking each token by an RFC 7662
        /// introspection POST to this `http://127.0.0.1:PORT/…` URL (such as
        /// ``OAuth2TestServer/introspectionURL``); passwords keep working.
        public var oauth2IntrospectionURL: String?

        /// Options with defaults: three users, IDLE on, the right certificate, a new
        /// temporary directory, the installed Dovecot.
        public init(
            userCount: Int = 3,
            idle: Bool = true,
            wrongNameCertificate: Bool = false,
            directory: String? = nil,
            dovecotBinary: String? = nil,
            oauth2IntrospectionURL: String? = nil
        ) {
            self.userCount = userCount
            self.idle = idle
            self.wrongNameCertificate = wrongNameCertificate
            self.directory = directory
            self.dovecotBinary = dovecotBinary
            self.oauth2IntrospectionURL = oauth2IntrospectionURL
        }
    }

    /// Dovecot is not installed and `CI` is not `true`: the test should be skipped.
    public struct Unavailable: Error, CustomStringConvertible {
        /// What is missing and how to install it.
        public let description: String
    }

    /// Starting or seeding a server failed.
    public struct Failure: Error, CustomStringConvertible {
        /// What failed, with the script's error output or Dovecot's log tail.
        public let description: String
    }

    /// The instance directory (configuration, log, certificates, mail).
    public let directory: String
    /// Always `127.0.0.1`.
    public let host: String
    /// The plain IMAP port (STARTTLS available).
    public let plainPort: Int
    /// The implicit-TLS IMAP port.
    public let tlsPort: Int
    /// PEM file of the CA that signed both certificates.
    public let caFile: String
    /// The server certificate (SAN `IP:127.0.0.1`, `DNS:localhost`), PEM.
    public let certificateFile: String
    /// The server certificate's private key, PEM.
    public let keyFile: String
    /// A certificate for `DNS:wrong.example` only (no IP entry), signed by the same CA,
    /// for hostname-mismatch tests; the server uses it with `wrongNameCertificate`.
    public let wrongNameCertificateFile: String
    /// The wrong-name certificate's private key, PEM.
    public let wrongNameKeyFile: String
    /// The Dovecot master process.
    public let pid: Int32
    /// The accounts, in order: alice, bob, carol, …
    public let users: [User]
    /// Whether the server advertises IDLE.
    public let idleAdvertised: Bool
    /// Dovecot's log file.
    public let logFile: String

    let mailRoot: String
    let mailUID: uid_t
    let mailGID: gid_t
    /// The process-wide instance of ``shared()``: its ``stop()`` does nothing.
    var isShared = false

    /// Whether tests that need Dovecot should run: true when Dovecot is installed, and
    /// always under `CI=true` (so a missing Dovecot fails the run instead of skipping).
    /// Use it as `@Test(.enabled(if: DovecotServer.isAvailable))`.
    public static var isAvailable: Bool {
        isCI || findDovecot(override: nil) != nil
    }

    /// Starts a new server and waits until it answers.
    public static func start(_ options: Options = Options()) async throws -> DovecotServer {
        if findDovecot(override: options.dovecotBinary) == nil {
            throw missingDovecot(detail: "no executable dovecot in PATH or /usr/sbin")
        }
        var arguments = [
            "bash", scriptPath, "start",
            "--users", String(options.userCount),
            "--parent-pid", String(getpid()),
        ]
        if !options.idle {
            arguments.append("--no-idle")
        }
        if options.wrongNameCertificate {
            arguments.append("--wrong-cert")
        }
        if let directory = options.directory {
            arguments += ["--dir", directory]
        }
        if let introspection = options.oauth2IntrospectionURL {
            arguments += ["--oauth2-introspection", introspection]
        }
        var environment = ProcessInfo.processInfo.environment
        if let binary = options.dovecotBinary {
            environment["TERN_DOVECOT"] = binary
        }

        let output = try await ProcessRunner.run("/usr/bin/env", arguments, environment: environment)
        switch output.status {
        case 0:
            let server = try DovecotServer(environment: parseEnvironment(output.stdout))
            ServerRegistry.register(pid: server.pid, directory: server.directory,
                                    removeDirectory: options.directory == nil)
            return server
        case 2:
            throw missingDovecot(detail: output.stderr.trimmingCharacters(in: .whitespacesAndNewlines))
        default:
            throw Failure(description: """
                Scripts/imap-server start failed (exit \(output.status)):
                \(output.stderr)
                """)
        }
    }

    /// Starts a server, runs `body` with it, and stops it whether `body` returns or throws.
    public static func withServer<Result>(
        _ options: Options = Options(),
        _ body: (DovecotServer) async throws -> Result
    ) async throws -> Result {
        let server = try await start(options)
        let result: Swift.Result<Result, any Error>
        do {
            result = .success(try await body(server))
        } catch {
            result = .failure(error)
        }
        try await server.stop()
        return try result.get()
    }

    /// One server shared by every test in this process, started on first use with ten
    /// users (alice … judy) and stopped when the process exits (its ``stop()`` does
    /// nothing). Give each suite its own user or mailbox so that suites running in
    /// parallel do not see each other's mail.
    public static func shared() async throws -> DovecotServer {
        try await SharedDovecotServer.instance.server()
    }

    /// Stops the server, waits for it to exit, and removes its directory if ``start(_:)``
    /// made it. Calling it again does nothing, and so does calling it on ``shared()``.
    /// It does not throw: a master that ignores SIGTERM for ten seconds is killed with
    /// its process group (`throws` is kept for callers).
    public func stop() async throws {
        guard !isShared else { return }
        await ServerRegistry.stop(directory: directory)
    }

    /// The password of `user`, or `nil` if there is no such user.
    public func password(for user: String) -> String? {
        users.first { $0.name == user }?.password
    }

    /// The Maildir of `user`: `INBOX` is its `cur`/`new`/`tmp`, other mailboxes are
    /// Maildir++ folders such as `.Sent`.
    public func maildir(for user: String) -> String {
        "\(mailRoot)/\(user)/Maildir"
    }
}

extension DovecotServer {
    /// `Scripts/imap-server`, found from this file's place in the repository
    /// (`Tests/TernTestSupport/`), or `TERN_IMAP_SERVER_SCRIPT`.
    static let scriptPath: String = {
        if let override = ProcessInfo.processInfo.environment["TERN_IMAP_SERVER_SCRIPT"], !override.isEmpty {
            return override
        }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // TernTestSupport
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // repository root
            .appendingPathComponent("Scripts/imap-server")
            .path
    }()

    static var isCI: Bool {
        let value = ProcessInfo.processInfo.environment["CI"]?.lowercased()
        return value == "true" || value == "1" || value == "yes"
    }

    /// The Dovecot binary the script will use, with the same search order:
    /// `override` or `TERN_DOVECOT` if set (and only that), else `PATH`, else `/usr/sbin`.
    static func findDovecot(override: String?) -> String? {
        let fileManager = FileManager.default
        let environment = ProcessInfo.processInfo.environment
        if let explicit = override ?? environment["TERN_DOVECOT"], !explicit.isEmpty {
            return fileManager.isExecutableFile(atPath: explicit) ? explicit : nil
        }
        let directories = (environment["PATH"] ?? "").split(separator: ":").map(String.init) + ["/usr/sbin"]
        return directories
            .map { "\($0)/dovecot" }
            .first { fileManager.isExecutableFile(atPath: $0) }
    }

    static func missingDovecot(detail: String) -> any Error {
        let message = """
            Dovecot is not installed (\(detail)). \
            Install the Debian package dovecot-imapd, or run Scripts/test, which installs it.
            """
        if isCI {
            return Failure(description: "CI=true and the IMAP tests need Dovecot: \(message)")
        }
        return Unavailable(description: message)
    }

    /// Parses the `KEY=value` lines the script prints.
    static func parseEnvironment(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            guard let equals = line.firstIndex(of: "=") else { continue }
            values[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        return values
    }

    init(environment values: [String: String]) throws {
        func value(_ key: String) throws -> String {
            guard let value = values[key], !value.isEmpty else {
                throw Failure(description: "Scripts/imap-server start printed no \(key)")
            }
            return value
        }
        func number<Number: FixedWidthInteger>(_ key: String, as _: Number.Type = Number.self) throws -> Number {
            guard let number = Number(try value(key)) else {
                throw Failure(description: "Scripts/imap-server start printed a bad \(key): \(values[key] ?? "")")
            }
            return number
        }
        directory = try value("TERN_IMAP_DIR")
        host = try value("TERN_IMAP_HOST")
        plainPort = try number("TERN_IMAP_PORT")
        tlsPort = try number("TERN_IMAPS_PORT")
        caFile = try value("TERN_IMAP_CA")
        certificateFile = try value("TERN_IMAP_CERT")
        keyFile = try value("TERN_IMAP_KEY")
        wrongNameCertificateFile = try value("TERN_IMAP_WRONG_CERT")
        wrongNameKeyFile = try value("TERN_IMAP_WRONG_KEY")
        pid = try number("TERN_IMAP_PID")
        let prefix = try value("TERN_IMAP_PASSWORD_PREFIX")
        users = try value("TERN_IMAP_USERS")
            .split(separator: ",")
            .map { User(name: String($0), password: prefix + $0) }
        idleAdvertised = try value("TERN_IMAP_IDLE") == "yes"
        logFile = try value("TERN_IMAP_LOG")
        mailRoot = try value("TERN_IMAP_MAIL_ROOT")
        mailUID = try number("TERN_IMAP_MAIL_UID")
        mailGID = try number("TERN_IMAP_MAIL_GID")
    }
}
