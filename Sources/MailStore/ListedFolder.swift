/// One folder of a LIST (or LSUB/LIST-EXTENDED) result, as sync hands it to the cache.
public struct ListedFolder: Hashable, Sendable {
    /// The full mailbox name (decoded from modified UTF-7).
    public var name: String
    /// The hierarchy delimiter, `nil` for a flat namespace.
    public var delimiter: String?
    /// The mailbox attributes (`\HasChildren`, `\Sent`, `\Noselect`, …).
    public var attributes: [String]
    /// Whether the user subscribed to it.
    public var subscribed: Bool

    /// Creates a listed folder.
    public init(name: String, delimiter: String? = "/", attributes: [String] = [], subscribed: Bool = true) {
        self.name = name
        self.delimiter = delimiter
        self.attributes = attributes
        self.subscribed = subscribed
    }

    /// The role this folder gets in the cache.
    public var role: FolderRole { FolderRole.detect(attributes: attributes, name: name, delimiter: delimiter) }
}
