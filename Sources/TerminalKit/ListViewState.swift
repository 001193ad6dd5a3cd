/// Selection and scrolling of a list shown in a fixed number of rows.
///
/// Pure state: a pane keeps one, moves it with the key actions and asks
/// which rows are visible. The selection always stays visible.
public struct ListViewState: Hashable, Sendable {
    /// The selected row, `0` in an empty list.
    public private(set) var selected: Int = 0
    /// The first visible row.
    public private(set) var top: Int = 0
    /// How many rows the list has.
    public private(set) var count: Int = 0

    public init(count: Int = 0) { self.count = max(0, count) }

    /// Sets the number of rows (after new data), keeping the selection in range.
    public mutating func setCount(_ count: Int) {
        self.count = max(0, count)
        selected = min(selected, max(0, self.count - 1))
        top = min(top, selected)
    }

    /// Moves the selection by `delta` rows, clamped.
    public mutating func move(by delta: Int) {
        guard count > 0 else { return }
        selected = min(max(0, selected + delta), count - 1)
    }

    /// Selects a row, clamped.
    public mutating func select(_ index: Int) {
        selected = count == 0 ? 0 : min(max(0, index), count - 1)
    }

    /// The rows visible in a viewport of `height` rows (adjusting `top` so the selection shows).
    public mutating func visibleRange(height: Int) -> Range<Int> {
        guard height > 0, count > 0 else { return 0..<0 }
        if selected < top { top = selected }
        if selected >= top + height { top = selected - height + 1 }
        top = max(0, min(top, max(0, count - height)))
        return top..<min(count, top + height)
    }
}
