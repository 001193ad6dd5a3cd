import Foundation

/// Remembers whether a ``MailCache`` was closed, so `close()` runs once.
final class CloseState: @unchecked Sendable {
    private let lock = NSLock()
    private var closed = false

    /// Marks the cache closed; returns `false` if it already was.
    func markClosed() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if closed { return false }
        closed = true
        return true
    }
}
