#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ChildProcess {
    /// What a finished command printed and how it ended.
    public struct Output: Sendable {
        public var termination: Termination
        public var stdout: [UInt8]
        public var stderr: [UInt8]
        /// The command ran past its timeout and was stopped (its process group was sent
        /// SIGTERM, then SIGKILL).
        public var timedOut: Bool

        public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
        public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
    }

    /// Runs a command to completion and captures both of its outputs, read together so that
    /// a command that fills one pipe while the other is read cannot stall.
    ///
    /// With a `timeout`, a command still running then is stopped with its whole process
    /// group (SIGTERM, SIGKILL after `grace`), and reading stops even if a daemon it left
    /// behind in another group still holds the pipes. All waiting happens on a dedicated
    /// thread, never on Swift's cooperative pool.
    public static func run(
        _ executable: String,
        _ arguments: [String] = [],
        environment: [String: String]? = nil,
        timeout: Duration? = nil,
        grace: Duration = .seconds(2)
    ) async throws(ChildProcessError) -> Output {
        try await onDedicatedThread { () throws(ChildProcessError) -> Output in
            try runBlocking(executable, arguments, environment: environment, timeout: timeout, grace: grace)
        }
    }

    /// ``run(_:_:environment:timeout:grace:)`` on the calling thread.
    public static func runBlocking(
        _ executable: String,
        _ arguments: [String] = [],
        environment: [String: String]? = nil,
        timeout: Duration? = nil,
        grace: Duration = .seconds(2)
    ) throws(ChildProcessError) -> Output {
        let out = try Spawner.pipe(for: executable)
        let err: (read: Int32, write: Int32)
        do {
            err = try Spawner.pipe(for: executable)
        } catch {
            close(out.read)
            close(out.write)
            throw error
        }
        let pid: pid_t
        do {
            pid = try Spawner.spawn(executable, arguments, environment: environment, stdin: .null,
                                    stdout: .descriptor(out.write), stderr: .descriptor(err.write))
        } catch {
            [out.read, out.write, err.read, err.write].forEach { close($0) }
            throw error
        }
        close(out.write)
        close(err.write)

        var stopper = Stopper(pid: pid, timeout: timeout, grace: grace)
        var streams = [PipeReader(fd: out.read), PipeReader(fd: err.read)]
        while streams.contains(where: \.isOpen), !stopper.gaveUp {
            var polled = streams.filter(\.isOpen).map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&polled, nfds_t(polled.count), stopper.pollTimeoutMilliseconds)
            if ready < 0, errno != EINTR { break }
            for entry in polled where entry.revents != 0 {
                if let index = streams.firstIndex(where: { $0.fd == entry.fd }) { streams[index].readAvailable() }
            }
            stopper.check()
        }
        for index in streams.indices { streams[index].finish() }
        let termination = stopper.reap()
        return Output(termination: termination, stdout: streams[0].bytes, stderr: streams[1].bytes,
                      timedOut: stopper.stopped)
    }
}

/// Enforces a command's timeout: SIGTERM to its group, SIGKILL after the grace period.
private struct Stopper {
    let pid: pid_t
    let grace: Duration
    private var deadline: ContinuousClock.Instant?
    private let clock = ContinuousClock()
    /// SIGTERM was sent.
    private(set) var stopped = false
    /// SIGKILL was sent too: stop reading, whoever still holds the pipes.
    private(set) var gaveUp = false

    init(pid: pid_t, timeout: Duration?, grace: Duration) {
        self.pid = pid
        self.grace = grace
        deadline = timeout.map { clock.now + $0 }
    }

    var pollTimeoutMilliseconds: Int32 {
        guard let deadline else { return -1 }
        let left = clock.now.duration(to: deadline)
        let (seconds, attoseconds) = left.components
        return Int32(clamping: max(0, seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1))
    }

    mutating func check() {
        guard let deadline, clock.now >= deadline else { return }
        if !stopped {
            stopped = true
            _ = kill(-pid, SIGTERM)
            self.deadline = clock.now + grace
        } else if !gaveUp {
            gaveUp = true
            _ = kill(-pid, SIGKILL)
            self.deadline = nil
        }
    }

    /// Waits for the child, still enforcing the timeout when it closed its outputs but
    /// goes on running.
    mutating func reap() -> Termination {
        guard deadline != nil else { return ChildProcess.reap(pid) }
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { return Termination(waitStatus: status) }
            if result == -1, errno != EINTR { return .exited(-1) }
            check()
            if deadline == nil { return ChildProcess.reap(pid) }
            usleep(5_000)
        }
    }
}

/// One output pipe of a child, read as data arrives.
private struct PipeReader {
    let fd: Int32
    private(set) var isOpen = true
    private(set) var bytes: [UInt8] = []

    init(fd: Int32) {
        self.fd = fd
    }

    mutating func readAvailable() {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if count > 0 {
            bytes += chunk[..<count]
        } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
            finish()
        }
    }

    mutating func finish() {
        guard isOpen else { return }
        isOpen = false
        close(fd)
    }
}
