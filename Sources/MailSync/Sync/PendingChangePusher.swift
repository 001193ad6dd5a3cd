import Foundation
import IMAPClient
import IMAPCodec
import Logging
import MailStore

/// Sends a folder's queued local changes (flags, moves, deletes) to the
/// server, oldest first, on a connection that has the folder selected, and
/// removes each from the queue once the server confirmed it.
///
/// A connection failure stops the push and leaves the rest queued (it is
/// retried at the next sync). A change the server refuses is retried at later
/// syncs and dropped after `maxAttempts`, with the refusal logged, so one bad
/// change cannot block the queue for ever. A change made under an older
/// UIDVALIDITY is dropped: its UIDs mean nothing any more.
struct PendingChangePusher {
    static let maxAttempts = 5

    let cache: MailCache
    let logger: Logger

    /// Pushes the changes of `folder`; returns how many were confirmed.
    func push(folder: FolderRecord, uidValidity: MailStore.UIDValidity, connection: IMAPConnection) async throws -> Int {
        let changes = try cache.pendingChanges(folder: folder.id)
        var pushed = 0
        for change in changes {
            if let validity = change.uidValidity, validity != uidValidity {
                try await cache.completePendingChange(change.id)
                continue
            }
            let set = UIDSet(change.uids.map { UID(UInt32(clamping: $0.rawValue)) })
            guard !set.isEmpty else {
                try await cache.completePendingChange(change.id)
                continue
            }
            do {
                try await apply(change, set: set, folder: folder, connection: connection)
                try await cache.completePendingChange(change.id)
                pushed += 1
            } catch let error as IMAPCommandError {
                if change.attempts + 1 >= Self.maxAttempts {
                    logger.warning("dropping a local change the server keeps refusing",
                                   metadata: ["kind": "\(change.kind.rawValue)", "error": "\(error)"])
                    try await cache.completePendingChange(change.id)
                } else {
                    try await cache.markPendingChangeFailed(change.id, error: error.description)
                }
            }
        }
        return pushed
    }

    private func apply(_ change: PendingChangeRecord, set: UIDSet, folder: FolderRecord, connection: IMAPConnection) async throws {
        switch change.kind {
        case .flags:
            let payload = try change.flagChange()
            let add = Self.imapFlags(payload.add) + payload.addKeywords.map(Flag.keyword)
            let remove = Self.imapFlags(payload.remove) + payload.removeKeywords.map(Flag.keyword)
            var updates: [FetchedMessage] = []
            if !add.isEmpty { updates += try await connection.uidStore(set, StoreAction(operation: .add, flags: add)) }
            if !remove.isEmpty { updates += try await connection.uidStore(set, StoreAction(operation: .remove, flags: remove)) }
            let flagUpdates = updates.compactMap(FolderSyncer.flagUpdate)
            if !flagUpdates.isEmpty { try await cache.applyFlagChanges(folder: folder.id, flagUpdates) }
        case .move:
            let target = MailboxName(displayName: change.payload)
            if await connection.capabilities.contains(.move) {
                _ = try await connection.uidMove(set, to: target)
            } else {
                _ = try await connection.uidCopy(set, to: target)
                try await expunge(set, connection: connection)
            }
            try await cache.applyExpunges(folder: folder.id, uids: change.uids)
        case .delete:
            try await expunge(set, connection: connection)
            try await cache.applyExpunges(folder: folder.id, uids: change.uids)
        }
    }

    private func expunge(_ set: UIDSet, connection: IMAPConnection) async throws {
        try await connection.uidStore(set, StoreAction(operation: .add, silent: true, flags: [.deleted]))
        if await connection.capabilities.contains(.uidPlus) {
            try await connection.uidExpunge(set)
        } else {
            // Without UIDPLUS, EXPUNGE also removes other \Deleted messages,
            // which is what the user asked of those by marking them so.
            _ = try await connection.execute(.expunge)
        }
    }

    static func imapFlags(_ flags: MessageFlags) -> [Flag] {
        var result: [Flag] = []
        if flags.contains(.seen) { result.append(.seen) }
        if flags.contains(.answered) { result.append(.answered) }
        if flags.contains(.flagged) { result.append(.flagged) }
        if flags.contains(.deleted) { result.append(.deleted) }
        if flags.contains(.draft) { result.append(.draft) }
        if flags.contains(.forwarded) { result.append(.keyword("$Forwarded")) }
        return result
    }
}
