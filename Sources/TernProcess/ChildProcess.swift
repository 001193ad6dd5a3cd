#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

/// A running child process: a program started with `posix_spawn` in a process group of
/// its own, waited for without blocking Swift's cooperative pool.
///
/// Foundation's `Process.waitUntilExit()` spins a run loop until Foundation's own SIGCHLD
/// handling tells it the child ended; called off the main thread it can miss that and wait
/// forever (a test run that hung in CI). Here a dedicated thread calls `waitpid` for this
/// one child.
///
/// ```swift
/// let tern = try ChildProcess.spawn("/path/to/tern", ["watch", "--json"], stdout: .file(log))
/// …
/// tern.signal(SIGINT)
/// let ended = await tern.wait(timeout: .seconds(15))   // nil: still running
/// ```
public final class ChildProcess: Sendable {
    /// The child's process id, which is also its process group id unless it was started
    /// in the caller's group.
    public let pid: pid_t
    /// Whether the child leads a process group of its own.
    public let ownsProcessGroup: Bool
    private let state = Mutex(State())

    private struct State {
        var termination: Termination?
        var reaping = false
        var nextWaiter = 0
        var waiters: [Int: CheckedContinuation<Termination?, Never>] = [:]
    }

    init(pid: pid_t, ownsProcessGroup: Bool) {
        self.pid = pid
        self.ownsProcessGroup = ownsProcessGroup
    }

    /// Starts `executable` (a path, or a name looked up in `PATH`) with `arguments`.
    /// `environment` defaults to this process's.
    ///
    /// The child leads a new process group, so that ``signal(_:)`` reaches whatever it
    /// starts too. A program that must read the caller's terminal (an interactive client
    /// started by a launcher) stays in the caller's group instead, with
    /// `ownProcessGroup: false`: only the terminal's foreground group may read it.
    public static func spawn(
        _ executable: String,
        _ arguments: [String] = [],
        environment: [String: String]? = nil,
        stdin: Redirect = .null,
        stdout: Redirect = .null,
        stderr: Redirect = .null,
        ownProcessGroup: Bool = true
    ) throws(ChildProcessError) -> ChildProcess {
        let pid = try Spawner.spawn(executable, arguments, environment: environment,
                                    stdin: stdin, stdout: stdout, stderr: stderr, ownProcessGroup: ownProcessGroup)
        return ChildProcess(pid: pid, ownsProcessGroup: ownProcessGroup)
    }

    /// How the child ended, or nil while it runs (or nobody waited for it yet).
    public var termination: Termination? {
        state.withLock { $0.termination }
    }

    /// Sends `signal` to the child's whole process group (to the child alone when it
    /// shares the caller's), unless it was already reaped (its id may then belong to
    /// another process).
    public func signal(_ number: Int32) {
        state.withLock { state in
            if state.termination == nil { _ = kill(ownsProcessGroup ? -pid : pid, number) }
        }
    }

    /// Waits until the child ends, even when the calling task is cancelled.
    public func wait() async -> Termination {
        let id = register()
        return await withCheckedContinuation { continuation in
            enqueue(id, continuation)
        } ?? .exited(-1)  // never nil: only cancellation resumes with nil, and this waiter has none
    }

    /// Waits at most `timeout`; nil when the child is still running then.
    public func wait(timeout: Duration) async -> Termination? {
        await withTaskGroup(of: Termination?.self) { group in
            group.addTask { await self.waitUnlessCancelled() }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? termination
        }
    }

    /// The termination, or nil when the calling task is cancelled first.
    private func waitUnlessCancelled() async -> Termination? {
        let id = register()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if Task.isCancelled {
                    continuation.resume(returning: termination)
                } else {
                    enqueue(id, continuation)
                }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume(returning: nil)
        }
    }

    private func register() -> Int {
        state.withLock { state in
            state.nextWaiter += 1
            return state.nextWaiter
        }
    }

    /// Resumes `continuation` at once when the child was reaped; otherwise queues it and
    /// starts the reaper thread if nobody did.
    private func enqueue(_ id: Int, _ continuation: CheckedContinuation<Termination?, Never>) {
        let (ended, startReaper) = state.withLock { state -> (Termination?, Bool) in
            if let ended = state.termination { return (ended, false) }
            state.waiters[id] = continuation
            defer { state.reaping = true }
            return (nil, !state.reaping)
        }
        if let ended { continuation.resume(returning: ended) }
        if startReaper { startReaping() }
    }

    /// One thread per child blocks in `waitpid` and wakes every waiter.
    private func startReaping() {
        let thread = Thread { [self] in
            let ended = Self.reap(pid)
            let waiters = state.withLock { state in
                state.termination = ended
                defer { state.waiters = [:] }
                return Array(state.waiters.values)
            }
            for waiter in waiters { waiter.resume(returning: ended) }
        }
        thread.name = "tern.reaper"
        thread.start()
    }

    /// `waitpid` for `pid`, retried on EINTR.
    static func reap(_ pid: pid_t) -> Termination {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            if errno != EINTR { return .exited(-1) }
        }
        return Termination(waitStatus: status)
    }
}
