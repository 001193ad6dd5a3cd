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
        let banner = "Demo server: \(server.host) ports \(server.plainPort) (STARTTLS) and \(server.tlsPort) (TLS), user alice\n\n"
        FileHandle.standardOutput.write(Data(banner.utf8))

        let tern = Process()
        tern.executableURL = URL(fileURLWithPath: arguments[1])
        var ternArguments = Array(arguments.dropFirst(2))
        if ternArguments.isEmpty {
            ternArguments = ["peek", "--user", "alice", "--port", String(server.tlsPort),
                             "--security", "tls", "--ca-file", server.caFile]
        }
        tern.arguments = ternArguments
        var environment = ProcessInfo.processInfo.environment
        environment["TERN_PASSWORD"] = server.password(for: "alice")
        tern.environment = environment
        try tern.run()
        tern.waitUntilExit()
        try await server.stop()
        return tern.terminationStatus
    }
}

struct DemoError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
