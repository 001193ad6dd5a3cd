/// The state of every account's connections at one moment, for the status
/// line, `tern watch` and tests.
public struct PoolSnapshot: Sendable, Hashable {
    /// One entry per account, sorted by name.
    public var accounts: [AccountPoolSnapshot]

    public init(accounts: [AccountPoolSnapshot]) {
        self.accounts = accounts
    }

    /// The entry for `account`, if it is registered.
    public subscript(account: String) -> AccountPoolSnapshot? {
        accounts.first { $0.account == account }
    }
}
