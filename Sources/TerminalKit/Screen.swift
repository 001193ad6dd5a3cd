/// Where a frame goes: the terminal (CursesBackend) or memory (tests).
///
/// The UI renders a whole ``CellGrid`` per frame; a screen shows it,
/// updating only the rows that changed since the last frame.
public protocol Screen: AnyObject {
    /// The terminal's size now (columns, rows).
    var size: (width: Int, height: Int) { get }
    /// Shows a frame.
    func present(_ grid: CellGrid)
}

/// A screen in memory: keeps the last frame, for tests and benchmarks.
public final class MemoryScreen: Screen {
    public var size: (width: Int, height: Int)
    /// The frames presented, oldest first (only the last `keep`).
    public private(set) var frames: [CellGrid] = []
    /// Rows that changed in the last frame.
    public private(set) var lastChangedRows: [Int] = []
    private let keep: Int

    /// A screen of the given size, keeping the last `keep` frames.
    public init(width: Int, height: Int, keep: Int = 4) {
        size = (width, height)
        self.keep = keep
    }

    public func present(_ grid: CellGrid) {
        lastChangedRows = grid.changedRows(from: frames.last)
        frames.append(grid)
        if frames.count > keep { frames.removeFirst(frames.count - keep) }
    }

    /// The last frame, if any.
    public var last: CellGrid? { frames.last }
}
