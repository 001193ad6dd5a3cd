import MailStore
import TerminalKit

/// The sidebar: each account with its state, then its folders with a role
/// marker and the unread count; the selected folder highlighted.
enum SidebarPane {
    static func marker(_ role: FolderRole) -> String {
        switch role {
        case .inbox: return "▸"
        case .sent: return "↗"
        case .drafts: return "✎"
        case .trash: return "✗"
        case .junk: return "!"
        case .archive: return "▤"
        case .all: return "∗"
        case .flagged: return "★"
        case .none: return "·"
        }
    }

    static func draw(_ state: AppState, in rect: Rect, context: RenderContext, grid: inout CellGrid) {
        let theme = context.theme
        var rows: [(text: String, count: String, style: Style, folderIndex: Int?)] = []
        var folderIndex = 0
        for account in state.accounts {
            let status = shortStatus(account)
            rows.append((account.name, status, theme.style(isError(account) ? "sidebar.account.error" : "sidebar.account"), nil))
            for folder in account.folders {
                let depth = folder.delimiter.map { d in d.isEmpty ? 0 : folder.name.components(separatedBy: d).count - 1 } ?? 0
                let leaf = folder.delimiter.flatMap { d in d.isEmpty ? nil : folder.name.components(separatedBy: d).last } ?? folder.name
                let text = String(repeating: " ", count: 1 + depth) + marker(folder.role) + " " + leaf
                let count = folder.unreadCount > 0 ? String(folder.unreadCount) : ""
                let style = theme.style(folder.unreadCount > 0 ? "sidebar.folder.unread" : "sidebar.folder")
                rows.append((text, count, style, folderIndex))
                folderIndex += 1
            }
        }
        // Scroll so the selected folder shows.
        let selectedRow = rows.firstIndex { $0.folderIndex == state.sidebar.selected } ?? 0
        let top = max(0, min(selectedRow - rect.height + 1, rows.count - rect.height))
        for (offset, row) in rows.dropFirst(max(0, top)).prefix(rect.height).enumerated() {
            let y = rect.y + offset
            var style = row.style
            if let index = row.folderIndex, index == state.sidebar.selected {
                style = style.merged(with: theme.style(state.focus == .sidebar ? "sidebar.folder.selected" : "sidebar.folder.current"))
            }
            grid.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: style)
            let countWidth = DisplayWidth.of(row.count)
            grid.write(row.text, x: rect.x, y: y, maxWidth: max(1, rect.width - countWidth - 1), style: style)
            if countWidth > 0, countWidth < rect.width {
                grid.write(row.count, x: rect.x + rect.width - countWidth, y: y, maxWidth: countWidth, style: style)
            }
        }
    }

    static func isError(_ account: AccountState) -> Bool {
        if case .error = account.activity { return true }
        return false
    }

    /// One word for the account's row: `IDLE`, `sync`, `poll`, `error`, `ok`.
    static func shortStatus(_ account: AccountState) -> String {
        switch account.activity {
        case .starting: return "…"
        case .syncing: return "sync"
        case .idle: return account.watchModeText ?? "ok"
        case .error: return "error"
        }
    }
}
