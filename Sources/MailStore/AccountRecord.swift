import GRDB

/// A row of the `account` table: one configured mail account.
public struct AccountRecord: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "account"

    /// The row id.
    public var id: AccountID
    /// The account's name from the config file (unique).
    public var name: String
}
