import Foundation

/// One watched folder's state, for `tern watch` and the UI's pool pane.
public struct WatchStatus: Sendable, Hashable {
    public var account: String
    public var folder: String
    public var mode: WatchMode
    /// When the mode last changed.
    public var since: Date
    /// Syncs this watcher triggered.
    public var syncs: Int
    /// Server push → cached and published.
    public var latency: LatencyRecorder.Summary

    public init(account: String, folder: String, mode: WatchMode, since: Date = Date(), syncs: Int = 0,
                latency: LatencyRecorder.Summary = .init()) {
        self.account = account
        self.folder = folder
        self.mode = mode
        self.since = since
        self.syncs = syncs
        self.latency = latency
    }
}
