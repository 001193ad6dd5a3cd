import Foundation
import TOMLKit

/// Reads and validates `config.toml`.
///
/// Every problem is a `ConfigError` naming the file and the line (syntax) or
/// key (values); nothing is guessed silently. Warnings (e.g. an inline
/// password in a file others can read) are returned beside the config.
public enum ConfigLoader {
    /// A loaded config and what the user should be told about it.
    public struct Loaded: Sendable {
        public var config: TernConfig
        public var warnings: [String]
    }

    /// The default path: `$XDG_CONFIG_HOME/tern/config.toml` (or `~/.config/…`).
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.config")
        return base + "/tern/config.toml"
    }

    /// Loads the file at `path`.
    public static func load(path: String) throws -> Loaded {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigError(file: path, message: FileManager.default.fileExists(atPath: path)
                ? "cannot be read as UTF-8 text" : "does not exist")
        }
        var loaded = try parse(text, file: path)
        if loaded.config.accounts.contains(where: \.hasInlineSecret),
           let attributes = try? FileManager.default.attributesOfItem(atPath: path),
           let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o044 != 0 {
            loaded.warnings.append("\(path) holds a secret and is readable by others: run `chmod 600 \(path)`")
        }
        return loaded
    }

    /// Parses config text; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws -> Loaded {
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(file: file, line: error.source.begin.line, column: error.source.begin.column,
                              message: "TOML syntax: \(error.description)")
        }
        let reader = TableReader(table: root, file: file, path: "")
        try reader.rejectUnknownKeys(["general", "accounts"])
        var config = TernConfig()
        if let general = try reader.table("general") {
            config.general = try parseGeneral(general)
        }
        var names: Set<String> = []
        for accountReader in try reader.tables("accounts") {
            let account = try parseAccount(accountReader)
            guard names.insert(account.name).inserted else {
                throw accountReader.error("name", "another account is already named \"\(account.name)\"")
            }
            config.accounts.append(account)
        }
        return Loaded(config: config, warnings: [])
    }

    static func parseGeneral(_ r: TableReader) throws -> GeneralConfig {
        try r.rejectUnknownKeys(["max_parallel_accounts", "poll_interval_seconds", "folder_list_ttl_seconds", "idle_reissue_seconds", "theme", "keymap"])
        var g = GeneralConfig()
        g.maxParallelAccounts = try r.int("max_parallel_accounts", in: 1...64) ?? g.maxParallelAccounts
        g.pollIntervalSeconds = try r.int("poll_interval_seconds", in: 10...86_400) ?? g.pollIntervalSeconds
        g.folderListTTLSeconds = try r.int("folder_list_ttl_seconds", in: 0...86_400) ?? g.folderListTTLSeconds
        g.idleReissueSeconds = try r.int("idle_reissue_seconds", in: 1...1_740) ?? g.idleReissueSeconds
        g.theme = try r.string("theme") ?? g.theme
        g.keymap = try r.string("keymap") ?? g.keymap
        return g
    }

    static let accountKeys: Set<String> = [
        "name", "kind", "host", "port", "security", "allow_insecure", "username", "password", "password_command",
        "ca_file", "max_connections", "idle_folders", "oauth2_client_id", "oauth2_client_secret",
        "oauth2_client_secret_command", "oauth2_refresh_token", "oauth2_refresh_token_command", "oauth2_token_url",
    ]

    static func parseAccount(_ r: TableReader) throws -> AccountConfig {
        try r.rejectUnknownKeys(accountKeys)
        let name = try r.requiredString("name")
        let kind = try r.choice("kind", AccountConfig.Kind.self) ?? .imap
        let gmail = kind == .gmail
        let host = gmail ? (try r.string("host") ?? "imap.gmail.com") : try r.requiredString("host")
        let security = try r.choice("security", AccountConfig.Security.self) ?? .tls
        let port = try r.int("port", in: 1...65_535) ?? (security == .tls ? 993 : 143)
        let allowInsecure = try r.bool("allow_insecure") ?? false
        if security == .plain, !allowInsecure, !isLoopback(host) {
            throw r.error("security", "\"plain\" sends the password unencrypted; it is allowed only to a loopback host or with allow_insecure = true")
        }
        let username = try r.requiredString("username")
        let credentials = gmail ? try oauth2Credentials(r) : try passwordCredentials(r)
        let caFile = try r.string("ca_file")
        if let caFile, !FileManager.default.fileExists(atPath: caFile) {
            throw r.error("ca_file", "no file at \(caFile)")
        }
        let maxConnections = try r.int("max_connections", in: 1...32) ?? 4
        let idleFolders = try r.stringArray("idle_folders") ?? ["INBOX"]
        return AccountConfig(name: name, kind: kind, host: host, port: port, security: security,
                             allowInsecure: allowInsecure, username: username, credentials: credentials,
                             caFile: caFile, maxConnections: maxConnections, idleFolders: idleFolders)
    }

    static func passwordCredentials(_ r: TableReader) throws -> AccountConfig.Credentials {
        let password = try r.string("password")
        let command = try r.string("password_command")
        switch (password, command) {
        case (_?, _?): throw r.error("password", "give either password or password_command, not both")
        case (let p?, nil): return .password(Secret(p))
        case (nil, let c?): return .passwordCommand(c)
        case (nil, nil): throw r.error("password_command", "is required (or password = \"…\")")
        }
    }

    static func oauth2Credentials(_ r: TableReader) throws -> AccountConfig.Credentials {
        let clientID = try r.requiredString("oauth2_client_id")
        let secret = try source(r, value: "oauth2_client_secret", command: "oauth2_client_secret_command", required: false)
        guard let refresh = try source(r, value: "oauth2_refresh_token", command: "oauth2_refresh_token_command", required: true) else {
            throw r.error("oauth2_refresh_token_command", "is required")
        }
        let tokenURL = try r.string("oauth2_token_url") ?? OAuth2Config.googleTokenURL
        guard let url = URL(string: tokenURL), url.scheme == "https" || (url.scheme == "http" && isLoopback(url.host ?? "")) else {
            throw r.error("oauth2_token_url", "expected an https URL (http only to a loopback host), got \"\(tokenURL)\"")
        }
        return .oauth2(OAuth2Config(clientID: clientID, clientSecret: secret, refreshToken: refresh, tokenURL: tokenURL))
    }

    static func source(_ r: TableReader, value: String, command: String, required: Bool) throws -> OAuth2Config.Source? {
        switch (try r.string(value), try r.string(command)) {
        case (_?, _?): throw r.error(value, "give either \(value) or \(command), not both")
        case (let v?, nil): return .value(Secret(v))
        case (nil, let c?): return .command(c)
        case (nil, nil):
            if required { throw r.error(command, "is required (or \(value) = \"…\")") }
            return nil
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        let h = host.lowercased()
        return h == "localhost" || h.hasPrefix("127.") || h == "::1" || h == "[::1]"
    }
}
