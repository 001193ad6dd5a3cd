import Foundation
import TernProcess

extension DovecotServer {
    /// Puts `messages` straight into the Maildir of `user`'s `mailbox`, in order.
    ///
    /// Files are written the Maildir way (`tmp/`, then renamed into `new/` or `cur/` with
    /// the flags in the `:2,` suffix), owned by the mail user, with the internal date as
    /// their modification time. Dovecot notices them at the next `SELECT`, `STATUS`,
    /// `NOOP` or IDLE check and gives them UIDs in the order of `messages` (file names
    /// carry strictly increasing timestamps, which is how Dovecot sorts new files).
    /// A mailbox that does not exist yet is created; nested names use `/`
    /// (`Projects/2024`) and may be non-ASCII. Seeding 10,000 messages takes well under
    /// a second of file I/O; the work runs on a thread of its own, not the Swift
    /// concurrency pool.
    public func seed(user: String, mailbox: String = "INBOX", messages: [SeedMessage]) async throws {
        guard users.contains(where: { $0.name == user }) else {
            throw Failure(description: "no user \(user) on this server (users: \(users.map(\.name)))")
        }
        let writer = MaildirWriter(root: maildir(for: user), uid: mailUID, gid: mailGID)
        try await onDedicatedThread { try writer.write(messages, to: mailbox) }
    }
}
