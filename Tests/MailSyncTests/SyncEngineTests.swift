import Foundation
import IMAPClient
import IMAPCodec
import MailStore
import NIOCore
import Testing
import TernTestSupport
@testable import MailSync

/// The sync engine against the real Dovecot: first and incremental syncs,
/// error isolation between accounts, UIDVALIDITY resets.
@Suite struct SyncEngineTests {
    @Test func firstAndIncrementalSyncOfFiveAccountsInParallel() async throws {
        try await DovecotServer.withServer(DovecotServer.Options(userCount: 5)) { server in
            let users = server.users.map(\.name)
            for (i, user) in users.enumerated() {
                let factory = MessageFactory(seed: UInt64(i + 1), recipient: "\(user)@tern.test")
                try await server.seed(user: user, messages: factory.messages(0..<40))
                try await server.seed(user: user, mailbox: "Archive", messages: factory.messages(40..<50))
            }
            let cache = try MailCache.openTemporary()
            let engine = SyncEngine(accounts: users.map { server.syncEndpoint($0) }, cache: cache)
            try await withEngine(engine) { engine in
                let first = await engine.syncAll()
                #expect(first.map(\.account) == users)
                for report in first {
                    #expect(report.succeeded, "\(report.account): \(report.error ?? "") \(report.failedFolders)")
                    #expect(report.added == 50)
                    #expect(report.newMail == 0, "a first sync is not new mail")
                }
                for user in users {
                    for folder in ["INBOX", "Archive"] {
                        let server = try await server.serverState(user, folder: folder)
                        #expect(try SyncTestState.cacheState(cache, account: user, folder: folder) == server)
                    }
                }
                // Snippets are made right after the headers are committed.
                #expect(try cache.pendingSnippetCount() == 0)
                let account = try #require(try cache.account(named: users[0]))
                let inbox = try #require(try cache.folder(account: account.id, name: "INBOX"))
                let page = try cache.messagePage(folder: inbox.id, limit: 100)
                #expect(page.filter { !$0.snippet.isEmpty }.count > page.count / 2, "most messages have a text part")

                // Another client changes every mailbox: arrivals, flags, expunges.
                for (i, user) in users.enumerated() {
                    let factory = MessageFactory(seed: UInt64(i + 100), recipient: "\(user)@tern.test")
                    try await server.admin(user) { imap in
                        for message in factory.messages(0..<3) {
                            try await imap.append(ByteBuffer(bytes: message.raw), to: .inbox)
                        }
                        _ = try await imap.select(.inbox)
                        try await imap.uidStore(UIDSet(ranges: [.init(UID(1), UID(5))]), .add([.flagged, .keyword("$Work")]))
                        try await imap.uidStore(UIDSet(ranges: [.init(UID(6), UID(10))]), .add([.seen]))
                        try await imap.uidStore(UIDSet(ranges: [.init(UID(11), UID(12))]), .add([.deleted]))
                        try await imap.uidExpunge(UIDSet(ranges: [.init(UID(11), UID(12))]))
                    }
                }
                let second = await engine.syncAll()
                for report in second {
                    #expect(report.succeeded)
                    #expect(report.newMail == 3)
                    #expect(report.expunged == 2)
                    #expect(report.flagsChanged > 0)
                }
                for user in users {
                    let server = try await server.serverState(user, folder: "INBOX")
                    #expect(server.count == 41)
                    #expect(try SyncTestState.cacheState(cache, account: user, folder: "INBOX") == server)
                }

                // Nothing changed: nothing to do.
                let third = await engine.syncAll()
                for report in third {
                    #expect(report.succeeded && report.added == 0 && report.flagsChanged == 0 && report.expunged == 0)
                }
            }
        }
    }

    @Test func aWrongPasswordFailsThatAccountAlone() async throws {
        try await DovecotServer.withServer(DovecotServer.Options(userCount: 3)) { server in
            try await server.seed(user: "alice", messages: MessageFactory(seed: 7).messages(0..<5))
            try await server.seed(user: "carol", messages: MessageFactory(seed: 8).messages(0..<4))
            let cache = try MailCache.openTemporary()
            let engine = SyncEngine(accounts: [
                server.syncEndpoint("alice"),
                server.syncEndpoint("bob", password: "not-bobs-password"),
                server.syncEndpoint("carol"),
            ], cache: cache)
            try await withEngine(engine) { engine in
                let reports = await engine.syncAll()
                #expect(reports.map(\.account) == ["alice", "bob", "carol"])
                #expect(reports[0].succeeded && reports[0].added == 5)
                #expect(reports[2].succeeded && reports[2].added == 4)
                let error = try #require(reports[1].error)
                #expect(error.contains("rejected the credentials"))
                #expect(!error.contains("not-bobs-password"), "the secret never reaches an error")
            }
        }
    }

