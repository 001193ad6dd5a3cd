/// A password given directly (from the config file).
public struct StaticPassword: CredentialProvider {
    private let password: String

    public init(_ password: String) { self.password = password }

    public func credential() async throws -> Credential { .password(password) }

    public func rejected(_ credential: Credential) async {}
}
