import ArgumentParser
import Foundation
import Logging

/// Options every command takes (DESIGN.md's command-line contract).
struct GlobalOptions: ParsableArguments {
    @Option(help: "Config file (default: $XDG_CONFIG_HOME/tern/config.toml).") var config: String?
    @Option(help: "Cache database (default: $XDG_DATA_HOME/tern/cache.sqlite).") var cache: String?
    @Option(help: "Write logs to this file (default: warnings and errors on stderr).") var logFile: String?
    @Option(help: "trace, debug, info, notice, warning, error or critical.") var logLevel: String?

    /// The cache path: the option, else `$XDG_DATA_HOME/tern/cache.sqlite`.
    func cachePath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        cache ?? Self.xdgDirectory("XDG_DATA_HOME", fallback: ".local/share", environment: environment) + "/tern/cache.sqlite"
    }

    /// The interactive client's log: `$XDG_STATE_HOME/tern/tern.log`.
    static func defaultLogPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        xdgDirectory("XDG_STATE_HOME", fallback: ".local/state", environment: environment) + "/tern/tern.log"
    }

    /// An XDG base directory: the variable when set and not empty, else `~/fallback`.
    static func xdgDirectory(_ variable: String, fallback: String, environment: [String: String]) -> String {
        environment[variable].flatMap { $0.isEmpty ? nil : $0 } ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/" + fallback)
    }

    func validate() throws {
        if let logLevel, Logger.Level(rawValue: logLevel) == nil {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
    }
}
