import MailStore
import TerminalKit

/// The message list: a title line, then one row per message with flags
/// (N unread, * flagged, r answered, @ attachment), date, sender and
/// subject; replies indented when threads are on; new arrivals highlighted.
enum MessageListPane {
    static func flags(_ message: MessageRecord) -> String {
        (message.isUnread ? "N" : " ") + (message.flags.contains(.flagged) ? "*" : " ")
            + (message.flags.contains(.answered) ? "r" : " ") + (message.hasAttachments ? "@" : " ")
    }

    static func title(_ state: AppState) -> String {
        if let query = state.searchQuery { return "Search: \(query) — \(state.messages.count) found" }
        guard let folder = state.currentFolder else { return "No folder" }
        let account = state.accounts.first { $0.id == folder.accountID }?.name ?? ""
        var text = "\(account)/\(folder.name) — \(folder.totalCount) messages, \(folder.unreadCount) unread"
        if state.threaded { text += " — threads" }
        return text
    }

    static func draw(_ state: AppState, in rect: Rect, context: RenderContext, grid: inout CellGrid) {
        guard rect.height > 0 else { return }
        let theme = context.theme
        let focused = state.focus == .list
        grid.writeRow(" " + title(state), x: rect.x, y: rect.y, width: rect.width,
                      style: theme.style(focused ? "list.title.focused" : "list.title"))
        let body = rect.splitRows(1).bottom
        var list = state.list
        if state.messages.isEmpty {
            let text = state.currentFolder == nil && state.searchQuery == nil ? "Waiting for the first sync…" : "No messages"
            grid.write(text, x: body.x + 2, y: body.y, maxWidth: body.width - 2, style: theme.style("list.empty"))
            return
        }
        let accountName = state.currentFolder.flatMap { f in state.accounts.first { $0.id == f.accountID }?.name }
        let senderWidth = min(24, max(10, body.width / 4))
        let visible = list.visibleRange(height: body.height)
        for (offset, row) in state.listRows(visible).enumerated() {
            let message = row.message
            let isNew = accountName.map { state.arrivals.contains(Arrival(account: $0, folder: state.currentFolder?.name ?? "", uid: message.uid)) } ?? false
            var style = theme.style("list.row")
            if message.isUnread { style = style.merged(with: theme.style("list.row.unread")) }
            if message.flags.contains(.flagged) { style = style.merged(with: theme.style("list.row.flagged")) }
            if isNew { style = style.merged(with: theme.style("list.row.new")) }
            if visible.lowerBound + offset == state.list.selected {
                style = style.merged(with: theme.style(focused ? "list.row.selected" : "list.row.current"))
            }
            let date = TextFit.padLeft(DateText.short(message.date, now: state.now, zone: context.timeZone), width: 10)
            let sender = TextFit.pad(message.fromDisplay, width: senderWidth)
            let indent = row.depth > 0 ? "  ↳ " : ""
            let subject = message.subject.isEmpty ? "(no subject)" : message.subject
            let line = flags(message) + " " + date + "  " + sender + "  " + indent + subject
            grid.writeRow(line, x: body.x, y: body.y + offset, width: body.width, style: style)
        }
    }
}
