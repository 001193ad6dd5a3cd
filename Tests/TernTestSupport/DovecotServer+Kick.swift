import Foundation

extension DovecotServer {
    /// Disconnects every IMAP session of `user` from the server side (`doveadm kick`
    /// against this instance's private configuration): Dovecot says `BYE` and closes,
    /// as when a server restarts or an administrator ends a session.
    ///
    /// Throws ``Failure`` if `doveadm` is missing or fails.
    public func kick(user: String) async throws {
        let environment = ProcessInfo.processInfo.environment
        let directories = (environment["PATH"] ?? "").split(separator: ":").map(String.init) + ["/usr/bin", "/usr/sbin"]
        guard let doveadm = directories.map({ "\($0)/doveadm" })
            .first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw Failure(description: "doveadm is not installed (Debian package dovecot-core)")
        }
        let output = try await ProcessRunner.run(doveadm, ["-c", "\(directory)/dovecot.conf", "kick", user])
        guard output.status == 0 else {
            throw Failure(description: "doveadm kick \(user) failed (exit \(output.status)): \(output.stderr)")
        }
    }
}
