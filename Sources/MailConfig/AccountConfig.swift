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

/// OAuth2 settings of an account (Gmail): each secret inline or from a command.
public struct OAuth2Config: Hashable, Sendable {
    /// A value given inline or produced by a shell command.
    public enum Source: Hashable, Sendable {
        case value(Secret)
        case command(String)
    }

    public var clientID: String
    public var clientSecret: Source?
    public var refreshToken: Source
    public var tokenURL: String

    public static let googleTokenURL = "https://oauth2.googleapis.com/token"

    public init(clientID: String, clientSecret: Source?, refreshToken: Source, tokenURL: String = googleTokenURL) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.refreshToken = refreshToken
        self.tokenURL = tokenURL
    }
}
