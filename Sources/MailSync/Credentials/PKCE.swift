import Foundation

/// Proof Key for Code Exchange (RFC 7636) with the S256 method: a random
/// verifier kept by the client, and its SHA-256 challenge sent in the
/// authorization URL, so a code intercepted on the loopback redirect is
/// useless to anyone else.
///
/// ```swift
/// let pkce = PKCE()
/// // authorization URL: …&code_challenge=\(pkce.challenge)&code_challenge_method=S256
/// // token exchange: code_verifier=\(pkce.verifier)
/// ```
public struct PKCE: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// 64 characters of the unreserved alphabet (RFC 7636 §4.1 allows 43 to 128).
    public let verifier: String
    /// BASE64URL(SHA256(verifier)) without padding.
    public var challenge: String { Self.challenge(for: verifier) }
    /// Always `S256`.
    public let method = "S256"

    public init() {
        var generator = SystemRandomNumberGenerator()
        self.init(random: &generator)
    }

    public init<G: RandomNumberGenerator>(random generator: inout G) {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        verifier = String((0..<64).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    /// The S256 challenge of `verifier`.
    public static func challenge(for verifier: String) -> String {
        base64URL(SHA256.hash(Array(verifier.utf8)))
    }

    /// Base64url without padding (RFC 4648 §5).
    public static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// A random URL-safe value (the `state` parameter against CSRF).
    public static func randomToken(bytes count: Int = 24) -> String {
        var generator = SystemRandomNumberGenerator()
        return base64URL((0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    public var description: String { "PKCE(S256, verifier: <redacted>)" }
    public var debugDescription: String { description }
}
