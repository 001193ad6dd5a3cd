#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization
import TerminalKit

/// A terminal in memory that types a script of keys once the first full
/// frame is shown, and times each key to the frame it produced.
///
/// Used on the UI thread only (the MailApp loop); the figures are read
/// through ``Results`` from any thread.
final class ScriptedTerminal: Terminal {
    /// What the benchmark prints, filled in by the UI thread.
    final class Results: Sendable {
        struct Figures {
            var firstFullFrame: ContinuousClock.Instant?
            var keyToFrame: [Duration] = []
            var frames = 0
            var changedRows = 0
        }
        let figures = Mutex(Figures())
    }

    let size: (width: Int, height: Int)
    private var keys: [KeyEvent]
    private let results: Results
    private let isFullFrame: (CellGrid) -> Bool
    private let clock = ContinuousClock()
    private var previous: CellGrid?
    private var keySentAt: ContinuousClock.Instant?
    private var ready = false
    private(set) var isClosed = false

    init(width: Int, height: Int, keys: [KeyEvent], results: Results, isFullFrame: @escaping (CellGrid) -> Bool) {
        size = (width, height)
        self.keys = keys
        self.results = results
        self.isFullFrame = isFullFrame
    }

    func present(_ grid: CellGrid) {
        let changed = grid.changedRows(from: previous).count
        previous = grid
        let now = clock.now
        results.figures.withLock { figures in
            figures.frames += 1
            figures.changedRows += changed
            if let sent = keySentAt {
                figures.keyToFrame.append(now - sent)
            }
            if !ready, isFullFrame(grid) {
                figures.firstFullFrame = now
                ready = true
            }
        }
        keySentAt = nil
    }

    func waitForKeys(wakeup: Wakeup, timeoutMilliseconds: Int32) -> [KeyEvent] {
        guard ready, !keys.isEmpty else {
            var fd = pollfd(fd: wakeup.readDescriptor, events: Int16(POLLIN), revents: 0)
            _ = poll(&fd, 1, 1_000)
            wakeup.drain()
            return []
        }
        keySentAt = clock.now
        return [keys.removeFirst()]
    }

    func suspend() {}
    func bell() {}
    func restore() {}
}
