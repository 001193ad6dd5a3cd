import TerminalKit

/// The bottom line: each account's state and last sync, the newest notice,
/// key hints; or the search prompt while one is typed.
enum StatusLine {
    static func text(_ state: AppState, context: RenderContext) -> (left: String, right: String) {
        if case .searchPrompt(let query) = state.overlay {
            return ("Search: \(query)▏", "Enter search · Esc cancel")
        }
        var parts = state.accounts.map { account -> String in
            var text = "\(account.name): \(account.activityText)"
            if let last = account.lastSync { text += " (synced \(DateText.time(last, zone: context.timeZone)))" }
            return text
        }
        if let notice = state.notice { parts.append(notice) }
        var hints: [String] = []
        if let help = context.key(for: .help) { hints.append("\(help) help") }
        if let quit = context.key(for: .quit) { hints.append("\(quit) quit") }
        return (parts.joined(separator: " │ "), hints.joined(separator: " · "))
    }

    static func draw(_ state: AppState, in rect: Rect, context: RenderContext, grid: inout CellGrid) {
        guard rect.height > 0 else { return }
        let hasError = state.accounts.contains { SidebarPane.isError($0) }
        let style = context.theme.style(hasError ? "status.error" : "status")
        let (left, right) = text(state, context: context)
        grid.fill(rect, style: style)
        let rightWidth = DisplayWidth.of(right)
        let showRight = rightWidth + 20 < rect.width
        grid.write(" " + left, x: rect.x, y: rect.y, maxWidth: rect.width - (showRight ? rightWidth + 2 : 0), style: style)
        if showRight { grid.write(right, x: rect.x + rect.width - rightWidth - 1, y: rect.y, maxWidth: rightWidth, style: style) }
    }
}
