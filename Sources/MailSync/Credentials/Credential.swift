/// What a connection authenticates with: a password (SASL PLAIN, or LOGIN when
/// PLAIN is not offered) or an OAuth2 access token (SASL XOAUTH2).
///
/// Its description never shows the secret, so it is safe in logs and errors.
public enum Credential: Sendable, CustomStringConvertible {
    case password(String)
    case accessToken(String)

    public var description: String {
        switch self {
        case .password: return "password(<redacted>)"
        case .accessToken: return "accessToken(<redacted>)"
        }
    }
}
