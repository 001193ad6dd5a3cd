import IMAPClient

/// Everything the sync layer needs to reach one account: the server, the
/// user, where the secret comes from, and the account's connection budget.
/// Built by the composition root from the config.
public struct AccountEndpoint: Sendable {
    /// The account's name (unique; the key everywhere in the sync layer).
    public var name: String
    public var connection: ConnectionConfiguration
    public var username: String
    public var credentials: any CredentialProvider
    /// At most this many connections at once, IDLE connections included.
    public var maxConnections: Int

    public init(name: String, connection: ConnectionConfiguration, username: String,
                credentials: any CredentialProvider, maxConnections: Int = 4) {
        self.name = name
        self.connection = connection
        self.username = username
        self.credentials = credentials
        self.maxConnections = max(1, maxConnections)
    }
}
