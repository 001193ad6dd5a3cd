import IMAPClient
import IMAPCodec
import NIOCore
import TernTestSupport
import TernProcess
import Testing
import Foundation

/// The client against a real Dovecot on 127.0.0.1. Each test uses its own
/// user of the shared server, so tests can run in parallel.
@Suite(.enabled(if: DovecotServer.isAvailable)) struct DovecotIntegrationTests {
    @Test func loginWithTheRightPassword() async throws {
        let server = try await DovecotServer.shared()
        try await IMAPConnection.withConnection(server.configuration()) { imap in
            try await imap.login(username: "alice", password: "secret-alice")
            #expect(await imap.isAuthenticated)
            #expect(await imap.capabilities.contains(.idle))
        }
    }

    @Test func authenticatePlain() async throws {
        let server = try await DovecotServer.shared()
        try await IMAPConnection.withConnection(server.configuration()) { imap in
            try await imap.authenticate(.plain(username: "alice", password: "secret-alice"))
            #expect(await imap.isAuthenticated)
        }
    }

    @Test func wrongPasswordIsAnAuthenticationFailure() async throws {
        let server = try await DovecotServer.shared()
        try await IMAPConnection.withConnection(server.configuration()) { imap in
            do {
                try await imap.login(username: "alice", password: "wrong")
                Issue.record("login should fail")
            } catch let error as IMAPCommandError {
                #expect(error.isAuthenticationFailure)
                #expect(!error.description.contains("wrong"))
            }
            // The connection stays usable after a NO.
            try await imap.login(username: "alice", password: "secret-alice")
        }
    }

    @Test func implicitTLSWithTheGeneratedTrustRoot() async throws {
        let server = try await DovecotServer.shared()
        try await IMAPConnection.withConnection(server.configuration(.tls, trustCA: true, defaultRoots: true)) { imap in
            try await imap.login(username: "bob", password: "secret-bob")
            #expect(await imap.isAuthenticated)
        }
    }

    @Test func implicitTLSRefusedWithTheDefaultTrustStore() async throws {
        let server = try await DovecotServer.shared()
        do {
            try await IMAPConnection.withConnection(server.configuration(.tls, trustCA: false, defaultRoots: true)) { imap in
                try await imap.login(username: "bob", password: "secret-bob")
            }
            Issue.record("an untrusted certificate must be refused")
        } catch let error as IMAPConnection.Error {
            guard case .tls = error else { Issue.record("expected a TLS error, got \(error)"); return }
        }
    }

    @Test func startTLSOnThePlainPort() async throws {
        let server = try await DovecotServer.shared()
        try await IMAPConnection.withConnection(server.configuration(.startTLS)) { imap in
            #expect(await !imap.capabilities.contains(.startTLS), "capabilities are re-read after TLS")
            try await imap.login(username: "bob", password: "secret-bob")
            #expect(await imap.isAuthenticated)
        }
    }

    @Test func listReportsSpecialUse() async throws {
        let server = try await DovecotServer.shared()
        try await server.withSession("carol") { imap in
            let folders = try await imap.list(returnOptions: [.specialUse])
            let roles = Dictionary(folders.compactMap { f in f.specialUse.map { ($0, f.name.displayName) } },
                                   uniquingKeysWith: { a, _ in a })
            #expect(roles[.sent] == "Sent")
            #expect(roles[.drafts] == "Drafts")
            #expect(roles[.trash] == "Trash")
            #expect(roles[.junk] == "Junk")
            #expect(roles[.archive] == "Archive")
            #expect(folders.contains { $0.name.isInbox })
        }
    }

    @Test func listWithStatusInOneRoundTrip() async throws {
        let server = try await DovecotServer.shared()
        try await server.seed(user: "carol", mailbox: "Counted", messages: MessageFactory(seed: 8).messages(0..<4))
        try await server.withSession("carol") { imap in
            #expect(await imap.capabilities.contains(.listStatus))
            let folders = try await imap.listWithStatus([.messages, .unseen])
            let counted = try #require(folders.first { $0.listing.name.wire == "Counted" })
            #expect(counted.status?.messages == 4)
            #expect(folders.first { $0.listing.specialUse == .sent } != nil)
        }
    }

    @Test func selectAndExamineWithCondStore() async throws {
        let server = try await DovecotServer.shared()
        try await server.seed(user: "carol", mailbox: "Select", messages: MessageFactory(seed: 7).messages(0..<5))
        try await server.withSession("carol") { imap in
            try await imap.enable([.qresync])
            let selected = try await imap.select(MailboxName(wire: "Select"), .condStore)
            #expect(selected.exists == 5)
            #expect(selected.uidValidity != nil)
            #expect(selected.uidNext == UID(6))
            #expect(selected.highestModSeq != nil)
            #expect(!selected.readOnly)
            let examined = try await imap.examine(MailboxName(wire: "Select"),
                .qresync(uidValidity: try #require(selected.uidValidity), modSeq: ModSeq(1), knownUIDs: nil))
            #expect(examined.readOnly)
            #expect(examined.changed.count == 5, "QRESYNC reports every message changed since modseq 1")
        }
    }

    @Test func streamingFetchOfTenThousandMessages() async throws {
        let server = try await DovecotServer.shared()
        let count = 10_000
        try await server.seed(user: "dave", mailbox: "Big", messages: MessageFactory(seed: 3, recipient: "dave@tern.test").messages(0..<count))
        try await server.withSession("dave") { imap in
            let selected = try await imap.select(MailboxName(wire: "Big"))
            #expect(selected.exists == count)
            var seen = 0
            var lastUID: UID?
            var withEnvelope = 0
            let summary = try await imap.uidFetch(.all, items: [.uid, .flags, .internalDate, .rfc822Size, .envelope, .bodyStructure]) { message in
                seen += 1
                if let uid = message.uid { #expect(uid > (lastUID ?? UID(0))); lastUID = uid }
                if message.envelope?.messageID != nil, message.bodyStructure != nil { withEnvelope += 1 }
            }
            #expect(seen == count)
            #expect(summary.messages == count)
            #expect(withEnvelope == count)
        }
    }

    @Test func storeMoveAppendAndExpunge() async throws {
        let server = try await DovecotServer.shared()
        try await server.withSession("erin") { imap in
            try? await imap.create(MailboxName(wire: "Work"))
            let raw = MessageFactory(seed: 11, recipient: "erin@tern.test").message(0).raw
            let appended = try await imap.append(ByteBuffer(bytes: raw), to: .inbox, flags: [.flagged])
            let (_, uid) = try #require(appended)
            _ = try await imap.select(.inbox)

            let stored = try await imap.uidStore(UIDSet(uid), .add([.seen]))
            #expect(stored.first?.flags?.contains(.seen) == true)
            #expect(stored.first?.flags?.contains(.flagged) == true)

            let fetched: [FetchedMessage] = try await imap.uidFetch(UIDSet(uid), items: [.uid, .bodySection(.complete, peek: true, partial: nil)])
            let body = try #require(fetched.first?.body())
            #expect(body.readableBytes == raw.count)

            let moved = try await imap.uidMove(UIDSet(uid), to: MailboxName(wire: "Work"))
            #expect(moved?.sourceUIDs == UIDSet(uid))
            let inboxLeft: [FetchedMessage] = try await imap.uidFetch(UIDSet(uid), items: [.uid])
            #expect(inboxLeft.isEmpty)

            _ = try await imap.select(MailboxName(wire: "Work"))
            let target = try #require(moved?.destinationUIDs)
            try await imap.uidStore(target, .add([.deleted], silent: true))
            try await imap.uidExpunge(target)
            let workLeft: [FetchedMessage] = try await imap.uidFetch(target, items: [.uid])
            #expect(workLeft.isEmpty)
        }
    }

    @Test func idleHearsAnAppendFromAnotherConnection() async throws {
        let server = try await DovecotServer.shared()
        try await server.withSession("frank") { watcher in
            let before = try await watcher.select(.inbox).exists
            try await watcher.idle()
            try await server.withSession("frank") { other in
                _ = try await other.append(ByteBuffer(bytes: MessageFactory(seed: 5).message(0).raw), to: .inbox)
            }
            var exists: Int?
            for try await event in watcher.idleEvents() {
                if case .exists(let n) = event {
                    exists = n
                    try await watcher.done()
                }
            }
            #expect(exists == before + 1)
            #expect(await !watcher.isIdling)
            try await watcher.noop()
        }
    }

    @Test func connectionKilledMidFetchFailsEveryCall() async throws {
        try await DovecotServer.withServer(DovecotServer.Options(userCount: 1)) { server in
            try await server.seed(user: "alice", mailbox: "INBOX", messages: MessageFactory(seed: 9).messages(0..<3000))
            try await server.withSession("alice") { imap in
                _ = try await imap.select(.inbox)
                var seen = 0
                do {
                    try await imap.uidFetch(.all, items: [.uid, .envelope, .bodySection(.complete, peek: true, partial: nil)]) { _ in
                        seen += 1
                        if seen == 100 {
                            // Kill the server's imap processes: the socket dies mid-reply.
                            _ = try ChildProcess.runBlocking("/usr/bin/pkill", ["-KILL", "-P", String(server.pid), "imap"],
                                                             timeout: .seconds(10))
                        }
                    }
                    Issue.record("the fetch should fail")
                } catch let error as IMAPConnection.Error {
                    guard case .connectionClosed = error else { Issue.record("got \(error)"); return }
                }
                #expect(seen >= 100 && seen < 3000)
                await #expect(throws: IMAPConnection.Error.self) { try await imap.noop() }
            }
        }
    }
}

/// Certificate name checks against a Dovecot serving a certificate for another name.
@Suite(.enabled(if: DovecotServer.isAvailable)) struct CertificateNameTests {
    @Test func aCertificateForAnotherNameIsRefused() async throws {
        try await DovecotServer.withServer(DovecotServer.Options(userCount: 1, wrongNameCertificate: true)) { server in
            do {
                try await IMAPConnection.withConnection(server.configuration(.tls)) { imap in
                    try await imap.login(username: "alice", password: "secret-alice")
                }
                Issue.record("a certificate for wrong.example must be refused for 127.0.0.1")
            } catch let error as IMAPConnection.Error {
                #expect(error == .tls("the server's certificate is not valid for this host name"))
            }
        }
    }

    @Test func tlsToThePlainPortSaysSo() async throws {
        let server = try await DovecotServer.shared()
        var config = server.configuration(.tls)
        config.port = server.plainPort
        do {
            try await IMAPConnection.withConnection(config) { _ in }
            Issue.record("TLS to a plain port must fail")
        } catch let error as IMAPConnection.Error {
            guard case .tls = error else { Issue.record("got \(error)"); return }
        }
    }
}
