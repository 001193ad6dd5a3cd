/// A credential provider with work to do in the background (an OAuth2 token
/// refreshed before it expires). `SyncEngine.run()` runs `run()` beside the
/// pool and cancels it at shutdown.
public protocol BackgroundCredentialRefresh: Sendable {
    /// Works until cancelled.
    func run() async
}
