/// Where an account's secret comes from: the pool asks for a credential
/// before each authentication and reports a rejection, so a provider can
/// cache what is expensive (a password command, an OAuth2 token) and renew it
/// only when it must.
public protocol CredentialProvider: Sendable {
    /// The credential to authenticate with now.
    func credential() async throws -> Credential
    /// The server rejected `credential`: drop it so the next call gets a fresh
    /// one (re-run the command, refresh the token). Called once per rejection.
    func rejected(_ credential: Credential) async
}
