/// One `[[accounts]]` entry: where the server is, how to log in, and what to
/// watch. Gmail accounts get Gmail's host, port and TLS by default.
public struct AccountConfig: Hashable, Sendable {
    /// `imap` or `gmail`.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case imap, gmail
    }

    /// Transport security, as in the config file.
    public enum Security: String, Hashable, Sendable, CaseIterable {
        case tls, starttls, plain
    }

    /// Where the password (or OAuth2 secrets) come from.
    public enum Credentials: Hashable, Sendable {
        case password(Secret)
        case passwordCommand(String)
        case oauth2(OAuth2Config)
    }

    public var name: String
    public var kind: Kind
    public var host: String
    public var port: Int
    public var security: Security
    public var allowInsecure: Bool
    public var username: String
    public var credentials: Credentials
    public var caFile: String?
    public var maxConnections: Int
    public var idleFolders: [String]

    /// Whether the config file itself holds a secret (a password, client
    /// secret or refresh token written inline rather than read by a command).
    public var hasInlineSecret: Bool {
        switch credentials {
        case .password: return true
        case .passwordCommand: return false
        case .oauth2(let oauth):
            if case .value? = oauth.clientSecret { return true }
            if case .value = oauth.refreshToken { return true }
            return false
        }
    }

    public init(name: String, kind: Kind = .imap, host: String, port: Int, security: Security = .tls,
                allowInsecure: Bool = false, username: String, credentials: Credentials,
                caFile: String? = nil, maxConnections: Int = 4, idleFolders: [String] = ["INBOX"]) {
        self.name = name
        self.kind = kind
        self.host = host
        self.port = port
        self.security = security
        self.allowInsecure = allowInsecure
        self.username = username
        self.credentials = credentials
        self.caFile = caFile
        self.maxConnections = maxConnections
        self.idleFolders = idleFolders
    }
}

/// OAuth2 settings of an account (Gmail): each secret inline, from a
/// command, or (the refresh token) from a file that `tern auth` writes.
public struct OAuth2Config: Hashable, Sendable {
    /// A value given inline, produced by a shell command, or read from a file.
    public enum Source: Hashable, Sendable {
        case value(Secret)
        case command(String)
        /// A file whose first line is the value (`oauth2_refresh_token_file`).
        case file(String)
    }

    public var clientID: Source
    public var clientSecret: Source?
    public var refreshToken: Source
    public var tokenURL: String
    /// Where `tern auth` sends the browser.
    public var authorizationURL: String
    /// The scope `tern auth` asks for.
    public var scope: String

    public static let googleTokenURL = "https://oauth2.googleapis.com/token"
    public static let googleAuthorizationURL = "https://accounts.google.com/o/oauth2/v2/auth"
    /// Full IMAP access, what Gmail's XOAUTH2 requires.
    public static let gmailScope = "https://mail.google.com/"

    public init(clientID: Source, clientSecret: Source?, refreshToken: Source, tokenURL: String = googleTokenURL,
                authorizationURL: String = googleAuthorizationURL, scope: String = gmailScope) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.refreshToken = refreshToken
        self.tokenURL = tokenURL
        self.authorizationURL = authorizationURL
        self.scope = scope
    }
}
