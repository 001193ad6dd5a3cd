import Foundation
import Testing
@testable import MailConfig

/// The gmail kind and the oauth2_* keys.
@Suite struct OAuth2ConfigTests {
    static func gmail(_ extra: String) -> String {
        "[[accounts]]\nname = \"g\"\nkind = \"gmail\"\nusername = \"me@gmail.com\"\n" + extra
    }

    @Test func gmailDefaultsToGooglesServersAndOAuth2() throws {
        let text = Self.gmail("""
            oauth2_client_id = "id.apps.googleusercontent.com"
            oauth2_client_secret_command = "pass show g/secret"
            oauth2_refresh_token_file = "/home/me/.local/share/tern/g.refresh"
            """)
        let account = try #require(try ConfigLoader.parse(text, file: "config.toml").config.accounts.first)
        #expect(account.host == "imap.gmail.com")
        #expect(account.port == 993)
        #expect(account.security == .tls)
        guard case .oauth2(let oauth) = account.credentials else { Issue.record("expected OAuth2"); return }
        #expect(oauth.clientID == .value(Secret("id.apps.googleusercontent.com")))
        #expect(oauth.clientSecret == .command("pass show g/secret"))
        #expect(oauth.refreshToken == .file("/home/me/.local/share/tern/g.refresh"))
        #expect(oauth.tokenURL == "https://oauth2.googleapis.com/token")
        #expect(oauth.authorizationURL == "https://accounts.google.com/o/oauth2/v2/auth")
        #expect(oauth.scope == "https://mail.google.com/")
        #expect(!account.hasInlineSecret)
    }

    @Test func aLoopbackTokenURLMayBePlainHTTP() throws {
        let text = Self.gmail("""
            oauth2_client_id = "id"
            oauth2_refresh_token_command = "c"
            oauth2_token_url = "http://127.0.0.1:8080/token"
            oauth2_auth_url = "http://localhost:8080/authorize"
            """)
        let account = try #require(try ConfigLoader.parse(text, file: "config.toml").config.accounts.first)
        guard case .oauth2(let oauth) = account.credentials else { Issue.record("expected OAuth2"); return }
        #expect(oauth.tokenURL == "http://127.0.0.1:8080/token")
        #expect(oauth.authorizationURL == "http://localhost:8080/authorize")
    }

    @Test func warnsWhenTheRefreshTokenFileIsReadableByOthers() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tern-oauth-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("config.toml").path
        let token = dir.appendingPathComponent("gmail.refresh").path
        try Self.gmail("oauth2_client_id = \"id\"\noauth2_refresh_token_file = \"\(token)\"\n")
            .write(toFile: config, atomically: true, encoding: .utf8)
        #expect(try ConfigLoader.load(path: config).warnings.isEmpty, "no file yet: nothing to say")
        try "1//refresh\n".write(toFile: token, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: token)
        let warnings = try ConfigLoader.load(path: config).warnings
        #expect(warnings == ["\(token) holds the refresh token of g and is readable by others: run `chmod 600 \(token)`"])
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: token)
        #expect(try ConfigLoader.load(path: config).warnings.isEmpty)
    }

    @Test func aGmailAppPasswordStillWorks() throws {
        let account = try #require(try ConfigLoader.parse(Self.gmail("password_command = \"pass show g/app\""),
                                                          file: "config.toml").config.accounts.first)
        #expect(account.credentials == .passwordCommand("pass show g/app"))
        #expect(account.host == "imap.gmail.com")
    }

    @Test(arguments: [
        (gmail("oauth2_refresh_token_command = \"c\""),
         "config.toml: accounts[1].oauth2_client_id: is required for OAuth2 sign-in (the client id of your OAuth2 app)", #line),
        (gmail("oauth2_client_id = \"id\""),
         "config.toml: accounts[1].oauth2_refresh_token_file: is required (or oauth2_refresh_token_command, or oauth2_refresh_token = \"…\"); `tern auth` fills the file", #line),
        (gmail("oauth2_client_id = \"id\"\noauth2_refresh_token = \"r\"\noauth2_refresh_token_file = \"/x\""),
         "config.toml: accounts[1].oauth2_refresh_token_file: give only one of oauth2_refresh_token, oauth2_refresh_token_file", #line),
        (gmail("oauth2_client_id = \"id\"\noauth2_client_id_command = \"c\"\noauth2_refresh_token_command = \"c\""),
         "config.toml: accounts[1].oauth2_client_id_command: give only one of oauth2_client_id, oauth2_client_id_command", #line),
        (gmail("oauth2_client_id = \"id\"\noauth2_refresh_token_file = \"relative/path\""),
         "config.toml: accounts[1].oauth2_refresh_token_file: expected an absolute path (or ~/…), got \"relative/path\"", #line),
        (gmail("oauth2_client_id = \"id\"\noauth2_refresh_token_command = \"c\"\noauth2_token_url = \"http://10.0.0.1/token\""),
         "config.toml: accounts[1].oauth2_token_url: expected an https URL (http only to a loopback host), got \"http://10.0.0.1/token\"", #line),
        (gmail("oauth2_client_id = \"id\"\noauth2_refresh_token_command = \"c\"\noauth2_auth_url = \"not a url\""),
         "config.toml: accounts[1].oauth2_auth_url: expected an https URL (http only to a loopback host), got \"not a url\"", #line),
        (gmail("password = \"p\"\noauth2_client_id = \"id\""),
         "config.toml: accounts[1].password: give either a password or the oauth2_* keys (oauth2_client_id is set), not both", #line),
        (gmail("oauth2_client_id = \"id\"\noauth2_refresh_token_command = \"c\"\noauth2_scope = 3"),
         "config.toml: accounts[1].oauth2_scope: expected a string, got an integer", #line),
        ("[[accounts]]\nname = \"o\"\nhost = \"outlook.office365.com\"\nusername = \"u\"\noauth2_client_id = \"id\"\noauth2_refresh_token_command = \"c\"",
         "config.toml: accounts[1].oauth2_token_url: is required for OAuth2 sign-in outside Gmail (the provider's token endpoint)", #line),
        (gmail("oauth2_client_id = \"id\"\noauth2_refresh_tokn_command = \"c\""),
         "config.toml: accounts[1].oauth2_refresh_tokn_command: unknown key; did you mean \"oauth2_refresh_token_command\"?", #line),
    ] as [(String, String, Int)])
    func badOAuth2ConfigsNameTheKey(text: String, expected: String, line: Int) {
        expectConfigError(text, expected, line: line)
    }
}
