import Foundation
import Logging
import NIOConcurrencyHelpers

/// A swift-log handler that appends lines to a file (or writes to stderr):
/// `2026-11-25T08:00:00Z warning tern.sync: message account=work`.
struct FileLogHandler: LogHandler {
    /// The open file, shared by every logger of the process; writes are
    /// serialised by the lock.
    final class Sink: Sendable {
        private let handle: NIOLockedValueBox<FileHandle>

        init(handle: FileHandle) { self.handle = NIOLockedValueBox(handle) }

        func write(_ line: String) {
            handle.withLockedValue { $0.write(Data(line.utf8)) }
        }
    }

    let label: String
    let sink: Sink
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var all = metadata
        if let extra = event.metadata { all.merge(extra) { _, new in new } }
        let fields = all.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined()
        let time = Date().formatted(.iso8601)
        sink.write("\(time) \(event.level) \(label): \(event.message)\(fields)\n")
    }

    /// Sends every logger of the process to `path` (created 0600 if missing),
    /// or to stderr when `path` is nil.
    static func bootstrap(path: String?, level: Logger.Level) throws {
        let handle: FileHandle
        if let path {
            let url = URL(fileURLWithPath: path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: path) {
                _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
            }
            guard let h = FileHandle(forWritingAtPath: path) else {
                throw CommandFailure("cannot open the log file \(path)")
            }
            h.seekToEndOfFile()
            handle = h
        } else {
            handle = FileHandle.standardError
        }
        let sink = Sink(handle: handle)
        LoggingSystem.bootstrap { label in FileLogHandler(label: label, sink: sink, logLevel: level) }
    }
}
