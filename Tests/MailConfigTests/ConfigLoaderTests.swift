import Foundation
import Testing
@testable import MailConfig

@Suite struct ConfigLoaderTests {
    static let full = """
    [general]
    max_parallel_accounts = 2
    poll_interval_seconds = 120
    idle_reissue_seconds = 600
    theme = "dark"

    [[accounts]]
    name = "work"
    kind = "imap"
    host = "mail.example.com"
    port = 993
    security = "tls"
    username = "me@example.com"
    password_command = "pass show mail/work"
    max_connections = 3
    idle_folders = ["INBOX", "Team"]

    [[accounts]]
    name = "gmail"
    kind = "gmail"
    username = "me@gmail.com"
    oauth2_client_id = "client-id"
    oauth2_client_secret_command = "pass show gmail/secret"
    oauth2_refresh_token_command = "pass show gmail/refresh"

    [[accounts]]
    name = "local"
    host = "127.0.0.1"
    port = 10143
    security = "plain"
    username = "alice"
    password = "secret-alice"
    """

    @Test func parsesEveryKeyAndDefault() throws {
        let config = try ConfigLoader.parse(Self.full, file: "config.toml").config
        #expect(config.general.maxParallelAccounts == 2)
        #expect(config.general.pollIntervalSeconds == 120)
        #expect(config.general.idleReissueSeconds == 600)
        #expect(config.general.theme == "dark")
        #expect(config.general.keymap == "default")
        #expect(config.accounts.map(\.name) == ["work", "gmail", "local"])

        let work = try #require(config.account(named: "work"))
        #expect(work.credentials == .passwordCommand("pass show mail/work"))
        #expect(work.maxConnections == 3)
        #expect(work.idleFolders == ["INBOX", "Team"])

        let gmail = try #require(config.account(named: "gmail"))
        #expect(gmail.host == "imap.gmail.com")
        #expect(gmail.port == 993)
        #expect(gmail.security == .tls)
        guard case .oauth2(let oauth) = gmail.credentials else { Issue.record("expected OAuth2"); return }
        #expect(oauth.tokenURL == OAuth2Config.googleTokenURL)
        #expect(oauth.refreshToken == .command("pass show gmail/refresh"))

        let local = try #require(config.account(named: "local"))
        #expect(local.security == .plain)
        #expect(local.idleFolders == ["INBOX"])
    }

