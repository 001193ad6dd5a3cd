/// Why a child process could not be started.
public struct ChildProcessError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The program that was to run.
    public var executable: String
    /// The `errno` of the failed call.
    public var code: Int32
    /// What was being done (`posix_spawn`, `pipe`).
    public var operation: String

    public var description: String {
        "cannot start \(executable): \(operation) failed: \(String(cString: strerror(code)))"
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
