import TerminalKit

/// Boxes drawn over the panes: the help (keys of the active keymap) and
/// the move-to-folder picker.
enum OverlayPane {
    static func draw(_ state: AppState, context: RenderContext, grid: inout CellGrid) {
        switch state.overlay {
        case .help?: drawHelp(state, context: context, grid: &grid)
        case .folderPicker(let picker)?: drawPicker(picker, state: state, context: context, grid: &grid)
        case .searchPrompt?, nil: break
        }
    }

    /// The keys in as many columns as the height needs (24 actions do not
    /// fit one column of a 24-row terminal).
    static func drawHelp(_ state: AppState, context: RenderContext, grid: inout CellGrid) {
        let entries = context.keymap.helpLines.map { (keys: $0.keys.joined(separator: " "), summary: $0.action.summary) }
        guard !entries.isEmpty else { return }
        let keyWidth = min(20, entries.map { DisplayWidth.of($0.keys) }.max() ?? 0)
        let summaryWidth = entries.map { DisplayWidth.of($0.summary) }.max() ?? 0
        let columnWidth = keyWidth + 2 + summaryWidth + 3
        let rows = max(1, min(entries.count, state.height - 5))
        let columns = (entries.count + rows - 1) / rows
        let box = grid.bounds.centered(width: min(state.width - 2, columns * columnWidth + 2),
                                       height: min(state.height - 1, rows + 3))
        grid.fill(box, style: context.theme.style("overlay"))
        grid.box(box, title: "Keys", style: context.theme.style("overlay.border"))
        let inner = box.inset(1)
        for (index, entry) in entries.enumerated() {
            let row = index % rows, column = index / rows
            let x = inner.x + 1 + column * columnWidth
            guard row < inner.height - 1, x < inner.x + inner.width else { continue }
            let room = inner.x + inner.width - x
            grid.write(TextFit.pad(entry.keys, width: keyWidth), x: x, y: inner.y + row, maxWidth: min(keyWidth, room),
                       style: context.theme.style("overlay.key"))
            if room > keyWidth + 2 {
                grid.write(entry.summary, x: x + keyWidth + 2, y: inner.y + row, maxWidth: min(summaryWidth, room - keyWidth - 2),
                           style: context.theme.style("overlay"))
            }
        }
        grid.write("any key closes", x: inner.x + 1, y: inner.y + inner.height - 1, maxWidth: inner.width - 1,
                   style: context.theme.style("overlay.hint"))
    }

    static func drawPicker(_ picker: FolderPicker, state: AppState, context: RenderContext, grid: inout CellGrid) {
        let width = min(state.width - 2, 40)
        let box = grid.bounds.centered(width: width, height: min(state.height - 1, picker.folders.count + 2))
        grid.fill(box, style: context.theme.style("overlay"))
        grid.box(box, title: "Move to", style: context.theme.style("overlay.border"))
        let inner = box.inset(1)
        var list = picker.list
        for (offset, index) in list.visibleRange(height: inner.height).enumerated() {
            let folder = picker.folders[index]
            let style = index == picker.list.selected ? context.theme.style("list.row.selected") : context.theme.style("overlay")
            grid.writeRow(" " + SidebarPane.marker(folder.role) + " " + folder.name, x: inner.x, y: inner.y + offset,
                          width: inner.width, style: style)
        }
    }
}
