import Foundation

/// Where one OAuth2 secret (a client secret, a refresh token) comes from:
/// the config file, a command such as `pass show google/refresh` (run once,
/// cached, re-run after `invalidate()`), or a file written by `tern auth`
/// (read on each use, so a new sign-in is picked up without a restart).
///
/// Its description never shows the secret.
public enum OAuth2Secret: Sendable, CustomStringConvertible {
    case value(String)
    case command(PasswordCommand)
    case file(String)

    /// The secret now; a failure names `account` and never holds the secret.
    public func read(account: String, what: String) async throws -> String {
        switch self {
        case .value(let value):
            return value
        case .command(let command):
            do {
                guard case .password(let value) = try await command.credential() else {
                    throw CredentialError.unavailable("\(account): the \(what) command printed nothing")
                }
                return value
            } catch let error as CredentialError {
                throw CredentialError.unavailable("\(account): the \(what) command failed: \(error)")
            }
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

    /// The file's first line, read off the cooperative pool.
    private static func readFirstLine(_ path: String, account: String, what: String) async throws -> String {
        let result: Result<String, CredentialError> = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                guard let data = FileManager.default.contents(atPath: path) else {
                    let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "does not exist"
                    continuation.resume(returning: .failure(.unavailable(
                        "\(account): the \(what) file \(path) \(reason); run `tern auth \(account)`")))
                    return
                }
                let line = String(decoding: data, as: UTF8.self)
                    .split(whereSeparator: \.isNewline).first.map(String.init)?
                    .trimmingCharacters(in: .whitespaces) ?? ""
                continuation.resume(returning: line.isEmpty
                    ? .failure(.unavailable("\(account): the \(what) file \(path) is empty; run `tern auth \(account)`"))
                    : .success(line))
            }
        }
        return try result.get()
    }
}
