import Foundation
import TernProcess
import Testing
import TernTestSupport

/// The command-line contract of DESIGN.md, run as a user runs it: the real
/// `tern` binary against a real Dovecot.
@Suite struct TernCommandTests {
    /// The `tern` built next to this test bundle.
    static var ternBinary: String { BuiltProduct.path("tern") }

    static func writeConfig(_ server: DovecotServer) throws -> (config: String, cache: String) {
        let config = server.directory + "/cli-config.toml"
        try server.plainAccountTOML(name: "demo", user: "alice", secret: "password_command = \"echo secret-alice\"")
            .write(toFile: config, atomically: true, encoding: .utf8)
        return (config, server.directory + "/cli-cache.sqlite")
    }

    /// Runs tern to completion (at most a minute); returns its exit status and output.
    static func run(_ arguments: [String]) async throws -> ProcessRunner.Output {
        try await ProcessRunner.run(ternBinary, arguments, timeout: .seconds(60))
    }

    @Test func syncThenListAndFoldersFromTheCache() async throws {
        try await DovecotServer.withServer(DovecotServer.Options(userCount: 1)) { server in
            try await server.seed(user: "alice", messages: MessageFactory(seed: 5).messages(0..<12))
            let (config, cache) = try Self.writeConfig(server)
            let sync = try await Self.run(["sync", "--json", "--config", config, "--cache", cache])
            #expect(sync.status == 0, "\(sync.stderr)")
            let line = try #require(sync.stdout.split(separator: "\n").first)
            let report = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(report?["account"] as? String == "demo")
            #expect(report?["ok"] as? Bool == true)
            #expect(report?["added"] as? Int == 12)

            let list = try await Self.run(["list", "--account", "demo", "--folder", "INBOX", "--json", "--limit", "5",
                                     "--config", config, "--cache", cache])
            #expect(list.status == 0)
            let rows = list.stdout.split(separator: "\n")
            #expect(rows.count == 5)
            let newest = try JSONSerialization.jsonObject(with: Data(rows[0].utf8)) as? [String: Any]
            #expect(newest?["uid"] as? Int == 12, "newest first")

            let folders = try await Self.run(["folders", "--account", "demo", "--config", config, "--cache", cache])
            #expect(folders.status == 0)
            #expect(folders.stdout.contains("INBOX") && folders.stdout.contains("12"))

            let unknown = try await Self.run(["list", "--account", "nobody", "--folder", "INBOX", "--cache", cache])
            #expect(unknown.status == 1)
            #expect(unknown.stderr.contains("no account named \"nobody\""))
        }
    }

    @Test func aFailingAccountMakesSyncExitOneAfterTheOthers() async throws {
        try await DovecotServer.withServer(DovecotServer.Options(userCount: 2)) { server in
            let (config, cache) = try Self.writeConfig(server)
            try (try String(contentsOfFile: config, encoding: .utf8)
                 + server.plainAccountTOML(name: "broken", user: "bob", secret: "password = \"wrong\""))
                .write(toFile: config, atomically: true, encoding: .utf8)
            chmod(config, 0o600)
            let sync = try await Self.run(["sync", "--config", config, "--cache", cache])
            #expect(sync.status == 1)
            #expect(sync.stdout.contains("demo: ok"))
            #expect(sync.stdout.contains("FAILED: broken"))
            #expect(!sync.stdout.contains("wrong") && !sync.stderr.contains("wrong"), "no secret in the output")
        }
    }

    @Test func watchPrintsNewMailAndLogsOutOnSIGINT() async throws {
        try await DovecotServer.withServer(DovecotServer.Options(userCount: 1)) { server in
            let (config, cache) = try Self.writeConfig(server)
            // A first sync, so what arrives while watching is new mail.
            #expect(try await Self.run(["sync", "--config", config, "--cache", cache]).status == 0)
            let outputFile = server.directory + "/watch.jsonl"
            let process = try ChildProcess.spawn(Self.ternBinary, ["watch", "--json", "--config", config, "--cache", cache],
                                                 stdout: .file(outputFile))
            defer { process.signal(SIGKILL) }
            let lines = LineCollector(path: outputFile)
            try await lines.wait(for: "\"mode\":\"idle\"")
            try await server.seed(user: "alice", messages: MessageFactory(seed: 6).messages(0..<1))
            let event = try await lines.wait(for: "\"newMail\"")
            let json = try JSONSerialization.jsonObject(with: Data(event.utf8)) as? [String: Any]
            #expect(json?["account"] as? String == "demo")
            #expect(json?["folder"] as? String == "INBOX")
            #expect(json?["uids"] as? [Int] == [1])
            #expect((json?["ts"] as? String)?.hasSuffix("Z") == true)

            process.signal(SIGINT)
            let ended = await process.wait(timeout: .seconds(15))
            #expect(ended == .exited(0), "tern watch ends cleanly on SIGINT")
        }
    }
}

/// The lines a child writes to a file, read as they come.
struct LineCollector {
    let path: String

    /// Waits (up to 20 s) for a line containing `text`; returns it.
    @discardableResult
    func wait(for text: String) async throws -> String {
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(20)
        while clock.now < deadline {
            let contents = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            if let line = contents.split(separator: "\n").first(where: { $0.contains(text) }) { return String(line) }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw CancellationError()
    }
}

/// The interactive command's checks that need no terminal: a bad theme or
/// keymap is named with its file and key, and without a terminal it says so.
@Suite struct TernUICommandTests {
    @Test func badThemeOrKeymapAndNoTerminal() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tern-ui-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/tern/keymaps", withIntermediateDirectories: true)
        let config = dir + "/config.toml"
        try """
            [[accounts]]
            name = "demo"
            host = "127.0.0.1"
            port = 1
            security = "plain"
            username = "alice"
            password = "x"
            """.write(toFile: config, atomically: true, encoding: .utf8)
        try "[keys]\n\"x\" = \"sync_everything\"\n".write(toFile: dir + "/tern/keymaps/mine.toml", atomically: true, encoding: .utf8)
        let environment = ["XDG_CONFIG_HOME": dir, "HOME": dir, "PATH": "/usr/bin:/bin"]
        let common = ["--config", config, "--cache", dir + "/cache.sqlite", "--log-file", dir + "/tern.log"]

        let theme = try await ProcessRunner.run(TernCommandTests.ternBinary, ["--theme", "nope"] + common, environment: environment)
        #expect(theme.status == 1)
        #expect(theme.stderr.contains("general.theme: no theme named \"nope\""), "\(theme.stderr)")

        let keymap = try await ProcessRunner.run(TernCommandTests.ternBinary, ["--keymap", "mine"] + common, environment: environment)
        #expect(keymap.status == 1)
        #expect(keymap.stderr.contains("\(dir)/tern/keymaps/mine.toml: keys.x: unknown action \"sync_everything\""), "\(keymap.stderr)")

        let noTerminal = try await ProcessRunner.run(TernCommandTests.ternBinary, ["--keymap", "vim", "--theme", "dark"] + common,
                                                     environment: environment)
        #expect(noTerminal.status == 1)
        #expect(noTerminal.stderr.contains("needs a terminal"), "\(noTerminal.stderr)")
    }
}
