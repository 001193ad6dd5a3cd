/// Tern's whole configuration (`config.toml`): general settings and accounts.
public struct TernConfig: Hashable, Sendable {
    public var general: GeneralConfig
    public var accounts: [AccountConfig]

    public init(general: GeneralConfig = GeneralConfig(), accounts: [AccountConfig] = []) {
        self.general = general
        self.accounts = accounts
    }

    /// The account with this name, if any.
    public func account(named name: String) -> AccountConfig? {
        accounts.first { $0.name == name }
    }
}

/// The `[general]` table.
public struct GeneralConfig: Hashable, Sendable {
    /// Accounts synced at once.
    public var maxParallelAccounts: Int = 4
    /// Polling interval for folders without IDLE.
    public var pollIntervalSeconds: Int = 300
    /// How long a folder list from LIST stays valid.
    public var folderListTTLSeconds: Int = 300
    /// How often IDLE is ended and issued again (servers drop a client idle
    /// for 30 minutes; RFC 2177 advises re-issuing within 29).
    public var idleReissueSeconds: Int = 1_500
    public var theme: String = "default"
    public var keymap: String = "default"

    public init() {}
}