    /// A rejected password stops the account's logins until the user asks for a sync:
    /// then, with the password fixed meanwhile, the account syncs without a restart.
    @Test func aSyncTheUserAsksForRetriesAnAccountWhosePasswordWasRefused() async throws {
        try await DovecotServer.withServer(DovecotServer.Options(userCount: 2)) { server in
            try await server.seed(user: "bob", messages: MessageFactory(seed: 9).messages(0..<3))
            let passwordFile = server.directory + "/bob-password"
            try "not-bobs-password\n".write(toFile: passwordFile, atomically: true, encoding: .utf8)
            let cache = try MailCache.openTemporary()
            let bob = AccountEndpoint(name: "bob", connection: server.syncConnection(), username: "bob",
                                      credentials: PasswordCommand("cat '\(passwordFile)'"), maxConnections: 2)
            try await withEngine(SyncEngine(accounts: [bob], cache: cache)) { engine in
                #expect(await engine.syncAll().first?.succeeded == false)
                try "secret-bob\n".write(toFile: passwordFile, atomically: true, encoding: .utf8)
                #expect(await engine.syncAll().first?.succeeded == false, "a background sync does not retry the login")
                await engine.perform(.syncAccount("bob"))
                #expect(try SyncTestState.cacheState(cache, account: "bob", folder: "INBOX").count == 3)
            }
        }
    }

    @Test func aChangedUIDValidityRebuildsTheFolder() async throws {
        try await DovecotServer.withServer(DovecotServer.Options(userCount: 1)) { server in
            let factory = MessageFactory(seed: 3)
            try await server.seed(user: "alice", mailbox: "Projects", messages: factory.messages(0..<6))
            let cache = try MailCache.openTemporary()
            let engine = SyncEngine(accounts: [server.syncEndpoint("alice")], cache: cache)
            try await withEngine(engine) { engine in
                #expect(await engine.syncAll().allSatisfy { $0.succeeded })
                #expect(try SyncTestState.cacheState(cache, account: "alice", folder: "Projects").count == 6)
                // The folder is deleted and made again: same name, new UIDVALIDITY, UIDs from 1.
                try await server.admin("alice") { imap in
                    try await imap.delete(MailboxName(displayName: "Projects"))
                    try await imap.create(MailboxName(displayName: "Projects"))
                }
                try await server.seed(user: "alice", mailbox: "Projects", messages: factory.messages(10..<12))
                let reports = await engine.syncAll()
                let projects = try #require(reports.first?.folders.first { $0.folder == "Projects" })
                #expect(projects.wasReset)
                let state = try SyncTestState.cacheState(cache, account: "alice", folder: "Projects")
                #expect(state == (try await server.serverState("alice", folder: "Projects")))
                #expect(state.count == 2)
            }
        }
    }

    @Test func snippetsLeftByAnInterruptedSyncAreMadeByTheNextOneEvenWithNothingNew() async throws {
        try await DovecotServer.withServer(DovecotServer.Options(userCount: 1)) { server in
            try await server.seed(user: "alice", messages: MessageFactory(seed: 8).messages(0..<60))
            let cache = try MailCache.openTemporary()
            // A folder sync whose snippets were never made (the process stopped after its commit).
            let account = try await cache.upsertAccount(name: "alice")
            try await cache.upsertFolders(account: account, [ListedFolder(name: "INBOX")])
            let inbox = try #require(try cache.folder(account: account, name: "INBOX"))
            let result = try await server.admin("alice") { imap in
                _ = try await imap.enable([.qresync])
                return try await FolderSyncer(cache: cache, account: "alice").sync(folder: inbox, connection: imap)
            }
            #expect(result.added == 60)
            let left = try cache.pendingSnippetCount()
            #expect(left > 30, "a 60-message fetch leaves its snippets for after the commit")

            let engine = SyncEngine(accounts: [server.syncEndpoint("alice")], cache: cache)
            try await withEngine(engine) { engine in
                let report = try #require(await engine.syncAll().first)
                #expect(report.succeeded)
                #expect(report.added == 0)
                #expect(try cache.pendingSnippetCount() == 0)
                let page = try cache.messagePage(folder: inbox.id, limit: 100)
                #expect(page.filter { !$0.snippet.isEmpty }.count >= left)
            }
        }
    }

    @Test func localChangesArePushedBeforePulling() async throws {
        try await DovecotServer.withServer(DovecotServer.Options(userCount: 1)) { server in
            try await server.seed(user: "alice", messages: MessageFactory(seed: 4).messages(0..<8))
            let cache = try MailCache.openTemporary()
            let engine = SyncEngine(accounts: [server.syncEndpoint("alice")], cache: cache)
            try await withEngine(engine) { engine in
                _ = await engine.syncAll()
                let account = try #require(try cache.account(named: "alice"))
                let inbox = try #require(try cache.folder(account: account.id, name: "INBOX"))
                let archive = try #require(try cache.folder(account: account.id, name: "Archive"))
                try await cache.setFlagsLocally(folder: inbox.id, uids: [MessageUID(1), MessageUID(2)],
                                                change: .init(add: [.flagged, .seen]))
                try await cache.enqueueChange(.move, folder: inbox.id, uids: [MessageUID(3)], payload: "Archive")
                try await cache.enqueueChange(.delete, folder: inbox.id, uids: [MessageUID(4)])
                let report = try #require(await engine.syncAll().first)
                #expect(report.succeeded)
                #expect(report.pushed == 3)
                #expect(try cache.pendingChangeCount() == 0)
                let serverInbox = try await server.serverState("alice", folder: "INBOX")
                #expect(serverInbox.count == 6)
                #expect(serverInbox[1]?.isSuperset(of: ["\\Flagged", "\\Seen"]) == true)
                #expect(serverInbox[3] == nil && serverInbox[4] == nil)
                #expect(try SyncTestState.cacheState(cache, account: "alice", folder: "INBOX") == serverInbox)
                #expect(try await server.serverState("alice", folder: "Archive").count == 1)
                #expect(try cache.counts(folder: archive.id)?.total == 1)
            }
        }
    }
}
