import Foundation
import Testing
import TernTestSupport

/// The interactive client as a user meets it: the real `tern` binary in a
/// tmux pane against the real Dovecot, driven by keys, read off the screen.
@Suite(.serialized) struct TernUITests {
    static var ternBinary: String {
        BuiltProduct.path("tern")
    }

    static var tmuxRequired: Bool { ProcessInfo.processInfo.environment["CI"]?.lowercased() == "true" || Tmux.isAvailable }

    static func config(_ server: DovecotServer) -> String {
        server.users.prefix(2).map { user in
            server.plainAccountTOML(name: user.name, user: user.name, secret: "password_command = \"echo secret-\(user.name)\"",
                                    extra: "max_connections = 4")
        }.joined()
    }

    @Test(.enabled(if: DovecotServer.isAvailable && tmuxRequired, "Dovecot or tmux is not installed"))
    func readSyncWatchPoolResizeQuit() async throws {
        try await DovecotServer.withServer(DovecotServer.Options(userCount: 2)) { server in
            let alice = server.users[0].name
            try await server.seed(user: alice, messages: MessageFactory(seed: 11, recipient: "\(alice)@tern.test").messages(0..<20))
            try await server.seed(user: alice, mailbox: "Archive",
                                  messages: MessageFactory(seed: 12, recipient: "\(alice)@tern.test").messages(0..<5))
            try await server.append(alice, folder: "INBOX", DovecotServer.textMessage(
                subject: "Quarterly numbers 📊", body: "The body line we look for: 42 widgets, 東京 office."))
            try await server.seed(user: server.users[1].name, messages: MessageFactory(seed: 13).messages(0..<3))

            let dir = server.directory
            try Self.config(server).write(toFile: dir + "/ui-config.toml", atomically: true, encoding: .utf8)
            let command = "'\(Self.ternBinary)' --config '\(dir)/ui-config.toml' --cache '\(dir)/ui-cache.sqlite' "
                + "--log-file '\(dir)/ui.log'; echo \"EXIT=$?\" > '\(dir)/exit'; stty -a > '\(dir)/stty'"
            let tmux = Tmux(directory: dir)
            try await tmux.start(command, width: 120, height: 40, environment: ["LANG": "C.UTF-8", "HOME": dir])
            do {
                try await Self.scenario(server: server, tmux: tmux, directory: dir)
            } catch {
                // tern goes with its terminal (the pane's hang-up), before the server stops.
                await tmux.kill()
                throw error
            }
            await tmux.kill()
        }
    }

