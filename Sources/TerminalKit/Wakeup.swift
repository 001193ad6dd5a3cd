#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// A self-pipe that wakes a thread waiting in `poll`: whoever has news for
/// the UI calls ``signal()`` (from any thread); the UI thread polls
/// ``readDescriptor`` alongside the terminal and calls ``drain()``.
///
/// An idle UI then sleeps in the kernel instead of waking on a timer.
public final class Wakeup: Sendable {
    /// The end to poll for reading.
    public let readDescriptor: Int32
    private let writeDescriptor: Int32
    private let closed = Mutex(false)

    /// Creates the pipe (both ends non-blocking, close-on-exec); `nil` when the process is out of descriptors.
    public init?() {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return nil }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        readDescriptor = fds[0]
        writeDescriptor = fds[1]
    }

    /// Wakes the waiting thread. Never blocks: a full pipe already means "awake".
    public func signal() {
        closed.withLock { isClosed in
            guard !isClosed else { return }
            var byte: UInt8 = 1
            _ = write(writeDescriptor, &byte, 1)
        }
    }

    /// Empties the pipe after a wake-up.
    public func drain() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(readDescriptor, &buffer, buffer.count) > 0 {}
    }

    deinit {
        closed.withLock { $0 = true }
        close(readDescriptor)
        close(writeDescriptor)
    }
}
