import Foundation
import IMAPClient
import IMAPCodec
import NIOCore
import TernTestSupport

/// The "other client" of the end-to-end tests: appends mail and reads
/// flags on the fixture's plain port, as a user's phone would.
extension DovecotServer {
    func admin<R: Sendable>(_ user: String, _ body: (IMAPConnection) async throws -> R) async throws -> R {
        let configuration = ConnectionConfiguration(host: host, port: plainPort, security: .plain,
                                                    connectTimeout: .seconds(5), commandTimeout: .seconds(20))
        return try await IMAPConnection.withConnection(configuration) { imap in
            try await imap.login(username: user, password: "secret-\(user)")
            return try await body(imap)
        }
    }

    func append(_ user: String, folder: String, _ message: SeedMessage) async throws {
        try await admin(user) { imap in
            _ = try await imap.append(ByteBuffer(bytes: message.raw), to: MailboxName(displayName: folder))
        }
    }

    /// The flags of one message on the server.
    func flags(_ user: String, folder: String, uid: UInt32) async throws -> [String] {
        try await admin(user) { imap in
            _ = try await imap.examine(MailboxName(displayName: folder))
            let fetched = try await imap.uidFetch(UIDSet(UID(rawValue: uid)), items: [.uid, .flags])
            return (fetched.first?.flags ?? []).map(\.description)
        }
    }

    /// A plain-text message with a fixed body, dated now.
    static func textMessage(subject: String, body: String, from: String = "Quinn Tester <quinn@example.org>",
                            date: Date = Date()) -> SeedMessage {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return SeedMessage(text: """
            From: \(from)
            To: alice@tern.test
            Subject: \(subject)
            Date: \(formatter.string(from: date))
            Message-ID: <\(UUID().uuidString)@tern.test>
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: 8bit

            \(body)

            """, internalDate: date)
    }
}
