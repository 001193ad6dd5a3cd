import Foundation
import IMAPClient
import IMAPCodec
import MailStore
import Testing
import TernTestSupport
@testable import MailSync

/// What the UI asks of the sync layer, against the real Dovecot: a body
/// fetched on demand (without setting \Seen), and commands that push a
/// queued flag change.
@Suite struct SyncCommandTests {
    @Test func fetchBodyOnDemandStoresTextAndAttachments() async throws {
        try await DovecotServer.withServer(DovecotServer.Options(userCount: 1)) { server in
            let user = server.users[0].name
            let factory = MessageFactory(seed: 31, recipient: "\(user)@tern.test")
            let summaries = (0..<30).map(factory.summary)
            try await server.seed(user: user, messages: factory.messages(0..<30))
            let cache = try MailCache.openTemporary()
            let engine = SyncEngine(accounts: [server.syncEndpoint(user)], cache: cache)
            try await withEngine(engine) { engine in
                _ = await engine.syncAll()
                let account = try #require(try cache.account(named: user))
                let inbox = try #require(try cache.folder(account: account.id, name: "INBOX"))
                let page = try cache.messagePage(folder: inbox.id, limit: 100)
                let withAttachment = try #require(summaries.firstIndex { $0.attachmentName != nil })
                let record = try #require(page.first { $0.uid == MessageUID(UInt32(withAttachment + 1)) })
                #expect(try cache.messageDetail(record.id)?.body == nil)

                try await engine.fetchBody(record.id)
                let detail = try #require(try cache.messageDetail(record.id))
                let text = try #require(detail.body?.text)
                #expect(!text.isEmpty)
                #expect(detail.parts.contains { $0.isAttachment && $0.fileName == summaries[withAttachment].attachmentName })
                // BODY.PEEK: reading the body on demand does not mark it read on the server.
                let flags = try await server.serverState(user, folder: "INBOX")
                #expect(flags[record.uid.rawValue]?.contains("\\Seen") == summaries[withAttachment].flags.contains(.seen))
            }
        }
    }

    @Test func syncFolderCommandPushesAQueuedFlagChange() async throws {
        try await DovecotServer.withServer(DovecotServer.Options(userCount: 1)) { server in
            let user = server.users[0].name
            try await server.seed(user: user, messages: MessageFactory(seed: 32, recipient: "\(user)@tern.test").messages(0..<5))
            let cache = try MailCache.openTemporary()
            let engine = SyncEngine(accounts: [server.syncEndpoint(user)], cache: cache)
            try await withEngine(engine) { engine in
                await engine.perform(.syncAll)
                let account = try #require(try cache.account(named: user))
                let inbox = try #require(try cache.folder(account: account.id, name: "INBOX"))
                try await cache.setFlagsLocally(folder: inbox.id, uids: [MessageUID(3)], change: .init(add: .flagged))
                await engine.perform(.syncFolder(account: user, folder: "INBOX"))
                #expect(try cache.pendingChangeCount() == 0)
                let flags = try await server.serverState(user, folder: "INBOX")
                #expect(flags[3]?.contains("\\Flagged") == true)
            }
        }
    }
}
