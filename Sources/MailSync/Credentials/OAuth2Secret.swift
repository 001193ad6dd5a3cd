import Foundation
import TernProcess

/// Where one OAuth2 secret (a client secret, a refresh token) comes from:
/// the config file, a command such as `pass show google/refresh` (run once,
/// cached, re-run after `invalidate()`), or a file written by `tern auth`
/// (read on each use, so a new sign-in is picked up without a restart).
///
/// Its description never shows the secret.
public enum OAuth2Secret: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    case value(String)
    case command(PasswordCommand)
    case file(String)

    /// The secret now; a failure names `account` and never holds the secret.
    public func read(account: String, what: String) async throws -> String {
        switch self {
        case .value(let value):
            return value
        case .command(let command):
            let credential: Credential
            do {
                credential = try await command.credential()
            } catch let error as CredentialError {
                throw CredentialError.unavailable("\(account): the \(what) command failed: \(error)")
            }
            // A password command only ever gives a password, never empty.
            guard case .password(let value) = credential else { preconditionFailure("a command gave \(credential)") }
            return value
        case .file(let path):
            return try await Self.readFirstLine(path, account: account, what: what)
        }
    }

    /// Forgets a cached command output, so the next `read` runs the command again.
    public func invalidate() async {
        if case .command(let command) = self { await command.forget() }
    }

    public var description: String {
        switch self {
        case .value: return "value(<redacted>)"
        case .command: return "command"
        case .file(let path): return "file(\(path))"
        }
    }

    public var debugDescription: String { description }

    /// Writes `value` and a newline to `path` through a new file of mode 0600
    /// renamed over the old one, so the secret is never readable by others,
    /// not even briefly, and a reader never sees half of it. Creates the
    /// folder (mode 0700) when missing.
    public static func writePrivately(_ value: String, to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw CredentialError.unavailable("cannot create \(temporary): \(String(cString: strerror(errno)))") }
        let bytes = Array((value + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd)
        close(fd)
        guard written == bytes.count, synced == 0, rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw CredentialError.unavailable("cannot write \(path): \(reason)")
        }
    }

    /// The file's first line, read off the cooperative pool.
    private static func readFirstLine(_ path: String, account: String, what: String) async throws -> String {
        try await onDedicatedThread { () throws(CredentialError) -> String in
            guard let data = FileManager.default.contents(atPath: path) else {
                let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "does not exist"
                throw .unavailable("\(account): the \(what) file \(path) \(reason); run `tern auth \(account)`")
            }
            let line = String(decoding: data, as: UTF8.self)
                .split(whereSeparator: \.isNewline).first.map(String.init)?
                .trimmingCharacters(in: .whitespaces) ?? ""
            guard !line.isEmpty else {
                throw .unavailable("\(account): the \(what) file \(path) is empty; run `tern auth \(account)`")
            }
            return line
        }
    }
}
