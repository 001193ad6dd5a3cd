import Foundation

/// Output helpers for the headless commands: results on stdout, messages
/// and progress on stderr.
enum Terminal {
    /// Whether stderr is a terminal (progress then rewrites one line).
    static let stderrIsTTY = isatty(STDERR_FILENO) == 1

    static func warn(_ message: String) {
        FileHandle.standardError.write(Data("tern: \(message)\n".utf8))
    }

    static func printLine(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// One JSON object per line, keys sorted, dates ISO-8601.
    static func printJSON<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let data = try encoder.encode(value)
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }
}
