import Foundation
import TernProcess

/// Runs a command to completion and captures its output, through ``ChildProcess`` (never
/// Foundation's `Process`, whose `waitUntilExit()` can wait forever off the main thread).
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
        environment: [String: String]? = nil,
        timeout: Duration = .seconds(120)
    ) async throws -> Output {
        let output = try await ChildProcess.run(executable, arguments, environment: environment, timeout: timeout)
        return Output(output)
    }
}

extension ProcessRunner.Output {
    init(_ output: ChildProcess.Output) {
        status = output.termination.shellStatus
        stdout = output.stdoutText
        stderr = output.stderrText
    }
}
