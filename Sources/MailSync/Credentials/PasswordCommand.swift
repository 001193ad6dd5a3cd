import Foundation
import TernProcess

/// A password printed by a command (`pass show mail/work`): run once, on
/// first use, its first line kept in memory for the life of the process;
/// run again only after the server rejects it. Concurrent first uses share one
/// run.
public actor PasswordCommand: CredentialProvider {
    private let command: String
    private var cached: String?
    private var running: Task<String, any Error>?
    /// How many times the command ran (tests and the pool pane read it).
    public private(set) var runs = 0

    /// How long the command may run (a pinentry prompt included) before it is stopped.
    private let timeout: TimeInterval

    public init(_ command: String, timeout: TimeInterval = 120) {
        self.command = command
        self.timeout = timeout
    }

    public func credential() async throws -> Credential {
        if let cached { return .password(cached) }
        if let running { return .password(try await running.value) }
        let command = self.command
        let timeout = self.timeout
        let task = Task { try await Self.run(command, timeout: timeout) }
        running = task
        runs += 1
        defer { running = nil }
        let password = try await task.value
        cached = password
        return .password(password)
    }

    public func rejected(_ credential: Credential) async {
        if case .password(let p) = credential, p == cached { cached = nil }
    }

    /// Drops the cached output whatever it was, so the next use runs the
    /// command again (an OAuth2 refresh token the endpoint refused).
    public func forget() {
        cached = nil
    }

    /// Runs `/bin/sh -c command` (off the cooperative pool, in a process group of its own
    /// so that a timeout stops what it started too); the first line of its output is the
    /// password.
    static func run(_ command: String, timeout: TimeInterval) async throws -> String {
        let output: ChildProcess.Output
        do {
            output = try await ChildProcess.run("/bin/sh", ["-c", command], timeout: .seconds(timeout))
        } catch {
            throw CredentialError.commandFailed(status: -1, message: error.description)
        }
        if output.timedOut {
            throw CredentialError.commandFailed(status: -1, message: "stopped after \(Int(timeout)) s without finishing")
        }
        guard output.termination.succeeded else {
            // stderr is the command's own complaint ("gpg: decryption failed"),
            // never the password, which goes to stdout.
            let message = String(decoding: output.stderr.prefix(300), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let status = output.termination.shellStatus
            throw CredentialError.commandFailed(status: status, message: message)
        }
        let text = output.stdoutText
        let firstLine = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        let password = firstLine.hasSuffix("\r") ? String(firstLine.dropLast()) : firstLine
        guard !password.isEmpty else { throw CredentialError.emptyPassword }
        return password
    }
}
