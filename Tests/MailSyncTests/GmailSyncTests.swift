import Foundation
import IMAPClient
import MailStore
import TernTestSupport
import Testing
@testable import MailSync

/// A sync of a Gmail-shaped account (scripted server): folder roles from
/// SPECIAL-USE, X-GM-MSGID/THRID/LABELS stored, and one message seen in
/// several labels fetched in full and stored once.
@Suite struct GmailSyncTests {
    static func endpoint(_ server: ScriptedIMAPServer) -> AccountEndpoint {
        // One connection: folders sync one after another, INBOX first.
        AccountEndpoint(name: "gmail",
                        connection: ConnectionConfiguration(host: server.host, port: server.port, security: .plain,
                                                            connectTimeout: .seconds(5), commandTimeout: .seconds(20)),
                        username: "me@gmail.com", credentials: StaticPassword("app-password"), maxConnections: 1)
    }

    @Test func aMessageInSeveralLabelsIsFetchedAndStoredOnce() async throws {
        let gmail = GmailTestServer()
        try await ScriptedIMAPServer.withServer(.init(greeting: GmailTestServer.greeting), handler: gmail.handler) { server in
            let cache = try MailCache.openTemporary()
            let engine = SyncEngine(accounts: [Self.endpoint(server)], cache: cache)
            let report = try await withEngine(engine) { engine in
                try #require(await engine.syncAll().first)
            }
            #expect(report.succeeded, "\(report.error ?? "")")
            #expect(report.failedFolders.isEmpty, "\(report.failedFolders)")

            let account = try #require(try cache.account(named: "gmail"))
            let folders = Dictionary(uniqueKeysWithValues: try cache.folders(account: account.id).map { ($0.name, $0) })
            #expect(folders["INBOX"]?.role == .inbox)
            #expect(folders["[Gmail]/All Mail"]?.role == .all)
            #expect(folders["[Gmail]/Sent Mail"]?.role == .sent)
            #expect(folders["[Gmail]/Drafts"]?.role == .drafts)
            #expect(folders["[Gmail]/Trash"]?.role == .trash)
            #expect(folders["[Gmail]/Spam"]?.role == .junk)
            #expect(folders["[Gmail]/Starred"]?.role == .flagged)
            #expect(folders["[Gmail]"]?.selectable == false)
            #expect(folders["Project X"]?.role == MailStore.FolderRole.none)

            // Each message's envelope and first bytes were fetched once, in
            // the first folder that showed it; its other labels were copies.
            let full = gmail.fullFetches.filter { !$0.uids.isEmpty }
            #expect(full.map(\.folder) == ["INBOX", "[Gmail]/All Mail"], "\(full)")
            #expect(full.map(\.uids) == [[1, 2], [12]])

            let allMail = try cache.messagePage(folder: try #require(folders["[Gmail]/All Mail"]).id, limit: 10)
            let inbox = try cache.messagePage(folder: try #require(folders["INBOX"]).id, limit: 10)
            let projectX = try cache.messagePage(folder: try #require(folders["Project X"]).id, limit: 10)
            let sent = try cache.messagePage(folder: try #require(folders["[Gmail]/Sent Mail"]).id, limit: 10)
            #expect(allMail.count == 3 && inbox.count == 2 && projectX.count == 1 && sent.count == 1)

            let alphaInbox = try #require(inbox.first { $0.uid == MessageUID(1) })
            let alphaAll = try #require(allMail.first { $0.uid == MessageUID(10) })
            #expect(alphaInbox.gmailMessageID == Int64(bitPattern: GmailTestServer.alpha.gmailID))
            #expect(alphaAll.gmailMessageID == alphaInbox.gmailMessageID)
            #expect(alphaAll.subject == "Alpha" && alphaAll.snippet == alphaInbox.snippet && !alphaAll.snippet.isEmpty)
            #expect(alphaInbox.gmailLabels == ["\\Inbox", "\\Important"])
            #expect(alphaInbox.flags.contains(.seen))
            #expect(!alphaAll.flags.contains(.seen), "flags are per copy, as the server says")
            let betaX = try #require(projectX.first)
            #expect(betaX.subject == "Re: Alpha")
            #expect(betaX.gmailLabels == ["\\Inbox", "Project X"])
            #expect(betaX.threadID == alphaInbox.threadID, "one Gmail thread (X-GM-THRID)")
            let gammaSent = try #require(sent.first)
            #expect(gammaSent.gmailMessageID == Int64(bitPattern: GmailTestServer.gamma.gmailID), "64-bit ids survive")

            // The body: stored once, for every copy.
            try await cache.storeBody(message: alphaInbox.id, bytes: Data("Subject: Alpha\r\n\r\nAlpha body".utf8), text: "Alpha body")
            #expect(try cache.bodyHolder(for: alphaAll.id) == alphaInbox.id)
            #expect(try cache.messageDetail(alphaAll.id)?.body?.text == "Alpha body")
            try await cache.storeBody(message: alphaAll.id, bytes: Data("Subject: Alpha\r\n\r\nAlpha body".utf8), text: "Alpha body")
            #expect(try cache.bodyHolder(for: alphaAll.id) == alphaInbox.id, "no second copy")
            #expect(try cache.cachedBodyBytes() == Int64("Subject: Alpha\r\n\r\nAlpha body".utf8.count))
            #expect(try cache.bodyHolder(for: gammaSent.id) == nil, "not fetched yet")

            // A second sync finds nothing new and fetches nothing in full;
            // a label added meanwhile is seen.
            gmail.setLabels(["\\Inbox", "\\Important", "Travel"], of: GmailTestServer.alpha)
            let before = gmail.fullFetches.count
            let again = try await withEngine(SyncEngine(accounts: [Self.endpoint(server)], cache: cache)) { engine in
                try #require(await engine.syncAll().first)
            }
            #expect(again.succeeded && again.added == 0)
            #expect(gmail.fullFetches.count == before)
            #expect(try cache.message(alphaInbox.id)?.gmailLabels == ["\\Inbox", "\\Important", "Travel"])
        }
    }

    @Test func fetchItemsAskForGmailAttributesOnlyWithTheCapability() {
        let plain = HeaderConversion.fetchItems(condStore: false, gmail: false)
        let gmail = HeaderConversion.fetchItems(condStore: false, gmail: true)
        #expect(!plain.contains(.gmailMessageID))
        #expect(gmail.contains(.gmailMessageID) && gmail.contains(.gmailThreadID) && gmail.contains(.gmailLabels))
    }
}
