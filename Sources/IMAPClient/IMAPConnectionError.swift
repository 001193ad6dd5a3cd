import IMAPCodec

extension IMAPConnection {
    /// Why a connection cannot be used: it broke, timed out, or the server
    /// broke the rules. Every pending and later call on the connection throws
    /// the error that closed it.
    ///
    /// A server's `NO`/`BAD` is not one of these: it is a `TaggedResponse`
    /// value, which the convenience methods turn into `IMAPCommandError`.
    public enum Error: Swift.Error, Hashable, Sendable, CustomStringConvertible {
        /// The TCP connection could not be made.
        case connectFailed(String)
        /// The connection was closed (by the server, the network or `close()`).
        case connectionClosed(String)
        /// No byte arrived for a pending command within the timeout.
        case timeout(String)
        /// The TLS handshake or session failed (certificate, protocol).
        case tls(String)
        /// The server sent bytes that are not IMAP.
        case protocolViolation(ParserError)
        /// The greeting was not `* OK`, `* PREAUTH` or `* BYE`.
        case malformedGreeting(String)
        /// The server refused the connection with `* BYE`.
        case rejected(String)
        /// STARTTLS is configured, and the server does not offer it.
        case startTLSUnavailable
        /// The server sent PREAUTH on a connection that must be upgraded to TLS first.
        case preauthWithoutTLS
        /// The server says LOGINDISABLED and offers no SASL mechanism we can use.
        case loginDisabled
        /// The server does not offer the SASL mechanism.
        case mechanismUnavailable(String)
        /// Plain IMAP to a host that is not loopback, without `allowInsecure`.
        case insecureTransportRefused(host: String)
        /// The server answered in a way that breaks the protocol's order.
        case unexpectedResponse(String)

        public var description: String {
            switch self {
            case .connectFailed(let s): return "cannot connect: \(s)"
            case .connectionClosed(let s): return "connection closed: \(s)"
            case .timeout(let s): return "timed out: \(s)"
            case .tls(let s): return "TLS failed: \(s)"
            case .protocolViolation(let e): return "protocol violation: \(e)"
            case .malformedGreeting(let s): return "malformed greeting: \(s)"
            case .rejected(let s): return "server refused the connection: \(s)"
            case .startTLSUnavailable: return "the server does not offer STARTTLS"
            case .preauthWithoutTLS: return "the server pre-authenticated a connection that must use TLS first"
            case .loginDisabled: return "the server disables LOGIN and offers no usable SASL mechanism"
            case .mechanismUnavailable(let m): return "the server does not offer AUTH=\(m)"
            case .insecureTransportRefused(let h): return "refusing plain IMAP to \(h) (not loopback; set allow_insecure to override)"
            case .unexpectedResponse(let s): return "unexpected response: \(s)"
            }
        }
    }
}

/// A command the server answered with `NO` or `BAD`.
///
/// The connection stays usable. `isAuthenticationFailure` tells a rejected
/// login apart, so callers never retry it in a loop.
public struct IMAPCommandError: Swift.Error, Hashable, Sendable, CustomStringConvertible {
    /// The command's name, e.g. `SELECT` (never its arguments: they may hold secrets).
    public var command: String
    public var state: ResponseState
    public var text: ResponseText

    public init(command: String, state: ResponseState, text: ResponseText) {
        self.command = command
        self.state = state
        self.text = text
    }

    /// Whether the server rejected credentials.
    public var isAuthenticationFailure: Bool {
        switch text.code {
        case .authenticationFailed, .authorizationFailed, .expired: return true
        default: return ["LOGIN", "AUTHENTICATE"].contains(command) && state == .no
        }
    }

    public var description: String {
        "\(command) failed: \(state.rawValue) \(text.text)"
    }
}
