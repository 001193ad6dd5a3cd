import Foundation
import TernProcess
import TernTestSupport

/// `tern-demo`: the README's "try it" command. Starts a private Dovecot on
/// 127.0.0.1 with three accounts of realistic mail (threads, attachments,
/// several languages), opens the interactive `tern` on it, delivers a new
/// message every few seconds so IDLE arrivals show live, and stops the
/// server when `tern` exits.
@main
struct DemoLauncher {
    static func main() async {
        do {
            let status = try await run()
            exit(status)
        } catch {
            FileHandle.standardError.write(Data("tern-demo: \(error)\n".utf8))
            exit(1)
        }
    }

    /// The demo's accounts: (account name, server user, what to seed per folder).
    static let accounts: [(name: String, user: String, folders: [(String, UInt64, Int)])] = [
        ("work", "alice", [("INBOX", 2024, 240), ("Archive", 7, 120), ("Sent", 9, 40)]),
        ("home", "bob", [("INBOX", 31, 80), ("Archive", 32, 30)]),
        ("lists", "carol", [("INBOX", 41, 60)]),
    ]

    static func run() async throws -> Int32 {
        let arguments = CommandLine.arguments
        guard arguments.count >= 2 else {
            throw DemoError("usage: tern-demo PATH-TO-TERN [tern arguments…]")
        }
        FileHandle.standardError.write(Data("Starting a private IMAP server with sample mail…\n".utf8))
        let server = try await DovecotServer.start(DovecotServer.Options(userCount: accounts.count))
        for account in accounts {
            for (folder, seed, count) in account.folders {
                let factory = MessageFactory(seed: seed, recipient: "\(account.user)@tern.test")
                try await server.seed(user: account.user, mailbox: folder, messages: factory.messages(0..<count))
            }
        }
        let configPath = try writeConfig(server)
        let common = ["--config", configPath, "--cache", server.directory + "/cache.sqlite",
                      "--log-file", server.directory + "/tern.log"]

        let userArguments = Array(arguments.dropFirst(2))
        let ternArguments: [String]
        if userArguments.isEmpty {
            ternArguments = common
        } else if let first = userArguments.first, ["ui", "sync", "list", "folders", "watch"].contains(first) {
            ternArguments = userArguments + common
        } else {
            ternArguments = userArguments
        }
        // Ctrl-C is tern's to handle (it quits cleanly); the launcher then stops the server.
        signal(SIGINT, SIG_IGN)
        let status = try await withThrowingTaskGroup(of: Int32?.self) { group in
            group.addTask {
                // In this process group, so that tern owns the terminal.
                await Self.runInThisGroup(arguments[1], ternArguments)
            }
            group.addTask {
                try await deliver(to: server)
                return nil
            }
            var status: Int32 = 0
            for try await result in group {
                if let result {
                    status = result
                    break
                }
            }
            group.cancelAll()
            return status
        }
        try await server.stop()
        return status
    }

    /// Runs tern on this terminal, in this process group (only the terminal's foreground
    /// group may read it), and returns its exit status.
    static func runInThisGroup(_ tern: String, _ arguments: [String]) async -> Int32 {
        do {
            let child = try ChildProcess.spawn(tern, arguments, stdin: .inherit, stdout: .inherit, stderr: .inherit,
                                               ownProcessGroup: false)
            return await child.wait().shellStatus
        } catch {
            FileHandle.standardError.write(Data("tern-demo: \(error)\n".utf8))
            return 1
        }
    }

    /// A config for the three accounts (TLS, passwords from 0600 files) in the server's directory.
    static func writeConfig(_ server: DovecotServer) throws -> String {
        var config = """
            # The demo's config: three accounts on a private Dovecot.
            [general]
            max_parallel_accounts = 3

            """
        for account in accounts {
            let passwordFile = server.directory + "/\(account.user).password"
            _ = FileManager.default.createFile(atPath: passwordFile, contents: Data((server.password(for: account.user) ?? "").utf8),
                                               attributes: [.posixPermissions: 0o600])
            config += """

                [[accounts]]
                name = "\(account.name)"
                host = "\(server.host)"
                port = \(server.tlsPort)
                security = "tls"
                username = "\(account.user)"
                password_command = "cat '\(passwordFile)'"
                ca_file = "\(server.caFile)"
                max_connections = 4

                """
        }
        let path = server.directory + "/config.toml"
        _ = FileManager.default.createFile(atPath: path, contents: Data(config.utf8), attributes: [.posixPermissions: 0o600])
        return path
    }

    /// New mail every few seconds, to a different account each time, until cancelled.
    static func deliver(to server: DovecotServer) async throws {
        var index = 0
        while !Task.isCancelled {
            try await Task.sleep(for: .seconds(index == 0 ? 8 : 6))
            let arrival = DemoArrivals.all[index % DemoArrivals.all.count]
            let account = accounts[index % accounts.count]
            try await server.seed(user: account.user, messages: [DemoArrivals.message(arrival, to: "\(account.user)@tern.test")])
            index += 1
        }
    }
}

struct DemoError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
