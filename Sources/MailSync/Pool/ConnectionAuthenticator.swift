import IMAPClient
import IMAPCodec

/// Logs a fresh connection in with an account's credential, and enables the
/// extensions sync relies on (QRESYNC, which implies CONDSTORE).
///
/// A rejected credential is reported to its provider once (so a password
/// command re-runs, a token refreshes) and, for an OAuth2 token, retried once
/// with the renewed one; a second rejection is an `authenticationFailed`
/// error that is never retried in a loop.
enum ConnectionAuthenticator {
    static func authenticate(_ connection: IMAPConnection, endpoint: AccountEndpoint) async throws {
        if await !connection.isAuthenticated {
            let first = try await endpoint.credentials.credential()
            do {
                try await login(connection, endpoint: endpoint, credential: first)
            } catch let error as IMAPCommandError where error.isAuthenticationFailure {
                await endpoint.credentials.rejected(first)
                guard case .accessToken = first else {
                    throw SyncError.authenticationFailed(account: endpoint.name, reason: error.text.text)
                }
                // A revoked or expired token: one refresh and one retry.
                let second = try await endpoint.credentials.credential()
                do {
                    try await login(connection, endpoint: endpoint, credential: second)
                } catch let error as IMAPCommandError where error.isAuthenticationFailure {
                    await endpoint.credentials.rejected(second)
                    throw SyncError.authenticationFailed(
                        account: endpoint.name,
                        reason: "\(error.text.text); a freshly refreshed access token was refused too")
                }
            }
        }
        let capabilities = await connection.capabilities
        if capabilities.contains(.qresync) {
            _ = try await connection.enable([.qresync])
        } else if capabilities.contains(.condStore) {
            _ = try await connection.enable([.condStore])
        }
    }

    private static func login(_ connection: IMAPConnection, endpoint: AccountEndpoint, credential: Credential) async throws {
        switch credential {
        case .password(let password):
            if await connection.capabilities.contains(.authPlain) {
                try await connection.authenticate(.plain(username: endpoint.username, password: password))
            } else {
                try await connection.login(username: endpoint.username, password: password)
            }
        case .accessToken(let token):
            try await connection.authenticate(.xoauth2(username: endpoint.username, accessToken: token))
        }
    }
}
