/// Everything a key can do in Tern: the closed set keymaps name.
///
/// The raw values are the names keymap files use (`move_down = …` is
/// written `"j" = "move_down"`); a name outside this set is rejected when
/// the keymap is loaded.
public enum Action: String, CaseIterable, Hashable, Sendable {
    case moveDown = "move_down"
    case moveUp = "move_up"
    case pageDown = "page_down"
    case pageUp = "page_up"
    case moveTop = "move_top"
    case moveBottom = "move_bottom"
    case nextPane = "next_pane"
    case previousPane = "previous_pane"
    case open
    case back
    case nextUnread = "next_unread"
    case previousUnread = "previous_unread"
    case syncAll = "sync_all"
    case syncAccount = "sync_account"
    case toggleRead = "toggle_read"
    case toggleFlag = "toggle_flag"
    case delete
    case archive
    case move
    case search
    case toggleThreads = "toggle_threads"
    case togglePoolPane = "toggle_pool_pane"
    case help
    case quit

    /// A short description for the help overlay.
    public var summary: String {
        switch self {
        case .moveDown: return "down"
        case .moveUp: return "up"
        case .pageDown: return "page down"
        case .pageUp: return "page up"
        case .moveTop: return "first"
        case .moveBottom: return "last"
        case .nextPane: return "next pane"
        case .previousPane: return "previous pane"
        case .open: return "open"
        case .back: return "back / close"
        case .nextUnread: return "next unread"
        case .previousUnread: return "previous unread"
        case .syncAll: return "sync all accounts"
        case .syncAccount: return "sync this account"
        case .toggleRead: return "mark read/unread"
        case .toggleFlag: return "flag/unflag"
        case .delete: return "delete (to Trash)"
        case .archive: return "archive"
        case .move: return "move to folder"
        case .search: return "search"
        case .toggleThreads: return "threads on/off"
        case .togglePoolPane: return "pool pane"
        case .help: return "help"
        case .quit: return "quit"
        }
    }
}
