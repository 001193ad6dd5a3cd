import TerminalKit

/// Where each pane goes for a state and terminal size. The layout adapts:
/// a narrow terminal shows only the focused pane, a short one opens the
/// reader full screen, the pool pane takes the bottom when shown.
struct Layout: Equatable {
    var sidebar: Rect?
    var list: Rect?
    var reader: Rect?
    var pool: Rect?
    var status: Rect
    /// The column of the divider between the sidebar and the rest.
    var divider: Rect?

    static func compute(_ state: AppState) -> Layout {
        let screen = Rect(x: 0, y: 0, width: state.width, height: state.height)
        var (main, status) = screen.splitRows(max(0, state.height - 1))
        var layout = Layout(status: status)
        if state.showPool, main.height >= 6 {
            let wanted = PoolPane.preferredHeight(state)
            let (top, bottom) = main.splitRows(main.height - min(wanted, main.height / 2))
            main = top
            layout.pool = bottom
        }
        if state.width < 70 {
            switch state.focus {
            case .sidebar: layout.sidebar = main
            case .list: layout.list = main
            case .reader: layout.reader = state.reader == nil ? nil : main
            }
            if layout.reader == nil, state.focus == .reader { layout.list = main }
            return layout
        }
        if let reader = state.reader, reader.fullScreen {
            layout.reader = main
            return layout
        }
        let sidebarWidth = min(30, max(18, state.width / 5))
        let (left, rest) = main.splitColumns(sidebarWidth)
        let (divider, right) = rest.splitColumns(1)
        layout.sidebar = left
        layout.divider = divider
        guard state.reader != nil else {
            layout.list = right
            return layout
        }
        if right.height < 16 {
            layout.reader = right
            return layout
        }
        let (top, bottom) = right.splitRows(max(4, right.height * 2 / 5))
        layout.list = top
        layout.reader = bottom
        return layout
    }
}
