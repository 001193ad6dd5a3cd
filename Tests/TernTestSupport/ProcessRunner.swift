import Foundation

/// Runs a command to completion off the Swift concurrency pool and captures its output.
///
/// `Process.waitUntilExit()` and pipe reads block a thread, so they run on a Dispatch
/// queue and the caller awaits a continuation; the cooperative pool (two threads on a
/// two-core machine) stays free for the tests.
enum ProcessRunner {
    /// The exit status and captured output of a finished command.
    struct Output: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String]? = nil
    ) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result {
                    try runBlocking(executable, arguments, environment: environment)
                })
            }
        }
    }

    static func runBlocking(
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