    static func scenario(server: DovecotServer, tmux: Tmux, directory dir: String) async throws {
            let alice = server.users[0].name

            // Start: the first sync fills the list; the newest message is on top.
            try await tmux.waitFor(text: "\(alice)/INBOX — 21 messages")
            try await tmux.waitFor(text: "Quarterly numbers 📊")

            // Navigate and open: headers at once, the body once fetched.
            try await tmux.send("Tab")
            try await tmux.send("Enter")
            try await tmux.waitFor(text: "Subject: Quarterly numbers")
            try await tmux.waitFor(text: "The body line we look for: 42 widgets, 東京 office.")

            // Reading marked it read: \Seen reaches the server through the queue.
            let clock = ContinuousClock()
            let seenDeadline = clock.now + .seconds(20)
            var flags: [String] = []
            while clock.now < seenDeadline {
                flags = try await server.flags(alice, folder: "INBOX", uid: 21)
                if flags.contains("\\Seen") { break }
                try await Task.sleep(for: .milliseconds(200))
            }
            #expect(flags.contains("\\Seen"))

            // A message APPENDed by another client appears live (IDLE).
            try await tmux.send("Escape")
            let appended = clock.now
            try await server.append(alice, folder: "INBOX", DovecotServer.textMessage(
                subject: "Live arrival ✉", body: "Pushed by IDLE."))
            try await tmux.waitFor(text: "Live arrival ✉", timeout: .seconds(20))
            let arrival = clock.now - appended
            try await tmux.waitFor(text: "1 new message in \(alice)/INBOX")
            print("live arrival shown after \(arrival)")

            // Search the cache: results as a list; Esc goes back to the folder.
            try await tmux.send("/")
            try await tmux.type("quarterly")
            try await tmux.waitFor(text: "Search: quarterly")
            try await tmux.send("Enter")
            try await tmux.waitFor(text: "Search: quarterly — 1 found")
            try await tmux.send("Escape")
            try await tmux.waitFor(text: "\(alice)/INBOX — 22 messages")

            // Force a sync: a message in an unwatched folder shows up after `s`.
            try await server.append(alice, folder: "Archive", DovecotServer.textMessage(
                subject: "Archived report", body: "Only a sync finds this."))
            try await tmux.send("s")
            // The notice of the forced sync is soon replaced by the arrival it finds.
            try await tmux.waitFor(text: "1 new message in \(alice)/Archive")
            try await tmux.send("Escape")  // list → sidebar
            var screen = try await tmux.capture()
            for _ in 0..<10 where !Self.title(screen).contains("\(alice)/Archive — ") {
                let before = Self.title(screen)
                try await tmux.send("Down")
                screen = try await tmux.waitFor("the next folder") { Self.title($0) != before }
            }
            try await tmux.waitFor(text: "\(alice)/Archive — ")
            try await tmux.waitFor(text: "Archived report")

            // The pool pane shows live numbers.
            try await tmux.send("P")
            screen = try await tmux.waitFor("the pool's numbers") { Self.leases(in: $0, account: alice) != nil }
            let leasesBefore = try #require(Self.leases(in: screen, account: alice))
            #expect(screen.contains("INBOX: idle") || screen.contains("INBOX: notify"))
            try await tmux.send("S")
            try await tmux.waitFor("the lease count to grow") { (Self.leases(in: $0, account: alice) ?? 0) > leasesBefore }

            // Resize: the layout follows the new size.
            try await tmux.resize(width: 80, height: 24)
            try await tmux.waitFor("a 80×24 frame") { screen in
                let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
                return lines.count >= 24 && lines[23].contains("\(alice):")
            }

            // Quit: the terminal is restored (cooked mode, echo, no alternate screen).
            try await tmux.send("q")
            let exitDeadline = clock.now + .seconds(20)
            while clock.now < exitDeadline, try await tmux.display("#{pane_dead}") != "1" {
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(try await tmux.display("#{pane_dead}") == "1")
            #expect(try await tmux.display("#{alternate_on}") == "0")
            let exit = try String(contentsOfFile: dir + "/exit", encoding: .utf8)
            #expect(exit.trimmingCharacters(in: .whitespacesAndNewlines) == "EXIT=0")
            let stty = try String(contentsOfFile: dir + "/stty", encoding: .utf8)
            #expect(stty.contains(" icanon") && stty.contains(" echo ") && !stty.contains("-icanon"))
    }

    /// A crash restores the terminal: the fatal-signal handler runs endwin
    /// before the default action. No server needed: the account only fails.
    @Test(.enabled(if: tmuxRequired, "tmux is not installed"))
    func aCrashRestoresTheTerminal() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tern-ui-crash-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try """
            [general]
            keymap = "vim"
            theme = "dark"

            [[accounts]]
            name = "nowhere"
            host = "127.0.0.1"
            port = 1
            security = "plain"
            username = "nobody"
            password = "x"
            """.write(toFile: dir + "/config.toml", atomically: true, encoding: .utf8)
        let command = "'\(Self.ternBinary)' --config '\(dir)/config.toml' --cache '\(dir)/cache.sqlite' "
            + "--log-file '\(dir)/tern.log'; echo \"EXIT=$?\" > '\(dir)/exit'; stty -a > '\(dir)/stty'"
        let tmux = Tmux(directory: dir)
        try await tmux.start(command, width: 80, height: 24, environment: ["LANG": "C.UTF-8", "HOME": dir, "NO_COLOR": "1"])
        do {
            try await tmux.waitFor(text: "nowhere: error")
            // The vim keymap is active: its help lists j and C-f.
            try await tmux.send("?")
            try await tmux.waitFor(text: "C-f")
            try await tmux.send("Escape")
            let shell = try await tmux.display("#{pane_pid}")
            let children = try await ProcessRunner.run("/usr/bin/pgrep", ["-P", shell])
            let pid = try #require(Int32(children.stdout.split(separator: "\n").first ?? ""))
            kill(pid, SIGABRT)
            let clock = ContinuousClock()
            let deadline = clock.now + .seconds(20)
            while clock.now < deadline, try await tmux.display("#{pane_dead}") != "1" {
                try await Task.sleep(for: .milliseconds(100))
            }
            let exit = try String(contentsOfFile: dir + "/exit", encoding: .utf8)
            #expect(exit.trimmingCharacters(in: .whitespacesAndNewlines) == "EXIT=134", "killed by SIGABRT")
            let stty = try String(contentsOfFile: dir + "/stty", encoding: .utf8)
            #expect(stty.contains(" icanon") && stty.contains(" echo ") && !stty.contains("-icanon"))
            #expect(try await tmux.display("#{alternate_on}") == "0")
        } catch {
            await tmux.kill()
            throw error
        }
        await tmux.kill()
    }

    /// The list's title line (the shown folder).
    static func title(_ screen: String) -> String {
        String(screen.split(separator: "\n").first ?? "")
    }

    /// The `leases N` figure of an account in the pool pane.
    static func leases(in screen: String, account: String) -> Int? {
        let lines = screen.split(separator: "\n").map(String.init)
        guard let header = lines.firstIndex(where: { $0.contains("\(account)  open") }), header + 1 < lines.count,
              let range = lines[header + 1].range(of: "leases ") else { return nil }
        return Int(lines[header + 1][range.upperBound...].prefix { $0.isNumber })
    }
}
