import Foundation
import TernTestSupport

/// `tern-demo`: the README's "try it" command. Starts a private Dovecot on
/// 127.0.0.1 with a few hundred realistic messages, runs `tern` against it,
/// and stops the server when `tern` exits.
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

    static func run() async throws -> Int32 {
        let arguments = CommandLine.arguments
        guard arguments.count >= 2 else {
            throw DemoError("usage: tern-demo PATH-TO-TERN [tern arguments…]")
        }
        let server = try await DovecotServer.start(DovecotServer.Options(userCount: 2))
        let recipient = "alice@tern.test"
        try await server.seed(user: "alice", messages: MessageFactory(seed: 2024, recipient: recipient).messages(0..<240))
        try await server.seed(user: "alice", mailbox: "Archive",
                              messages: MessageFactory(seed: 7, recipient: recipient).messages(0..<120))
        try await server.seed(user: "alice", mailbox: "Sent",
                              messages: MessageFactory(seed: 9, recipient: recipient).messages(0..<40))
        let banner = "Demo server: \(server.host) ports \(server.plainPort) (STARTTLS) and \(server.tlsPort) (TLS), user alice\n"
            + "Config: \(server.directory)/config.toml\n\n"
        FileHandle.standardOutput.write(Data(banner.utf8))

        // A config and a cache of the demo's own, in the server's directory.
        let passwordFile = server.directory + "/alice.password"
        _ = FileManager.default.createFile(atPath: passwordFile, contents: Data((server.password(for: "alice") ?? "").utf8),
                                       attributes: [.posixPermissions: 0o600])
        let configPath = server.directory + "/config.toml"
        let config = """
            [general]
            max_parallel_accounts = 4

            [[accounts]]
            name = "demo"
            host = "\(server.host)"
            port = \(server.tlsPort)
            security = "tls"
            username = "alice"
            password_command = "cat '\(passwordFile)'"
            ca_file = "\(server.caFile)"
            max_connections = 4

            """
        _ = FileManager.default.createFile(atPath: configPath, contents: Data(config.utf8), attributes: [.posixPermissions: 0o600])
        let common = ["--config", configPath, "--cache", server.directory + "/cache.sqlite"]

        var runs: [[String]]
        let userArguments = Array(arguments.dropFirst(2))
        if userArguments.isEmpty {
            FileHandle.standardOutput.write(Data("$ tern sync\n".utf8))
            runs = [["sync"] + common]
            runs.append(["folders"] + common)
            runs.append(["list", "--account", "demo", "--folder", "INBOX", "--limit", "15"] + common)
        } else if let first = userArguments.first, ["sync", "list", "folders", "watch"].contains(first) {
            runs = [userArguments + common]
        } else {
            runs = [userArguments]
        }
        var status: Int32 = 0
        for (i, ternArguments) in runs.enumerated() {
            if userArguments.isEmpty, i > 0 {
                let shown = ternArguments.prefix { $0 != "--config" }.joined(separator: " ")
                FileHandle.standardOutput.write(Data("\n$ tern \(shown)\n".utf8))
            }
            let tern = Process()
            tern.executableURL = URL(fileURLWithPath: arguments[1])
            tern.arguments = ternArguments
            try tern.run()
            tern.waitUntilExit()
            status = tern.terminationStatus
            if status != 0 { break }
        }
        try await server.stop()
        return status
    }
}

struct DemoError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
