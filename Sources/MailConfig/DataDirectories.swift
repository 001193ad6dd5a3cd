import Foundation

/// Where Tern finds its shipped themes and keymaps (`Themes/`, `Keymaps/`)
/// and the user's own (`~/.config/tern/themes/`, `~/.config/tern/keymaps/`).
///
/// Shipped files are searched, in this order:
/// 1. `$TERN_DATA_DIR` (a source tree or any folder holding `Themes/` and `Keymaps/`);
/// 2. the executable's folder;
/// 3. `<executable folder>/../share/tern` (an installed `bin/tern`);
/// 4. the executable's parent folders up to four levels (a `swift build`
///    binary in `.build/<triple>/debug/` finds the source tree's files).
public struct DataDirectories: Sendable, Hashable {
    /// Folders holding `Themes/` and `Keymaps/`, first match wins.
    public var shipped: [String]
    /// The user's folder (`$XDG_CONFIG_HOME/tern` or `~/.config/tern`).
    public var user: String

    public init(shipped: [String], user: String) {
        self.shipped = shipped
        self.user = user
    }

    /// The search path for this process.
    public static func current(environment: [String: String] = ProcessInfo.processInfo.environment,
                               executable: String = runningExecutable()) -> DataDirectories {
        var shipped: [String] = []
        if let dir = environment["TERN_DATA_DIR"], !dir.isEmpty { shipped.append(dir) }
        let resolved = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        shipped.append(resolved.path)
        shipped.append(resolved.appendingPathComponent("../share/tern").standardized.path)
        var parent = resolved
        for _ in 0..<4 {
            parent = parent.deletingLastPathComponent()
            shipped.append(parent.path)
        }
        let config = (ConfigLoader.defaultPath(environment: environment) as NSString).deletingLastPathComponent
        return DataDirectories(shipped: shipped, user: config)
    }

    /// This process's executable: `/proc/self/exe` (right even when `tern`
    /// was found through `PATH`), else `argv[0]`.
    public static func runningExecutable() -> String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        return CommandLine.arguments.first ?? ""
    }

    /// The shipped file `kind/name.toml` (`Themes/dark.toml`), if found.
    func shippedFile(_ kind: String, _ name: String) -> String? {
        shipped.lazy.map { "\($0)/\(kind)/\(name).toml" }.first { FileManager.default.fileExists(atPath: $0) }
    }

    /// The user's file `kind/name.toml` (`themes/dark.toml`), if present.
    func userFile(_ kind: String, _ name: String) -> String? {
        let path = "\(user)/\(kind)/\(name).toml"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }
}
