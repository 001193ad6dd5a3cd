import TerminalKit

/// Draws a whole frame from the state: the panes where the layout puts
/// them, the status line, an overlay on top.
public enum Renderer {
    /// The frame for `state` at its size.
    public static func render(_ state: AppState, context: RenderContext) -> CellGrid {
        var grid = CellGrid(width: state.width, height: state.height)
        let layout = Layout.compute(state)
        if let rect = layout.sidebar { SidebarPane.draw(state, in: rect, context: context, grid: &grid) }
        if let rect = layout.divider {
            for y in rect.y..<(rect.y + rect.height) {
                grid.write("│", x: rect.x, y: y, maxWidth: 1, style: context.theme.style("border"))
            }
        }
        if let rect = layout.list { MessageListPane.draw(state, in: rect, context: context, grid: &grid) }
        if let rect = layout.reader { ReaderPane.draw(state, in: rect, context: context, grid: &grid) }
        if let rect = layout.pool { PoolPane.draw(state, in: rect, context: context, grid: &grid) }
        StatusLine.draw(state, in: layout.status, context: context, grid: &grid)
        OverlayPane.draw(state, context: context, grid: &grid)
        return grid
    }
}
