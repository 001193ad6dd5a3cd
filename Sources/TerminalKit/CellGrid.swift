/// The virtual screen: a grid of ``Cell``s that panes draw into and a
/// backend copies to the terminal.
///
/// Drawing is clipped to the grid and to an optional rectangle; text is
/// sanitised (see ``Sanitizer``) and wide characters take two cells, so a
/// pane cannot draw outside its area or break the terminal. Comparing two
/// grids (``changedRows(from:)``) tells a backend which rows to redraw.
///
/// ```swift
/// var grid = CellGrid(width: 20, height: 2)
/// grid.write("Hello 世界", x: 0, y: 0)
/// grid.lines // ["Hello 世界          ", "                    "]
/// ```
public struct CellGrid: Hashable, Sendable {
    public private(set) var width: Int
    public private(set) var height: Int
    /// The rows, each exactly `width` cells.
    public private(set) var rows: [[Cell]]

    /// A blank grid.
    public init(width: Int, height: Int, style: Style = .plain) {
        self.width = max(0, width)
        self.height = max(0, height)
        rows = Array(repeating: Array(repeating: .blank(style), count: self.width), count: self.height)
    }

    /// The whole grid as a rectangle.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// Fills a rectangle with blanks in `style`.
    public mutating func fill(_ rect: Rect, style: Style = .plain) {
        let clip = clipped(rect)
        guard !clip.isEmpty else { return }
        for y in clip.y..<(clip.y + clip.height) {
            for x in clip.x..<(clip.x + clip.width) { rows[y][x] = .blank(style) }
        }
    }

    /// Writes one line of text at (x, y), at most `maxWidth` columns (to the
    /// grid's edge when `nil`), truncated with `…` when it does not fit.
    /// - Returns: the columns written.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, maxWidth: Int? = nil, style: Style = .plain) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(maxWidth ?? (width - x), width - max(x, 0))
        guard limit > 0 else { return 0 }
        let fitted = TextFit.truncate(Sanitizer.line(text), width: limit)
        var column = x
        for character in fitted {
            let w = DisplayWidth.of(character)
            guard w > 0 else { continue }
            guard column + w <= x + limit else { break }
            if column >= 0 { put(Cell(text: String(character), width: UInt8(w), style: style), x: column, y: y) }
            column += w
        }
        return column - x
    }

    /// Writes text padded with blanks to exactly `width` columns (a list row).
    public mutating func writeRow(_ text: String, x: Int, y: Int, width w: Int, style: Style = .plain) {
        fill(Rect(x: x, y: y, width: w, height: 1), style: style)
        write(text, x: x, y: y, maxWidth: w, style: style)
    }

    /// Draws a box border with a title on the top edge.
    public mutating func box(_ rect: Rect, title: String = "", style: Style = .plain) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let right = rect.x + rect.width - 1, bottom = rect.y + rect.height - 1
        for x in rect.x...right {
            let top = x == rect.x ? "┌" : x == right ? "┐" : "─"
            let low = x == rect.x ? "└" : x == right ? "┘" : "─"
            write(top, x: x, y: rect.y, maxWidth: 1, style: style)
            write(low, x: x, y: bottom, maxWidth: 1, style: style)
        }
        if rect.height > 2 {
            for y in (rect.y + 1)..<bottom {
                write("│", x: rect.x, y: y, maxWidth: 1, style: style)
                write("│", x: right, y: y, maxWidth: 1, style: style)
            }
        }
        if !title.isEmpty { write(" \(title) ", x: rect.x + 2, y: rect.y, maxWidth: rect.width - 4, style: style) }
    }

    /// The rows whose cells differ from `previous` (all rows when the sizes differ).
    public func changedRows(from previous: CellGrid?) -> [Int] {
        guard let previous, previous.width == width, previous.height == height else { return Array(0..<height) }
        return (0..<height).filter { rows[$0] != previous.rows[$0] }
    }

    /// Each row as text (continuation cells skipped), for tests and logs.
    public var lines: [String] {
        rows.map { row in row.reduce(into: "") { $0 += $1.text } }
    }

    /// The rows as text with trailing blanks removed, joined by newlines.
    public var text: String {
        lines.map { line in
            var trimmed = Substring(line)
            while trimmed.last == " " { trimmed = trimmed.dropLast() }
            return String(trimmed)
        }.joined(separator: "\n")
    }

    private func clipped(_ rect: Rect) -> Rect {
        let x0 = max(0, rect.x), y0 = max(0, rect.y)
        let x1 = min(width, rect.x + rect.width), y1 = min(height, rect.y + rect.height)
        return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    /// Puts a cell, repairing wide characters it overlaps.
    private mutating func put(_ cell: Cell, x: Int, y: Int) {
        // Overwriting half of a wide character blanks its other half.
        if rows[y][x].isContinuation, x > 0 { rows[y][x - 1] = .blank(rows[y][x - 1].style) }
        if rows[y][x].width == 2, x + 1 < width, cell.width != 2 { rows[y][x + 1] = .blank(rows[y][x + 1].style) }
        rows[y][x] = cell
        if cell.width == 2 {
            if x + 1 < width {
                if rows[y][x + 1].width == 2, x + 2 < width { rows[y][x + 2] = .blank(rows[y][x + 2].style) }
                rows[y][x + 1] = .continuation(cell.style)
            } else {
                rows[y][x] = .blank(cell.style)
            }
        }
    }
}
