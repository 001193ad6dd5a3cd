import MailStore

/// What one folder's sync changed in the cache.
public struct FolderSyncResult: Sendable, Hashable {
    public var folder: String
    public var folderID: FolderID
    /// UIDs of messages that arrived since the last sync (empty on the first
    /// sync of a folder, which is not "new mail").
    public var newUIDs: [MessageUID] = []
    /// Messages added to the cache (on a first sync: all of them).
    public var added = 0
    public var flagsChanged = 0
    public var expunged = 0
    /// Local changes confirmed by the server.
    public var pushed = 0
    /// The folder's UIDVALIDITY changed and its cache was rebuilt.
    public var wasReset = false
    /// This was the folder's first sync.
    public var initial = false

    public init(folder: String, folderID: FolderID) {
        self.folder = folder
        self.folderID = folderID
    }
}