    @Test(arguments: [
        ("[[accounts]]\nname = \"a\"\nhost = \"h\"\nport = \"993\"\nusername = \"u\"\npassword_command = \"c\"",
         "config.toml: accounts[1].port: expected an integer from 1 to 65535, got a string", #line),
        ("[[accounts]]\nname = \"a\"\nhost = \"h\"\nport = 70000\nusername = \"u\"\npassword_command = \"c\"",
         "config.toml: accounts[1].port: expected an integer from 1 to 65535, got 70000", #line),
        ("[[accounts]]\nname = \"a\"\nhost = \"h\"\nusername = \"u\"\npasword = \"x\"",
         "config.toml: accounts[1].pasword: unknown key; did you mean \"password\"?", #line),
        ("[[accounts]]\nname = \"a\"\nhost = \"h\"\nusername = \"u\"",
         "config.toml: accounts[1].password_command: is required (or password = \"…\")", #line),
        ("[[accounts]]\nname = \"a\"\nhost = \"h\"\nusername = \"u\"\npassword = \"p\"\npassword_command = \"c\"",
         "config.toml: accounts[1].password: give either password or password_command, not both", #line),
        ("[[accounts]]\nname = \"a\"\nhost = \"mail.example.com\"\nsecurity = \"plain\"\nusername = \"u\"\npassword_command = \"c\"",
         "config.toml: accounts[1].security: \"plain\" sends the password unencrypted; it is allowed only to a loopback host or with allow_insecure = true", #line),
        ("[[accounts]]\nname = \"a\"\nhost = \"h\"\nsecurity = \"ssl\"\nusername = \"u\"\npassword_command = \"c\"",
         "config.toml: accounts[1].security: expected one of \"tls\", \"starttls\", \"plain\", got \"ssl\"", #line),
        ("[[accounts]]\nname = \"a\"\nhost = \"h\"\nusername = \"u\"\npassword_command = \"c\"\n[[accounts]]\nname = \"a\"\nhost = \"h\"\nusername = \"u\"\npassword_command = \"c\"",
         "config.toml: accounts[2].name: another account is already named \"a\"", #line),
        ("[general]\nmax_parallel_accounts = 0", "config.toml: general.max_parallel_accounts: expected an integer from 1 to 64, got 0", #line),
        ("[[accounts]]\nname = \"g\"\nkind = \"gmail\"\nusername = \"u\"\noauth2_client_id = \"id\"\noauth2_refresh_token_command = \"c\"\noauth2_token_url = \"http://evil.example/token\"",
         "config.toml: accounts[1].oauth2_token_url: expected an https URL (http only to a loopback host), got \"http://evil.example/token\"", #line),
        ("[[accounts]]\nname = \"a\"\nhost = \"h\"\nusername = \"u\"\npassword_command = \"c\"\nidle_folders = [\"INBOX\", 3]",
         "config.toml: accounts[1].idle_folders[2]: expected a string, got an integer", #line),
        ("[generl]\ntheme = \"x\"", "config.toml: generl: unknown key; did you mean \"general\"?", #line),
    ] as [(String, String, Int)])
    func badConfigsNameTheKey(text: String, expected: String, line: Int) {
        expectConfigError(text, expected, line: line)
    }

    @Test func syntaxErrorsNameTheLine() {
        do {
            _ = try ConfigLoader.parse("[general]\ntheme = \"dark\"\nkeymap = = \"vim\"\n", file: "config.toml")
            Issue.record("expected a syntax error")
        } catch let error as ConfigError {
            #expect(error.line == 3)
            #expect(error.description.hasPrefix("config.toml:3:"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func secretsNeverPrint() throws {
        let config = try ConfigLoader.parse(Self.full, file: "config.toml").config
        let local = try #require(config.account(named: "local"))
        #expect(!"\(local)".contains("secret-alice"))
        #expect(!String(reflecting: local).contains("secret-alice"))
        guard case .password(let secret) = local.credentials else { Issue.record("expected a password"); return }
        #expect(secret.reveal() == "secret-alice")
    }

    @Test func warnsWhenAPasswordFileIsReadableByOthers() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tern-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("config.toml").path
        try Self.full.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        #expect(try ConfigLoader.load(path: path).warnings.count == 1)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        #expect(try ConfigLoader.load(path: path).warnings.isEmpty)
    }

    @Test func inlineOAuthSecretsCountAsSecrets() throws {
        let text = """
        [[accounts]]
        name = "g"
        kind = "gmail"
        username = "u"
        oauth2_client_id = "id"
        oauth2_refresh_token = "1//refresh"
        """
        let account = try #require(try ConfigLoader.parse(text, file: "config.toml").config.accounts.first)
        #expect(account.hasInlineSecret)
        let commandOnly = text.replacingOccurrences(of: "oauth2_refresh_token = ", with: "oauth2_refresh_token_command = ")
        #expect(try ConfigLoader.parse(commandOnly, file: "config.toml").config.accounts.first?.hasInlineSecret == false)
    }

    @Test func missingFileIsAClearError() {
        #expect(throws: ConfigError(file: "/nonexistent/tern.toml", message: "does not exist")) {
            try ConfigLoader.load(path: "/nonexistent/tern.toml")
        }
    }

    @Test func defaultPathFollowsXDG() {
        #expect(ConfigLoader.defaultPath(environment: ["XDG_CONFIG_HOME": "/x"]) == "/x/tern/config.toml")
        #expect(ConfigLoader.defaultPath(environment: ["HOME": "/home/me"]) == "/home/me/.config/tern/config.toml")
    }
}
