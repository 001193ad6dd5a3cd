import Foundation
import TernTestSupport

/// A private tmux server (its own socket) running one program in a pane of
/// a given size: keys in with `send-keys`, the screen out with `capture-pane`.
/// Every wait polls the screen until a deadline; nothing sleeps for timing.
struct Tmux: Sendable {
    let socket: String
    let session = "tern"

    init(directory: String) {
        socket = directory + "/tmux.sock"
    }

    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }

    @discardableResult
    func tmux(_ arguments: [String]) async throws -> String {
        let output = try await ProcessRunner.run("/usr/bin/tmux", ["-S", socket] + arguments,
                                                 environment: ["LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "TERM": "xterm-256color"])
        guard output.status == 0 else { throw Failure("tmux \(arguments.joined(separator: " ")): \(output.stderr)") }
        return output.stdout
    }

    /// Starts `command` (a shell command line) in a detached session of `width`×`height`.
    func start(_ command: String, width: Int, height: Int, environment: [String: String]) async throws {
        var arguments = ["-f", "/dev/null", "new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)"]
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) { arguments += ["-e", "\(key)=\(value)"] }
        arguments.append(command)
        // Spawned and reaped by hand with /dev/null for its output (the server
        // it starts keeps the client's descriptors: reading a pipe to its end
        // would never finish) and with no signal blocked (see ProcessRunner.spawnAndWait).
        let argv = ["/usr/bin/tmux", "-S", socket] + arguments
        let status = await runOffPool {
            ProcessRunner.spawnAndWait(argv, environment: ["LANG=C.UTF-8", "PATH=/usr/bin:/bin", "TERM=xterm-256color"],
                                       standardStreams: .null)
        }
        guard status == 0 else { throw Failure("tmux new-session exited with \(status)") }
        try await tmux(["set-option", "-t", session, "remain-on-exit", "on"])
    }

    func send(_ keys: String...) async throws {
        try await tmux(["send-keys", "-t", session] + keys)
    }

    /// Types text literally.
    func type(_ text: String) async throws {
        try await tmux(["send-keys", "-t", session, "-l", text])
    }

    func capture() async throws -> String {
        try await tmux(["capture-pane", "-p", "-t", session])
    }

    func display(_ format: String) async throws -> String {
        try await tmux(["display-message", "-p", "-t", session, format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func resize(width: Int, height: Int) async throws {
        try await tmux(["resize-window", "-t", session, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Polls the screen until `condition` holds; throws with the last screen after `timeout`.
    @discardableResult
    func waitFor(_ what: String, timeout: Duration = .seconds(30),
                 _ condition: (String) -> Bool) async throws -> String {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var screen = ""
        while clock.now < deadline {
            screen = try await capture()
            if condition(screen) { return screen }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw Failure("timed out waiting for \(what); the screen was:\n\(screen)")
    }

    /// Waits for `text` on the screen.
    @discardableResult
    func waitFor(text: String, timeout: Duration = .seconds(30)) async throws -> String {
        try await waitFor("\"\(text)\"", timeout: timeout) { $0.contains(text) }
    }

    func kill() async {
        _ = try? await tmux(["kill-server"])
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
