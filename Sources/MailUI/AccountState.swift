import Foundation
import MailStore

/// One account as the sidebar and status line show it.
public struct AccountState: Hashable, Sendable {
    /// What the account is doing, from ``MailSync/SyncEvent``s.
    public enum Activity: Hashable, Sendable {
        case starting
        case syncing(fetched: Int)
        case idle
        case error(String)
    }

    public var name: String
    public var id: AccountID?
    /// Folders, inbox first (as the cache orders them).
    public var folders: [FolderRecord] = []
    public var activity: Activity = .starting
    /// How its watched folders learn of new mail (`idle`, `notify`, `polling`…), when watched.
    public var watchMode: String?
    public var lastSync: Date?

    public init(name: String, id: AccountID? = nil) {
        self.name = name
        self.id = id
    }

    /// A short word for the status line: `syncing 120`, `IDLE`, `polling`, `error: …`, `ok`.
    public var activityText: String {
        switch activity {
        case .starting: return "starting"
        case .syncing(let fetched): return fetched > 0 ? "syncing \(fetched)" : "syncing"
        case .error(let reason): return "error: \(reason)"
        case .idle: return watchModeText ?? "ok"
        }
    }

    /// The watch mode as the status shows it: `IDLE`, `NOTIFY`, `polling`, `reconnecting`.
    public var watchModeText: String? {
        switch watchMode {
        case "idle"?: return "IDLE"
        case "notify"?: return "NOTIFY"
        case let mode?: return mode
        case nil: return nil
        }
    }

    /// The folder with a role, if the account has one.
    public func folder(role: FolderRole) -> FolderRecord? { folders.first { $0.role == role } }
}
