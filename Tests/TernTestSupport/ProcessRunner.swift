import Foundation

/// Runs a command to completion off the Swift concurrency pool and captures its output.
///
/// `Process.waitUntilExit()` and pipe reads block a thread, so they run through
/// ``runOffPool(_:)``.
public enum ProcessRunner {
    /// The exit status and captured output of a finished command.
    public struct Output: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    public static func run(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String]? = nil
    ) async throws -> Output {
        try await runOffPool { try runBlocking(executable, arguments, environment: environment) }
    }

    public static func runBlocking(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String]? = nil
    ) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment {
            process.environment = environment
        }
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()

        // Drain both pipes at once: a child that fills one pipe while we wait on the
        // other would never finish.
        let stderrData = LockedBox(Data())
        let drained = DispatchGroup()
        DispatchQueue.global().async(group: drained) {
            let data = stderr.fileHandleForReading.readDataToEndOfFile()
            stderrData.withLock { $0 = data }
        }
        let stdoutData = stdout.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        process.waitUntilExit()

        return Output(
            status: process.terminationStatus,
            stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: stderrData.withLock { $0 }, as: UTF8.self)
        )
    }
}

extension ProcessRunner {
    /// Where a spawned program's standard streams go.
    public enum StandardStreams: Sendable {
        /// This process's own (a program that takes over the terminal).
        case inherited
        /// /dev/null (a daemon that would keep a pipe open).
        case null
    }

    /// Runs a program in this process group and waits for it (blocking:
    /// call it through ``runOffPool(_:)``); returns its exit status.
    ///
    /// Unlike `Process`, the child stays in this process group, so it can
    /// own the terminal, and it starts with no signal blocked: a Dispatch
    /// worker thread blocks every signal and a spawned program inherits the
    /// mask (tmux then never hears SIGCHLD or SIGTERM).
    public static func spawnAndWait(_ argv: [String], environment: [String]? = nil,
                                    standardStreams: StandardStreams = .inherited) -> Int32 {
        guard let path = argv.first else { return -1 }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if case .null = standardStreams {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let variables = environment ?? ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = variables.map { strdup($0) } + [nil]
        defer { (cArgs + cEnv).forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, path, &actions, &attributes, cArgs, cEnv) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        return (status >> 8) & 0xFF
    }
}

/// Runs blocking `work` (waiting for a process, file I/O) on a Dispatch queue and awaits
/// its result, so that it never holds one of the cooperative pool's threads (two on a
/// two-core machine) that the tests need.
public func runOffPool<Value: Sendable, Failure: Error>(
    _ work: @escaping @Sendable () throws(Failure) -> Value
) async throws(Failure) -> Value {
    let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<Value, Failure>, Never>) in
        DispatchQueue.global().async {
            continuation.resume(returning: Result(catching: work))
        }
    }
    return try result.get()
}
