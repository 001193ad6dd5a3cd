import ArgumentParser
import Foundation
import MailConfig
import MailSync

/// `tern auth ACCOUNT`: signs an OAuth2 account (Gmail) in the way desktop
/// clients do — authorization code with PKCE (S256) and a loopback redirect
/// on 127.0.0.1 — and stores the refresh token where the config says: the
/// `oauth2_refresh_token_file` (created with mode 0600), or printed for a
/// password manager when the token comes from a command or the config.
struct AuthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "auth",
        abstract: "Sign an OAuth2 (Gmail) account in and store its refresh token.",
        discussion: """
            Prints a URL to open in a browser; after you approve, the browser comes back to \
            a listener on 127.0.0.1 and the refresh token is written to oauth2_refresh_token_file \
            (mode 0600), or printed on stdout for your password manager when the config reads \
            it with oauth2_refresh_token_command.
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The account to sign in, as named in the config.") var account: String
    @Flag(help: "Print the refresh token even when the config names a file.") var print = false
    @Option(help: "How many seconds to wait for the browser.") var timeout = 300

    func run() async throws {
        do {
            try await signIn()
        } catch let failure as CommandFailure {
            Terminal.warn(failure.description)
            throw ExitCode.failure
        }
    }

    private func signIn() async throws {
        let (path, config) = try AppEnvironment.loadConfig(global)
        guard let accountConfig = config.account(named: account) else {
            let known = config.accounts.map(\.name).joined(separator: ", ")
            throw CommandFailure("no account named \"\(account)\" in \(path) (accounts: \(known))")
        }
        guard case .oauth2(let oauth) = accountConfig.credentials else {
            throw CommandFailure("\(account) signs in with a password, not OAuth2; `tern auth` is for accounts with oauth2_* keys")
        }
        guard let tokenURL = URL(string: oauth.tokenURL), var authorization = URLComponents(string: oauth.authorizationURL) else {
            throw CommandFailure("\(account): oauth2_token_url or oauth2_auth_url is not a URL")
        }
        let clientID: String
        let clientSecret: String?
        do {
            clientID = try await AppEnvironment.secret(oauth.clientID).read(account: account, what: "OAuth2 client id")
            clientSecret = try await oauth.clientSecret.map(AppEnvironment.secret)?.read(account: account, what: "OAuth2 client secret")
        } catch {
            throw CommandFailure("\(error)")
        }

        let listener: LoopbackRedirectListener
        do {
            listener = try LoopbackRedirectListener()
        } catch {
            throw CommandFailure("\(account): \(error)")
        }
        let pkce = PKCE()
        let state = PKCE.randomToken()
        authorization.queryItems = (authorization.queryItems ?? []) + [
            URLQueryItem(name: "client_id", value: clientID),
            URLQueryItem(name: "redirect_uri", value: listener.redirectURI),
            URLQueryItem(name: "response_type", value: "code"),
            URLQueryItem(name: "scope", value: oauth.scope),
            URLQueryItem(name: "code_challenge", value: pkce.challenge),
            URLQueryItem(name: "code_challenge_method", value: pkce.method),
            URLQueryItem(name: "state", value: state),
            URLQueryItem(name: "access_type", value: "offline"),
            URLQueryItem(name: "prompt", value: "consent"),
            URLQueryItem(name: "login_hint", value: accountConfig.username),
        ]
        // `+` in a query is a space to many servers; the scope has none, but be exact.
        authorization.percentEncodedQuery = authorization.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        guard let url = authorization.url else { throw CommandFailure("\(account): cannot build the authorization URL") }
        Terminal.warn("open this URL in a browser and sign in as \(accountConfig.username):")
        Terminal.printLine(url.absoluteString)
        Terminal.warn("waiting for the browser on \(listener.redirectURI) …")

        let query: [String: String]
        do {
            query = try await listener.waitForRedirect(timeout: .seconds(max(1, timeout)))
        } catch {
            throw CommandFailure("\(account): \(error)")
        }
        guard query["state"] == state else {
            throw CommandFailure("\(account): the browser came back with the wrong state; nothing was stored (try again)")
        }
        if let error = query["error"] {
            throw CommandFailure("\(account): the sign-in was refused in the browser (\(error))")
        }
        guard let code = query["code"], !code.isEmpty else {
            throw CommandFailure("\(account): the browser came back without a code")
        }
        let grant: OAuth2TokenEndpoint.Grant
        do {
            grant = try await OAuth2TokenEndpoint(url: tokenURL).exchange(
                code: code, verifier: pkce.verifier, redirectURI: listener.redirectURI,
                clientID: clientID, clientSecret: clientSecret)
        } catch {
            throw CommandFailure("\(account): the token endpoint refused the code: \(error)")
        }
        guard let refreshToken = grant.refreshToken, !refreshToken.isEmpty else {
            throw CommandFailure("\(account): the token endpoint gave no refresh token (was access_type=offline refused?)")
        }
        try store(refreshToken, oauth: oauth)
    }

    private func store(_ refreshToken: String, oauth: OAuth2Config) throws {
        if case .file(let path) = oauth.refreshToken, !print {
            do {
                try OAuth2Secret.writePrivately(refreshToken, to: path)
            } catch {
                throw CommandFailure("\(account): cannot write the refresh token to \(path): \(error)")
            }
            Terminal.warn("\(account): signed in; the refresh token is in \(path) (mode 0600)")
            return
        }
        Terminal.warn("\(account): signed in; store this refresh token where oauth2_refresh_token_command reads it (or in oauth2_refresh_token_file):")
        Terminal.printLine(refreshToken)
    }
}
