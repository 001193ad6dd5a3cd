import Foundation

/// A value behind a lock, for state that synchronous code (channel handlers, `atexit`)
/// shares with async code.
///
/// TernTestSupport depends on NIOCore and NIOPosix only, so NIO's `NIOLockedValueBox`
/// (in NIOConcurrencyHelpers) is not importable here; this is the same idea on `NSLock`.
final class LockedBox<Value> {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    /// Runs `body` with exclusive access to the value.
    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

// Safety: `value` is only read or written inside `withLock`, which holds `lock` for the
// whole access, so no two threads touch it at once; `Value: Sendable` makes handing the
// value to another thread safe.
extension LockedBox: @unchecked Sendable where Value: Sendable {}
