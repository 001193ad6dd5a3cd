import IMAPClient
import IMAPCodec
import NIOCore
import TernTestSupport

extension DovecotServer {
    /// A client configuration for this server.
    func configuration(_ security: ConnectionConfiguration.Security = .plain,
                       trustCA: Bool = true, defaultRoots: Bool = false) -> ConnectionConfiguration {
        ConnectionConfiguration(
            host: host,
            port: security == .tls ? tlsPort : plainPort,
            security: security,
            caFile: trustCA ? caFile : nil,
            useDefaultTrustRoots: defaultRoots,
            connectTimeout: .seconds(5),
            commandTimeout: .seconds(20)
        )
    }

    /// Connects and logs in as `user`, runs `body`, logs out.
    func withSession<R: Sendable>(
        _ user: String, _ security: ConnectionConfiguration.Security = .plain,
        _ body: (IMAPConnection) async throws -> R
    ) async throws -> R {
        try await IMAPConnection.withConnection(configuration(security)) { imap in
            try await imap.login(username: user, password: "secret-\(user)")
            return try await body(imap)
        }
    }
}
