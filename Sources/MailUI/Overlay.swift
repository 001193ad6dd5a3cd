import MailStore
import TerminalKit

/// What is drawn over the panes and takes the keys while shown.
public enum Overlay: Hashable, Sendable {
    /// The keys of the active keymap.
    case help
    /// Pick a folder to move the selected message to.
    case folderPicker(FolderPicker)
    /// Typing a search query.
    case searchPrompt(query: String)
}

/// The move-to-folder picker: the current account's other folders.
public struct FolderPicker: Hashable, Sendable {
    public var folders: [FolderRecord]
    public var list: ListViewState
    /// The messages to move.
    public var message: MessageRecord

    public init(folders: [FolderRecord], message: MessageRecord) {
        self.folders = folders
        self.message = message
        list = ListViewState(count: folders.count)
    }
}
