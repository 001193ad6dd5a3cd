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
