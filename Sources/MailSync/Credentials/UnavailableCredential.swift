/// The credentials of an account whose sign-in method cannot be used: every
/// attempt fails with `reason`, so that account fails alone and clearly while
/// the others sync.
public struct UnavailableCredential: CredentialProvider {
    public let reason: String

    public init(reason: String) { self.reason = reason }

    public func credential() async throws -> Credential { throw CredentialError.unavailable(reason) }

    public func rejected(_ credential: Credential) async {}
}
