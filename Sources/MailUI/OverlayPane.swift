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

    static func drawHelp(_ state: AppState, context: RenderContext, grid: inout CellGrid) {
        let entries = context.keymap.helpLines.map { (keys: $0.keys.joined(separator: " "), summary: $0.action.summary) }
        let keyWidth = min(20, entries.map { DisplayWidth.of($0.keys) }.max() ?? 0)
        let width = min(state.width - 2, keyWidth + 26)
        let box = grid.bounds.centered(width: width, height: min(state.height - 1, entries.count + 3))
        grid.fill(box, style: context.theme.style("overlay"))
        grid.box(box, title: "Keys", style: context.theme.style("overlay.border"))
        let inner = box.inset(1)
        for (offset, entry) in entries.prefix(max(0, inner.height - 1)).enumerated() {
            let y = inner.y + offset
            grid.write(TextFit.pad(entry.keys, width: keyWidth), x: inner.x + 1, y: y, maxWidth: keyWidth, style: context.theme.style("overlay.key"))
            grid.write(entry.summary, x: inner.x + keyWidth + 3, y: y, maxWidth: inner.width - keyWidth - 3, style: context.theme.style("overlay"))
        }
        grid.write("any key closes", x: inner.x + 1, y: inner.y + inner.height - 1, maxWidth: inner.width - 1, style: context.theme.style("overlay.hint"))
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
