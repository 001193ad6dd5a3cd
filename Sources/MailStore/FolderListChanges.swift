/// What ``MailCache/upsertFolders(account:_:)`` changed.
public struct FolderListChanges: Hashable, Sendable {
    /// Folders new to the cache.
    public var added: [FolderID] = []
    /// Folders whose role, delimiter, subscription or selectability changed.
    public var updated: [FolderID] = []
    /// Names of folders gone from the server, deleted with their messages.
    public var removed: [String] = []

    /// Whether nothing changed (a replay of the same LIST).
    public var isEmpty: Bool { added.isEmpty && updated.isEmpty && removed.isEmpty }
}
