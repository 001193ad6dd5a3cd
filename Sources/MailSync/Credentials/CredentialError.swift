/// Why a credential could not be obtained. Never contains the secret.
public enum CredentialError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The password command exited with a failure.
    case commandFailed(status: Int32, message: String)
    /// The password command printed nothing.
    case emptyPassword
    /// Getting an OAuth2 access token failed for a reason that may pass (the
    /// token endpoint unreachable, a server error, a malformed answer); the
    /// provider retries later, with backoff.
    case tokenRefreshFailed(account: String, reason: String)
    /// The token endpoint refused the refresh token (`invalid_grant`: revoked,
    /// expired, or the password changed). Retrying cannot help; the user must
    /// sign in again with `tern auth`.
    case tokenRevoked(account: String, detail: String)
    /// The token endpoint refused the client (`invalid_client`,
    /// `unauthorized_client`): the client id or secret in the config is wrong.
    case clientRejected(account: String, detail: String)
    /// The account's sign-in method cannot be used here.
    case unavailable(String)

    /// Whether retrying without the user's help is pointless.
    public var isPermanent: Bool {
        switch self {
        case .tokenRevoked, .clientRejected: return true
        default: return false
        }
    }

    public var description: String {
        switch self {
        case .tokenRefreshFailed(let account, _), .tokenRevoked(let account, _), .clientRejected(let account, _):
            return "\(account): \(reason)"
        default:
            return reason
        }
    }

    /// The description without the account's name.
    public var reason: String {
        switch self {
        case .commandFailed(let status, let message):
            return "password command failed (exit \(status))" + (message.isEmpty ? "" : ": \(message)")
        case .emptyPassword:
            return "password command printed nothing"
        case .tokenRefreshFailed(_, let reason):
            return "cannot get an OAuth2 access token: \(reason)"
        case .tokenRevoked(let account, let detail):
            return "the OAuth2 refresh token was refused (\(detail)); it was revoked or has expired: "
                + "run `tern auth \(account)` to sign in again"
        case .clientRejected(_, let detail):
            return "the token endpoint refused the OAuth2 client (\(detail)); "
                + "check oauth2_client_id and oauth2_client_secret"
        case .unavailable(let reason):
            return reason
        }
    }
}
