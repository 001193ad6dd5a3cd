import IMAPCodec
import NIOCore

/// How to reach and talk to one IMAP server: address, transport security,
/// trust, timeouts and parser limits.
///
/// Plain IMAP is refused for a host that is not loopback unless
/// `allowInsecure` is set, so a typo in a config never sends a password in
/// the clear across a network.
public struct ConnectionConfiguration: Sendable, Hashable {
    /// Transport security.
    public enum Security: String, Sendable, Hashable {
        /// TLS from the first byte (port 993).
        case tls
        /// Plain connection upgraded with STARTTLS before any credential is sent.
        case startTLS = "starttls"
        /// No TLS at all: loopback only, or with `allowInsecure`.
        case plain
    }

    public var host: String
    public var port: Int
    public var security: Security
    /// Accept `.plain` to a host that is not loopback.
    public var allowInsecure: Bool
    /// A PEM file with an extra trust root (e.g. a self-signed server's CA).
    public var caFile: String?
    /// Trust the system's default roots as well (tests turn this off to prove
    /// a private CA is needed).
    public var useDefaultTrustRoots: Bool
    /// The name the certificate must carry; defaults to `host`.
    public var serverName: String?
    public var connectTimeout: TimeAmount
    /// How long a pending command may go without any byte from the server.
    public var commandTimeout: TimeAmount
    public var parserLimits: ParserLimits
    /// Responses buffered ahead of a slow consumer before reading from the
    /// socket pauses (backpressure).
    public var maxBufferedResponses: Int
    /// Sent in an ID command after connecting when the server supports ID
    /// (name and version only; nothing that identifies the user).
    public var clientID: [IDParameter]?

    public init(
        host: String,
        port: Int,
        security: Security = .tls,
        allowInsecure: Bool = false,
        caFile: String? = nil,
        useDefaultTrustRoots: Bool = true,
        serverName: String? = nil,
        connectTimeout: TimeAmount = .seconds(15),
        commandTimeout: TimeAmount = .seconds(60),
        parserLimits: ParserLimits = .default,
        maxBufferedResponses: Int = 512,
        clientID: [IDParameter]? = nil
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.allowInsecure = allowInsecure
        self.caFile = caFile
        self.useDefaultTrustRoots = useDefaultTrustRoots
        self.serverName = serverName
        self.connectTimeout = connectTimeout
        self.commandTimeout = commandTimeout
        self.parserLimits = parserLimits
        self.maxBufferedResponses = maxBufferedResponses
        self.clientID = clientID
    }

    /// Whether `host` names this machine (127.0.0.0/8, ::1, localhost).
    public var isLoopback: Bool {
        let h = host.lowercased()
        return h == "localhost" || h.hasPrefix("127.") || h == "::1" || h == "[::1]"
    }
}
