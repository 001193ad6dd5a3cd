import Foundation

extension DovecotServer {
    /// One `[[accounts]]` table of a `tern` config for `user` on this server's plain port
    /// (loopback, so `security = "plain"` is allowed); `secret` is the line that gives the
    /// password (`password = …` or `password_command = …`), `extra` any further lines.
    public func plainAccountTOML(name: String, user: String, secret: String, extra: String = "") -> String {
        """
        [[accounts]]
        name = "\(name)"
        host = "\(host)"
        port = \(plainPort)
        security = "plain"
        username = "\(user)"
        \(secret)
        \(extra)

        """
    }
}

/// Executables built beside the running test bundle (`swift build --build-tests` builds
/// the package's products into the same folder).
public enum BuiltProduct {
    /// The path of the product named `name`, such as `tern`.
    public static func path(_ name: String) -> String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(name).path
    }
}
