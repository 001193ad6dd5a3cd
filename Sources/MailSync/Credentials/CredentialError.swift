/// Why a credential could not be obtained. Never contains the secret.
public enum CredentialError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The password command exited with a failure.
    case commandFailed(status: Int32, message: String)
    /// The password command printed nothing.
    case emptyPassword
    /// Getting an OAuth2 access token failed.
    case tokenRefreshFailed(String)
    /// The account's sign-in method cannot be used here.
    case unavailable(String)

    public var description: String {
        switch self {
        case .commandFailed(let status, let message):
            return "password command failed (exit \(status))" + (message.isEmpty ? "" : ": \(message)")
        case .emptyPassword:
            return "password command printed nothing"
        case .tokenRefreshFailed(let reason):
            return "OAuth2 token refresh failed: \(reason)"
        case .unavailable(let reason):
            return reason
        }
    }
}
