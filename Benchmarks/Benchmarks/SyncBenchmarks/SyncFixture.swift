import Foundation
import IMAPClient
import IMAPCodec
import MailStore
import MailSync
import TernTestSupport

/// A private Dovecot for the sync benchmarks: ten users with five folders of
/// 100 messages each, and judy's "Big" folder of 10,000. Made once per run.
actor SyncFixture {
    static let shared = SyncFixture()
    static let bigCount = 10_000
    static let folders = ["INBOX", "Archive", "Sent", "Drafts", "Trash"]

    private var server: DovecotServer?

    func prepare() async throws -> DovecotServer {
        if let server { return server }
        let server = try await DovecotServer.start(DovecotServer.Options(userCount: 10))
        for (i, user) in server.users.enumerated() {
            let factory = MessageFactory(seed: UInt64(100 + i), recipient: "\(user.name)@tern.test")
            for (j, folder) in Self.folders.enumerated() {
                try await server.seed(user: user.name, mailbox: folder, messages: factory.messages((j * 100)..<(j * 100 + 100)))
            }
        }
        try await server.seed(user: "judy", mailbox: "Big", messages: MessageFactory(seed: 42).messages(0..<Self.bigCount))
        self.server = server
        return server
    }

    func stop() async {
        try? await server?.stop()
        server = nil
    }

    static func configuration(_ server: DovecotServer) -> ConnectionConfiguration {
        ConnectionConfiguration(host: server.host, port: server.plainPort, security: .plain, commandTimeout: .seconds(60))
    }

    static func endpoint(_ server: DovecotServer, _ user: String) -> AccountEndpoint {
        AccountEndpoint(name: user, connection: configuration(server), username: user,
                        credentials: StaticPassword("secret-\(user)"), maxConnections: 4)
    }

    /// Logs in as `user` and enables QRESYNC, as the pool does.
    static func withSession<R: Sendable>(_ server: DovecotServer, _ user: String,
                                         _ body: (IMAPConnection) async throws -> R) async throws -> R {
        try await IMAPConnection.withConnection(configuration(server)) { imap in
            try await imap.login(username: user, password: "secret-\(user)")
            _ = try await imap.enable([.qresync])
            return try await body(imap)
        }
    }
}

func milliseconds(_ d: Duration) -> Double {
    Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
}
