import BenchmarkSupport
import Foundation
import TernProcess
import Synchronization
import TernTestSupport

/// Notification latency: from the tagged OK of an APPEND on one connection
/// to (a) a bare IDLE client reading `* n EXISTS`, and (b) `tern watch
/// --json` printing the `newMail` event (the message already in its cache),
/// for 100 arrivals one after another on the same server, measured in the
/// same run. The bare client opens the folder as tern's watcher does
/// (QRESYNC enabled, EXAMINE): a read-write session changes when Dovecot
/// wakes IDLE sessions, which would compare two different things. Dovecot holds a change about 500 ms before it tells IDLE
/// clients, so tern is compared with the bare client, not with zero.
enum IdleLatency {
    struct Result {
        var bare: [Duration]
        var tern: [Duration]
    }

    /// Lines read from a stream, each stamped with the monotonic time it arrived.
    final class StampedLines: Sendable {
        private let lines = Mutex<[(ContinuousClock.Instant, String)]>([])
        func append(_ line: String) {
            let now = ContinuousClock.now
            lines.withLock { $0.append((now, line)) }
        }
        func stamps(containing text: String) -> [ContinuousClock.Instant] {
            lines.withLock { $0.filter { $0.1.contains(text) }.map(\.0) }
        }
        var all: [String] { lines.withLock { $0.map(\.1) } }
    }

    static func measure(ternBinary: String, arrivals: Int = 100) async throws -> Result {
        let server = try await DovecotServer.start(DovecotServer.Options(userCount: 1))
        do {
            let result = try await measure(server: server, ternBinary: ternBinary, arrivals: arrivals)
            try await server.stop()
            return result
        } catch {
            try? await server.stop()
            throw error
        }
    }

    private static func measure(server: DovecotServer, ternBinary: String, arrivals: Int) async throws -> Result {
        let config = server.directory + "/latency.toml"
        try server.plainAccountTOML(name: "bench", user: "alice", secret: "password = \"secret-alice\"")
            .write(toFile: config, atomically: true, encoding: .utf8)
        chmod(config, 0o600)

        // tern watch --json, its stdout stamped line by line.
        let pipe = Pipe()
        let tern = try ChildProcess.spawn(
            ternBinary, ["watch", "--json", "--config", config, "--cache", server.directory + "/latency.sqlite"],
            stdout: .descriptor(pipe.fileHandleForWriting.fileDescriptor))
        try pipe.fileHandleForWriting.close()
        defer { tern.signal(SIGINT) }
        let ternLines = StampedLines()
        let ternHandle = pipe.fileHandleForReading
        Thread.detachNewThread {
            var buffer = Data()
            while true {
                let chunk = ternHandle.availableData
                if chunk.isEmpty { return }
                buffer.append(chunk)
                while let newline = buffer.firstIndex(of: 0x0A) {
                    ternLines.append(String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self))
                    buffer.removeSubrange(buffer.startIndex...newline)
                }
            }
        }
        try await waitUntil { ternLines.all.contains { $0.contains("\"mode\":\"idle\"") } }
        try await Task.sleep(for: .seconds(1))  // the catch-up sync

        // The bare IDLE client.
        let bare = try BareSocket(port: server.plainPort)
        try bare.run(tag: "i1", "LOGIN alice secret-alice")
        // As tern's IDLE connection does: QRESYNC on, the folder examined.
        try bare.run(tag: "i2a", "ENABLE QRESYNC")
        try bare.run(tag: "i2", "EXAMINE INBOX")
        let bareLines = StampedLines()
        try bare.startIdle(tag: "i3") { line in bareLines.append(line) }

        let appender = try BareSocket(port: server.plainPort)
        try appender.run(tag: "a0", "LOGIN alice secret-alice")
        let factory = MessageFactory(seed: 99)
        var result = Result(bare: [], tern: [])
        for i in 0..<arrivals {
            try appender.append(tag: "a\(i + 1)", mailbox: "INBOX", message: factory.message(i).raw)
            let appended = ContinuousClock.now
            try await waitUntil {
                bareLines.stamps(containing: " EXISTS").count > i && ternLines.stamps(containing: "\"newMail\"").count > i
            }
            result.bare.append(bareLines.stamps(containing: " EXISTS")[i] - appended)
            result.tern.append(ternLines.stamps(containing: "\"newMail\"")[i] - appended)
            // Let any sync still running finish, so the next arrival is heard through IDLE.
            try await Task.sleep(for: .milliseconds(300))
        }
        return result
    }

    static func waitUntil(timeout: Duration = .seconds(20), _ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while !condition() {
            guard ContinuousClock.now < deadline else { throw BareSocket.Failure.failed("timed out waiting") }
            try await Task.sleep(for: .milliseconds(2))
        }
    }

    static func percentile(_ values: [Duration], _ p: Double) -> Duration {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .zero }
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count - 1, max(0, rank - 1))]
    }
}
