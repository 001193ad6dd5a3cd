import Foundation
import Testing
@testable import TernTestSupport

@Suite(.enabled(if: DovecotServer.isAvailable, "Dovecot is not installed (Debian: dovecot-imapd)"))
struct SeedingTests {
    @Test func seedsTenThousandMessagesQuickly() async throws {
        try await DovecotServer.withServer(.init(userCount: 1)) { server in
            let clock = ContinuousClock()
            var started = clock.now
            let messages = MessageFactory(seed: 10_000).messages(0..<10_000)
            let generated = started.duration(to: clock.now)
            let megabytes = Double(messages.reduce(0) { $0 + $1.raw.count }) / 1_000_000

            started = clock.now
            try await server.seed(user: "alice", messages: messages)
            let seeded = started.duration(to: clock.now)

            started = clock.now
            let select = try await RawIMAPConnection.withConnection(port: server.plainPort, timeout: .seconds(60)) { imap in
                _ = try await imap.readResponse()
                _ = try await imap.command("LOGIN alice secret-alice")
                return try await imap.command("SELECT INBOX")
            }
            let selected = started.duration(to: clock.now)
            print("""
                10,000 messages (\(String(format: "%.1f", megabytes)) MB): generated in \(generated), \
                seeded in \(seeded), first SELECT in \(selected)
                """)
            #expect(select.contains("* 10000 EXISTS"), "\(select)")
            #expect(select.last?.contains("OK [READ-WRITE]") == true)
        }
    }

    @Test func uidsFollowSeedOrderAndFlagsAndDatesSurvive() async throws {
        let server = try await DovecotServer.shared()
        let factory = MessageFactory(seed: 42, recipient: "grace@tern.test")
        let first = factory.messages(0..<20)
        let second = factory.messages(20..<30)
        try await server.seed(user: "grace", messages: first)
        try await server.seed(user: "grace", messages: second)

        let lines = try await RawIMAPConnection.withConnection(port: server.plainPort) { imap in
            _ = try await imap.readResponse()
            _ = try await imap.command("LOGIN grace secret-grace")
            _ = try await imap.command("SELECT INBOX")
            return try await imap.command(
                "UID FETCH 1:* (UID FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])"
            )
        }
        let fetches = lines.filter { $0.hasPrefix("* ") && $0.contains(" FETCH ") }
        #expect(fetches.count == 30)
        for (offset, line) in fetches.enumerated() {
            let summary = factory.summary(offset)
            let message = factory.message(offset)
            #expect(line.contains("UID \(offset + 1) "), "\(line)")
            #expect(line.contains(summary.messageID), "UID \(offset + 1) is message \(offset): \(line)")
            #expect(line.contains("RFC822.SIZE \(message.virtualSize)"), "\(line)")
            for flag in SeedMessage.Flag.allCases {
                #expect(line.contains(flag.imapName) == summary.flags.contains(flag), "\(flag) in \(line)")
            }
            #expect(line.contains(Self.internalDate(summary.internalDate)), "\(line)")
        }
    }

    @Test func seedsIntoNewNestedAndNonASCIIMailboxes() async throws {
        let server = try await DovecotServer.shared()
        let factory = MessageFactory(seed: 3, recipient: "heidi@tern.test")
        try await server.seed(user: "heidi", mailbox: "Sent", messages: factory.messages(0..<3))
        try await server.seed(user: "heidi", mailbox: "Projekte/Entwürfe", messages: factory.messages(3..<8))

        let lines = try await RawIMAPConnection.withConnection(port: server.plainPort) { imap in
            _ = try await imap.readResponse()
            _ = try await imap.command("LOGIN heidi secret-heidi")
            return try await imap.command(#"LIST "" "*""#)
                + imap.command("STATUS Sent (MESSAGES)")
                + imap.command(#"STATUS "Projekte/Entw&APw-rfe" (MESSAGES UIDNEXT)"#)
        }
        #expect(lines.contains { $0.hasSuffix(#" "/" "Projekte/Entw&APw-rfe""#) || $0.hasSuffix(" Projekte/Entw&APw-rfe") },
                "\(lines)")
        #expect(lines.contains { $0.contains("STATUS Sent (MESSAGES 3)") }, "\(lines)")
        #expect(lines.contains { $0.contains("(MESSAGES 5 UIDNEXT 6)") }, "\(lines)")
    }

    @Test func rejectsNamesMaildirCannotHold() async throws {
        let server = try await DovecotServer.shared()
        await #expect(throws: DovecotServer.Failure.self) {
            try await server.seed(user: "ivan", mailbox: "v1.2", messages: [SeedMessage(text: "Subject: x\n\nx\n")])
        }
        await #expect(throws: DovecotServer.Failure.self) {
            try await server.seed(user: "mallory", messages: [])
        }
    }

    @Test func mailboxNamesBecomeModifiedUTF7Folders() throws {
        let writer = MaildirWriter(root: "/m", uid: 0, gid: 0)
        #expect(try writer.folderPath(for: "Entwürfe") == "/m/.Entw&APw-rfe")
        #expect(try writer.folderPath(for: "A&B") == "/m/.A&-B")
        #expect(try writer.folderPath(for: "日本語") == "/m/.&ZeVnLIqe-")
        #expect(try writer.folderPath(for: "Archive/Inbox") == "/m/.Archive.Inbox")
        #expect(try writer.folderPath(for: "inbox") == "/m")
    }

    /// IMAP's `INTERNALDATE` form in UTC, as Dovecot prints it for a server in UTC; only
    /// the date and time are compared, so the server's zone does not matter much.
    private static func internalDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone.current
        formatter.dateFormat = "dd-MMM-yyyy HH:mm:ss"
        return formatter.string(from: date)
    }
}
