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
        if loaded.config.accounts.contains(where: \.hasInlineSecret), isReadableByOthers(path) {
            loaded.warnings.append("\(path) holds a secret and is readable by others: run `chmod 600 \(path)`")
        }
        for account in loaded.config.accounts {
            guard case .oauth2(let oauth) = account.credentials, case .file(let file) = oauth.refreshToken,
                  isReadableByOthers(file) else { continue }
            loaded.warnings.append("\(file) holds the refresh token of \(account.name) and is readable by others: run `chmod 600 \(file)`")
        }
        return loaded
    }

    /// Whether the group or others may read the file at `path`.
    static func isReadableByOthers(_ path: String) -> Bool {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue else { return false }
        return mode & 0o044 != 0
    }

    /// TOML text as a table; a syntax error names `file`, the line and the column.
    static func parseTOML(_ text: String, file: String) throws -> TOMLTable {
        do {
            return try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(file: file, line: error.source.begin.line, column: error.source.begin.column,
                              message: "TOML syntax: \(error.description)")
        }
    }

    /// Parses config text; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws -> Loaded {
        let root = try parseTOML(text, file: file)
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
        "ca_file", "max_connections", "idle_folders", "oauth2_client_id", "oauth2_client_id_command",
        "oauth2_client_secret", "oauth2_client_secret_command", "oauth2_refresh_token", "oauth2_refresh_token_command",
        "oauth2_refresh_token_file", "oauth2_token_url", "oauth2_auth_url", "oauth2_scope",
    ]

    /// The keys that make an account sign in with OAuth2.
    static let oauth2Keys = accountKeys.filter { $0.hasPrefix("oauth2_") }

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
        let credentials = try self.credentials(r, gmail: gmail)
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

    /// OAuth2 when any oauth2_* key is given (or for Gmail without a
    /// password, which may be an app password), a password otherwise.
    static func credentials(_ r: TableReader, gmail: Bool) throws -> AccountConfig.Credentials {
        let oauth = oauth2Keys.sorted().first(where: r.has)
        let password = ["password", "password_command"].first(where: r.has)
        if let oauth, let password {
            throw r.error(password, "give either a password or the oauth2_* keys (\(oauth) is set), not both")
        }
        if oauth != nil || (gmail && password == nil) { return try oauth2Credentials(r, gmail: gmail) }
        return try passwordCredentials(r)
    }

    static func oauth2Credentials(_ r: TableReader, gmail: Bool) throws -> AccountConfig.Credentials {
        guard let clientID = try source(r, value: "oauth2_client_id", command: "oauth2_client_id_command") else {
            throw r.error("oauth2_client_id", "is required for OAuth2 sign-in (the client id of your OAuth2 app)")
        }
        let secret = try source(r, value: "oauth2_client_secret", command: "oauth2_client_secret_command")
        let refresh = try source(r, value: "oauth2_refresh_token", command: "oauth2_refresh_token_command",
                                 file: "oauth2_refresh_token_file")
        guard let refresh else {
            throw r.error("oauth2_refresh_token_file", "is required (or oauth2_refresh_token_command, or oauth2_refresh_token = \"…\"); `tern auth` fills the file")
        }
        if !gmail, !r.has("oauth2_token_url") {
            throw r.error("oauth2_token_url", "is required for OAuth2 sign-in outside Gmail (the provider's token endpoint)")
        }
        let tokenURL = try endpointURL(r, "oauth2_token_url", default: OAuth2Config.googleTokenURL)
        let authorizationURL = try endpointURL(r, "oauth2_auth_url", default: OAuth2Config.googleAuthorizationURL)
        let scope = try r.string("oauth2_scope") ?? OAuth2Config.gmailScope
        return .oauth2(OAuth2Config(clientID: clientID, clientSecret: secret, refreshToken: refresh, tokenURL: tokenURL,
                                    authorizationURL: authorizationURL, scope: scope))
    }

    /// An https URL, or http to a loopback host (tests, local proxies).
    static func endpointURL(_ r: TableReader, _ key: String, default value: String) throws -> String {
        let text = try r.string(key) ?? value
        guard let url = URL(string: text), let host = url.host, !host.isEmpty,
              url.scheme == "https" || (url.scheme == "http" && isLoopback(host)) else {
            throw r.error(key, "expected an https URL (http only to a loopback host), got \"\(text)\"")
        }
        return text
    }

    /// At most one of the value, command and file keys.
    static func source(_ r: TableReader, value: String, command: String, file: String? = nil) throws -> OAuth2Config.Source? {
        let given = [value, command, file].compactMap { $0 }.filter(r.has)
        if given.count > 1 {
            throw r.error(given[1], "give only one of \(given.joined(separator: ", "))")
        }
        if let v = try r.string(value) {
            guard !v.isEmpty else { throw r.error(value, "must not be empty") }
            return .value(Secret(v))
        }
        if let c = try r.string(command) {
            guard !c.trimmingCharacters(in: .whitespaces).isEmpty else { throw r.error(command, "must not be empty") }
            return .command(c)
        }
        if let file, let path = try r.string(file) {
            guard path.hasPrefix("/") || path.hasPrefix("~/") else {
                throw r.error(file, "expected an absolute path (or ~/…), got \"\(path)\"")
            }
            return .file(path.hasPrefix("~/") ? NSHomeDirectory() + path.dropFirst() : path)
        }
        return nil
    }

    static func isLoopback(_ host: String) -> Bool {
        let h = host.lowercased()
        return h == "localhost" || h.hasPrefix("127.") || h == "::1" || h == "[::1]"
    }
}
