/// The client side of one SASL exchange (RFC 4422) inside AUTHENTICATE: a
/// small state machine with no I/O, so each step is testable.
///
/// PLAIN (RFC 4616) sends `\0user\0password`. XOAUTH2 (Google's) sends
/// `user=…\x01auth=Bearer …\x01\x01`; on failure the server sends a base64
/// JSON error as a continuation, the client answers with an empty line, and
/// the server completes with NO. That JSON (which holds no secret) is kept as
/// `failureDetail` for the error message.
public struct SASLExchange: Sendable {
    /// A mechanism with its credentials.
    public enum Mechanism: Sendable {
        case plain(username: String, password: String)
        case xoauth2(username: String, accessToken: String)

        /// The mechanism's name in `AUTH=` and AUTHENTICATE.
        public var name: String {
            switch self {
            case .plain: return "PLAIN"
            case .xoauth2: return "XOAUTH2"
            }
        }
    }

    /// What the client does next.
    public enum Step: Hashable, Sendable {
        /// Send this base64 line (may be empty).
        case respond(String)
        /// Cancel the exchange with `*` (a server that keeps challenging).
        case cancel
    }

    private enum State { case initial, sentCredentials, sentErrorAck, done }

    public let mechanism: Mechanism
    private var state: State = .initial
    /// The decoded XOAUTH2 error JSON, if the server sent one.
    public private(set) var failureDetail: String?

    public init(mechanism: Mechanism) {
        self.mechanism = mechanism
    }

    /// The base64 credentials message.
    var credentials: String {
        switch mechanism {
        case .plain(let user, let password):
            return Base64.encode([0] + Array(user.utf8) + [0] + Array(password.utf8))
        case .xoauth2(let user, let token):
            return Base64.encode(Array("user=\(user)\u{1}auth=Bearer \(token)\u{1}\u{1}".utf8))
        }
    }

    /// The initial response for SASL-IR; marks the credentials as sent.
    public mutating func initialResponse() -> String {
        state = .sentCredentials
        return credentials
    }

    /// Answers a server challenge (`+ base64`).
    public mutating func respond(toChallenge challenge: String) -> Step {
        switch state {
        case .initial:
            // PLAIN and XOAUTH2 expect an empty challenge first.
            state = .sentCredentials
            return .respond(credentials)
        case .sentCredentials:
            // A challenge after the credentials is XOAUTH2's error report.
            if let bytes = Base64.decode(challenge) {
                let text = String(decoding: bytes, as: UTF8.self)
                failureDetail = String(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value < 0x7f }.prefix(300).map(Character.init))
            }
            state = .sentErrorAck
            return .respond("")
        case .sentErrorAck, .done:
            state = .done
            return .cancel
        }
    }
}
