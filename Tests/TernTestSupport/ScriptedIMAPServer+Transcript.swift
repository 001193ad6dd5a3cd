extension ScriptedIMAPServer {
    /// One chunk of traffic: a frame the client sent, or bytes the server sent.
    public struct TranscriptEntry: Sendable, Hashable {
        /// Who sent the bytes.
        public enum Direction: Sendable, Hashable {
            case clientToServer, serverToClient
        }

        /// The connection (1, 2, …).
        public let connection: Int
        /// Who sent the bytes.
        public let direction: Direction
        /// The bytes, line ends included.
        public let bytes: [UInt8]

        /// The bytes as text (invalid UTF-8 is replaced).
        public var text: String {
            String(decoding: bytes, as: UTF8.self)
        }
    }
}

/// Collects transcript entries from the event loops (client frames) and from handlers
/// (server sends) in one ordered list.
final class TranscriptRecorder: Sendable {
    private let box = LockedBox<[ScriptedIMAPServer.TranscriptEntry]>([])

    var entries: [ScriptedIMAPServer.TranscriptEntry] {
        box.withLock { $0 }
    }

    func record(connection: Int, direction: ScriptedIMAPServer.TranscriptEntry.Direction, bytes: [UInt8]) {
        let entry = ScriptedIMAPServer.TranscriptEntry(connection: connection, direction: direction, bytes: bytes)
        box.withLock { $0.append(entry) }
    }

    func text(connection: Int?) -> String {
        let entries = self.entries
        let numbered = connection == nil && Set(entries.map(\.connection)).count > 1
        var lines: [String] = []
        for entry in entries where connection == nil || entry.connection == connection {
            let prefix = (numbered ? "\(entry.connection) " : "") + (entry.direction == .clientToServer ? "C: " : "S: ")
            var pieces = entry.text.components(separatedBy: "\r\n")
            if pieces.last == "" {
                pieces.removeLast()
            }
            lines += pieces.map { prefix + $0 }
        }
        return lines.joined(separator: "\n")
    }
}
