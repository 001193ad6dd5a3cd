import ArgumentParser
import Foundation
import IMAPClient
import IMAPCodec
import Logging
import MailConfig
import MailStore
import MailSync
import NIOCore

/// The composition root's inputs: the config, the cache, and the sync
/// engine's accounts built from them. Every problem is a one-line message.
struct AppEnvironment {
    let configPath: String
    let config: TernConfig
    let cache: MailCache

    /// Sets up logging, loads the config and opens the cache (telling the
    /// user on stderr when the config has warnings or the cache was rebuilt).
    static func load(_ options: GlobalOptions) throws -> AppEnvironment {
        try FileLogHandler.bootstrap(path: options.logFile,
                                     level: options.logLevel.flatMap { Logger.Level(rawValue: $0) } ?? (options.logFile == nil ? .error : .info))
        let (path, config) = try loadConfig(options)
        let cache = try openCache(options.cachePath())
        return AppEnvironment(configPath: path, config: config, cache: cache)
    }

    /// The config file's path and contents (its warnings told on stderr).
    static func loadConfig(_ options: GlobalOptions) throws -> (path: String, config: TernConfig) {
        let path = options.config ?? ConfigLoader.defaultPath()
        let loaded: ConfigLoader.Loaded
        do {
            loaded = try ConfigLoader.load(path: path)
        } catch let error as ConfigError {
            throw CommandFailure("\(error)")
        }
        for warning in loaded.warnings { Terminal.warn(warning) }
        return (path, loaded.config)
    }

    /// `load` and `endpoints(only:)` for the commands that sync; a problem
    /// is printed and becomes exit status 1.
    static func loadWithAccounts(_ options: GlobalOptions, only names: [String]) throws -> (AppEnvironment, [AccountEndpoint]) {
        do {
            let environment = try load(options)
            let endpoints = try environment.endpoints(only: names)
            guard !endpoints.isEmpty else { throw CommandFailure("no accounts in \(environment.configPath)") }
            return (environment, endpoints)
        } catch let failure as CommandFailure {
            Terminal.warn(failure.description)
            throw ExitCode.failure
        }
    }

    /// Opens the cache file, creating its folder.
    static func openCache(_ path: String) throws -> MailCache {
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            let (cache, outcome) = try MailCache.open(path: path)
            if case .recreated = outcome { Terminal.warn("\(outcome)") }
            return cache
        } catch {
            throw CommandFailure("cannot open the cache \(path): \(error)")
        }
    }

    /// The sync engine's settings from `[general]`.
    var engineConfiguration: SyncEngine.Configuration {
        var configuration = SyncEngine.Configuration()
        configuration.maxParallelAccounts = config.general.maxParallelAccounts
        configuration.folderListTTL = .seconds(config.general.folderListTTLSeconds)
        return configuration
    }

    /// What to watch for these accounts (their `idle_folders`) and how, from `[general]`.
    func watchPlan(_ endpoints: [AccountEndpoint]) -> (folders: [String: [String]], configuration: WatchConfiguration) {
        let folders = Dictionary(uniqueKeysWithValues: config.accounts
            .filter { account in endpoints.contains { $0.name == account.name } }
            .map { ($0.name, $0.idleFolders) })
        var configuration = WatchConfiguration()
        configuration.pollInterval = .seconds(config.general.pollIntervalSeconds)
        configuration.reissueInterval = .seconds(config.general.idleReissueSeconds)
        return (folders, configuration)
    }

    /// The accounts, as the sync layer sees them; `only` restricts them to
    /// names the user gave (an unknown name is an error naming the known ones).
    func endpoints(only names: [String] = []) throws -> [AccountEndpoint] {
        let known = config.accounts.map(\.name)
        for name in names where !known.contains(name) {
            throw CommandFailure("no account named \"\(name)\" in \(configPath) (accounts: \(known.joined(separator: ", ")))")
        }
        return config.accounts
            .filter { names.isEmpty || names.contains($0.name) }
            .map(Self.endpoint)
    }

    static func endpoint(_ account: AccountConfig) -> AccountEndpoint {
        let security: ConnectionConfiguration.Security
        switch account.security {
        case .tls: security = .tls
        case .starttls: security = .startTLS
        case .plain: security = .plain
        }
        let connection = ConnectionConfiguration(
            host: account.host, port: account.port, security: security,
            allowInsecure: account.allowInsecure, caFile: account.caFile,
            clientID: [.init(key: "name", value: "Tern")]
        )
        let credentials: any CredentialProvider
        switch account.credentials {
        case .password(let secret): credentials = StaticPassword(secret.reveal())
        case .passwordCommand(let command): credentials = PasswordCommand(command)
        case .oauth2(let oauth):
            credentials = oauth2Provider(account: account.name, oauth)
        }
        return AccountEndpoint(name: account.name, connection: connection, username: account.username,
                               credentials: credentials, maxConnections: account.maxConnections)
    }

    /// The account's token provider; its `run()` (background refresh) is run
    /// by the engine.
    static func oauth2Provider(account: String, _ oauth: OAuth2Config) -> any CredentialProvider {
        guard let url = URL(string: oauth.tokenURL) else {
            // The loader validated it; the account fails alone if not.
            return UnavailableCredential(reason: "\(account): oauth2_token_url is not a URL")
        }
        let configuration = OAuth2TokenProvider.Configuration(
            account: account, clientID: secret(oauth.clientID),
            clientSecret: oauth.clientSecret.map(secret), refreshToken: secret(oauth.refreshToken),
            endpoint: OAuth2TokenEndpoint(url: url))
        return OAuth2TokenProvider(configuration: configuration)
    }

    static func secret(_ source: OAuth2Config.Source) -> OAuth2Secret {
        switch source {
        case .value(let secret): return .value(secret.reveal())
        case .command(let command): return .command(PasswordCommand(command))
        case .file(let path): return .file(path)
        }
    }
}
