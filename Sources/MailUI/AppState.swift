import Foundation
import MailStore
import MailSync
import TerminalKit

/// Everything the UI shows, as a value: the reducer changes it, the panes
/// draw it. No references to the cache, the engine or the terminal.
public struct AppState: Hashable, Sendable {
    public var width: Int
    public var height: Int
    public var accounts: [AccountState]
    /// Selection over every account's folders, in sidebar order.
    public var sidebar = ListViewState()
    /// The folder whose messages the list shows.
    public var currentFolder: FolderRecord?
    /// Set once the user moved in the sidebar or list (the first account's
    /// inbox is no longer chosen for them).
    public var userPickedFolder = false
    /// The list's messages (the folder's newest page, or search results).
    public var messages: [MessageRecord] = []
    public var list = ListViewState()
    /// How many of the folder's newest messages are loaded; grows as the
    /// selection nears the end, so a 100,000-message folder costs a page.
    public var loadedLimit = AppState.pageSize
    /// Messages loaded at a time.
    public static let pageSize = 500
    /// Set while the list shows search results instead of a folder.
    public var searchQuery: String?
    /// Whether the list groups messages by thread.
    public var threaded = false
    public var reader: ReaderState?
    public var focus: Pane = .sidebar
    public var overlay: Overlay?
    public var showPool = false
    public var pool: PoolSnapshot?
    public var watches: [WatchStatus] = []
    /// Messages that arrived while the UI ran and are not opened yet (highlighted).
    public var arrivals: Set<Arrival> = []
    /// The newest status-line notice.
    public var notice: String?
    public var now = Date()
    public var quitting = false

    /// The initial state for these accounts (in config order).
    public init(accounts: [String], width: Int = 80, height: Int = 24) {
        self.accounts = accounts.map { AccountState(name: $0) }
        self.width = width
        self.height = height
    }

    /// Every folder in sidebar order, with its account's index.
    public var sidebarFolders: [(account: Int, folder: FolderRecord)] {
        accounts.indices.flatMap { index in accounts[index].folders.map { (index, $0) } }
    }

    /// The folder under the sidebar's selection.
    public var selectedSidebarFolder: (account: Int, folder: FolderRecord)? {
        let all = sidebarFolders
        return all.indices.contains(sidebar.selected) ? all[sidebar.selected] : nil
    }

    /// The account of the shown folder (or the first account).
    public var currentAccountIndex: Int? {
        if let folder = currentFolder { return accounts.firstIndex { $0.id == folder.accountID } }
        return accounts.isEmpty ? nil : 0
    }

    /// The message under the list's selection.
    public var selectedMessage: MessageRecord? {
        listRows(list.selected..<(list.selected + 1)).first?.message
    }

    /// The list's rows in display order (threaded or not), with indentation.
    public var listRows: [ListRow] {
        threaded ? ListRow.threaded(messages) : messages.map { ListRow(message: $0, depth: 0) }
    }

    /// The rows in `range` only: without threads they are the messages themselves, so a
    /// frame or a key costs the rows it shows, not a copy of every loaded message.
    public func listRows(_ range: Range<Int>) -> [ListRow] {
        let range = range.clamped(to: 0..<messages.count)
        if threaded { return Array(listRows[range]) }
        return messages[range].map { ListRow(message: $0, depth: 0) }
    }
}
