import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// An OAuth2 token endpoint (RFC 6749 §3.2, Google's
/// `https://oauth2.googleapis.com/token`): a form POST that trades a refresh
/// token (§6) or an authorization code with its PKCE verifier (§4.1.3,
/// RFC 7636) for an access token.
///
/// Errors carry the endpoint's error code and description (which hold no
/// secret), never the request or a token.
///
/// ```swift
/// let endpoint = OAuth2TokenEndpoint(url: URL(string: "https://oauth2.googleapis.com/token")!)
/// let grant = try await endpoint.refresh(clientID: id, clientSecret: secret, refreshToken: token)
/// ```
public struct OAuth2TokenEndpoint: Sendable {
    /// A successful answer. Its description never shows the tokens.
    public struct Grant: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
        public var accessToken: String
        /// How long the access token lives (`expires_in`), when the endpoint said.
        public var expiresIn: Duration?
        /// A new refresh token (always for a code exchange; rarely on refresh).
        public var refreshToken: String?

        public init(accessToken: String, expiresIn: Duration?, refreshToken: String?) {
            self.accessToken = accessToken
            self.expiresIn = expiresIn
            self.refreshToken = refreshToken
        }

        public var description: String {
            "Grant(accessToken: <redacted>, expiresIn: \(expiresIn.map { "\($0)" } ?? "nil"), "
                + "refreshToken: \(refreshToken == nil ? "nil" : "<redacted>"))"
        }

        public var debugDescription: String { description }
    }

    /// Why no access token came back.
    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        /// The endpoint answered with an OAuth2 error (`invalid_grant`, …).
        case refused(code: String, detail: String?)
        /// No usable answer: the network, a server error, a malformed reply.
        case transport(String)

        public var description: String {
            switch self {
            case .refused(let code, let detail?): return "\(code): \(detail)"
            case .refused(let code, nil): return code
            case .transport(let reason): return reason
            }
        }
    }

    public let url: URL
    /// How long one request may take.
    public var timeout: TimeInterval

    public init(url: URL, timeout: TimeInterval = 30) {
        self.url = url
        self.timeout = timeout
    }

    /// `grant_type=refresh_token`: a fresh access token.
    public func refresh(clientID: String, clientSecret: String?, refreshToken: String) async throws(Failure) -> Grant {
        var form = [("grant_type", "refresh_token"), ("client_id", clientID), ("refresh_token", refreshToken)]
        if let clientSecret { form.append(("client_secret", clientSecret)) }
        return try await post(form)
    }

    /// `grant_type=authorization_code` with the PKCE verifier: the first
    /// access token and the refresh token (`tern auth`).
    public func exchange(code: String, verifier: String, redirectURI: String,
                         clientID: String, clientSecret: String?) async throws(Failure) -> Grant {
        var form = [("grant_type", "authorization_code"), ("code", code), ("code_verifier", verifier),
                    ("redirect_uri", redirectURI), ("client_id", clientID)]
        if let clientSecret { form.append(("client_secret", clientSecret)) }
        return try await post(form)
    }

    private func post(_ form: [(String, String)]) async throws(Failure) -> Grant {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        request.httpBody = Data(Self.formEncoded(form).utf8)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: request)
        } catch {
            // URLError's text names the URL, never the form.
            throw .transport("cannot reach \(Self.describe(url)): \((error as NSError).localizedDescription)")
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        return try Self.parse(status: status, body: data, url: url)
    }

    /// The answer's grant, or the failure it reports.
    static func parse(status: Int, body: Data, url: URL) throws(Failure) -> Grant {
        let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
        if let code = object?["error"] as? String {
            throw .refused(code: printable(code), detail: (object?["error_description"] as? String).map(printable))
        }
        guard (200..<300).contains(status) else {
            throw .transport("\(describe(url)) answered HTTP \(status)")
        }
        guard let token = object?["access_token"] as? String, !token.isEmpty else {
            throw .transport("\(describe(url)) answered without an access_token")
        }
        let seconds = (object?["expires_in"] as? NSNumber)?.int64Value
            ?? (object?["expires_in"] as? String).flatMap { Int64($0) }
        return Grant(accessToken: token, expiresIn: seconds.map { .seconds(max(0, $0)) },
                     refreshToken: object?["refresh_token"] as? String)
    }

    /// `application/x-www-form-urlencoded` (RFC 6749 appendix B).
    public static func formEncoded(_ form: [(String, String)]) -> String {
        form.map { "\(percentEncoded($0.0))=\(percentEncoded($0.1))" }.joined(separator: "&")
    }

    /// Percent-encodes everything but the unreserved characters of RFC 3986.
    public static func percentEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// The URL without a query or user info (for messages).
    static func describe(_ url: URL) -> String {
        var components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        components?.query = nil
        components?.user = nil
        components?.password = nil
        return components?.string ?? "the token endpoint"
    }

    /// At most 200 printable ASCII characters of a server's text.
    static func printable(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value < 0x7f }.prefix(200).map(Character.init))
    }
}
