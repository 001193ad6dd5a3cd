/// An account's folder list with exact counts: what the sidebar observes.
public struct FolderListing: Hashable, Sendable {
    /// The folders, inbox first, then by role and name; each carries its counts.
    public var folders: [FolderRecord]
    /// The sum over the folders.
    public var accountCounts: MailCounts

    /// Creates a listing (the cache makes them; tests and previews too).
    public init(folders: [FolderRecord], accountCounts: MailCounts) {
        self.folders = folders
        self.accountCounts = accountCounts
    }
}
