import MailStore

/// A message announced as new by the sync layer (IDLE, a sync): the list
/// highlights it until it is opened.
public struct Arrival: Hashable, Sendable {
    public var account: String
    public var folder: String
    public var uid: MessageUID

    public init(account: String, folder: String, uid: MessageUID) {
        self.account = account
        self.folder = folder
        self.uid = uid
    }
}
