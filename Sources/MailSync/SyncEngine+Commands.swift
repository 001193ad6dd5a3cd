import Foundation
import IMAPClient
import IMAPCodec
import MIME
import MailStore

extension SyncEngine {
    /// Carries out a ``SyncCommand``. Never throws: failures are published as
    /// events, like any sync's.
    ///
    /// A sync the user asked for tries again to log in to an account whose
    /// credentials were refused: the user may have fixed the password or signed in
    /// again with `tern auth` meanwhile, and should not have to restart Tern.
    public func perform(_ command: SyncCommand) async {
        switch command {
        case .syncAll:
            for name in accountNames { await pool.clearAuthenticationFailure(account: name) }
            _ = await syncAll()
        case .syncAccount(let name):
            await pool.clearAuthenticationFailure(account: name)
            _ = await syncAll(accounts: [name])
        case .syncFolder(let account, let folder):
            do {
                _ = try await syncFolder(account: account, folder: folder)
            } catch {
                emit(.failed(account: account, error: Self.describe(error)))
            }
        }
    }

    /// Fetches a message's full body from the server (without setting
    /// `\Seen`) and stores it in the cache with its readable text and parts,
    /// for a reader that opened a message whose body was not cached.
    /// - Throws: `SyncError` when the message or folder is gone, or the
    ///   connection's error.
    public nonisolated func fetchBody(_ id: MessageRowID) async throws {
        guard let message = try cache.message(id), let folder = try cache.folder(message.folderID),
              let account = try cache.accounts().first(where: { $0.id == message.accountID }) else {
            throw SyncError.messageMissing(account: "", folder: "")
        }
        let mailbox = MailboxName(displayName: folder.name)
        let bytes: [UInt8]? = try await pool.withConnection(account: account.name, folder: mailbox) { connection in
            let selected = try await connection.examine(mailbox)
            // After a UIDVALIDITY change the UID names another message: its body must
            // not be stored under this one (the next sync rebuilds the folder).
            guard selected.uidValidity.map({ MailStore.UIDValidity($0.rawValue) }) == message.uidValidity else { return nil }
            let fetched = try await connection.uidFetch(
                UIDSet(UID(rawValue: UInt32(truncatingIfNeeded: message.uid.rawValue))), items: [.bodySection(.complete, peek: true, partial: nil)])
            return fetched.first?.body(.complete).map { Array($0.readableBytesView) }
        }
        guard let bytes else { throw SyncError.messageMissing(account: account.name, folder: folder.name) }
        let parsed = MessageParser.parse(bytes)
        let readable = ReadableBody(parsed)
        let parts = readable.attachments.map { attachment in
            MessagePartRecord(messageRowID: id, section: parsed.root.imapSection(for: attachment.path) ?? "",
                              mimeType: attachment.mediaType, fileName: attachment.name,
                              contentID: attachment.contentID, size: Int64(attachment.size), isAttachment: true)
        }
        try await cache.storeBody(message: id, bytes: Data(bytes), text: readable.text, parts: parts)
    }
}
