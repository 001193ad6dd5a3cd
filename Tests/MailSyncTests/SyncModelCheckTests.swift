import Foundation
import IMAPClient
import IMAPCodec
import MailStore
import NIOCore
import Testing
import TernTestSupport
@testable import MailSync

/// A model check: random server-side changes (append, flag, move, expunge)
/// interleaved with syncs; after every sync the cache must equal the
/// server, message for message and flag for flag.
@Suite struct SyncModelCheckTests {
    static let folders = ["INBOX", "Archive"]

    @Test(arguments: [11, 12, 13] as [UInt64])
    func cacheEqualsServerAfterRandomChanges(seed: UInt64) async throws {
        try await DovecotServer.withServer(DovecotServer.Options(userCount: 1)) { server in
            var random = SplitMix64(seed: seed)
            let factory = MessageFactory(seed: seed)
            try await server.seed(user: "alice", messages: factory.messages(0..<20))
            try await server.seed(user: "alice", mailbox: "Archive", messages: factory.messages(20..<25))
            var nextMessage = 25
            let cache = try MailCache.openTemporary()
            let engine = SyncEngine(accounts: [server.syncEndpoint("alice")], cache: cache)
            try await withEngine(engine) { engine in
                var log: [String] = []
                for step in 0..<30 {
                    let folder = random.pick(Self.folders)
                    let uids = try await server.serverState("alice", folder: folder).keys.sorted()
                    switch random.below(5) {
                    case 0:
                        let message = factory.message(nextMessage)
                        nextMessage += 1
                        try await server.admin("alice") { imap in
                            _ = try await imap.append(ByteBuffer(bytes: message.raw), to: MailboxName(displayName: folder))
                        }
                        log.append("append \(folder)")
                    case 1 where !uids.isEmpty:
                        let uid = UID(UInt32(random.pick(uids)))
                        let flag = random.pick([Flag.seen, .flagged, .answered, .keyword("$Label1")])
                        let add = random.percent(60)
                        try await server.admin("alice") { imap in
                            _ = try await imap.select(MailboxName(displayName: folder))
                            try await imap.uidStore(UIDSet(uid), add ? .add([flag]) : .remove([flag]))
                        }
                        log.append("\(add ? "+" : "-")\(flag) \(folder) \(uid)")
                    case 2 where !uids.isEmpty:
                        let uid = UID(UInt32(random.pick(uids)))
                        let target = folder == "INBOX" ? "Archive" : "INBOX"
                        try await server.admin("alice") { imap in
                            _ = try await imap.select(MailboxName(displayName: folder))
                            _ = try await imap.uidMove(UIDSet(uid), to: MailboxName(displayName: target))
                        }
                        log.append("move \(folder) \(uid) → \(target)")
                    case 3 where !uids.isEmpty:
                        let uid = UID(UInt32(random.pick(uids)))
                        try await server.admin("alice") { imap in
                            _ = try await imap.select(MailboxName(displayName: folder))
                            try await imap.uidStore(UIDSet(uid), .add([.deleted]))
                            try await imap.uidExpunge(UIDSet(uid))
                        }
                        log.append("expunge \(folder) \(uid)")
                    default:
                        break
                    }
                    if random.percent(30) || step == 29 {
                        let reports = await engine.syncAll()
                        #expect(reports.allSatisfy { $0.succeeded })
                        log.append("sync")
                        for name in Self.folders {
                            let expected = try await server.serverState("alice", folder: name)
                            let actual = try SyncTestState.cacheState(cache, account: "alice", folder: name)
                            #expect(actual == expected, "seed \(seed), \(name) after: \(log.joined(separator: "; "))")
                            if actual != expected { return }
                        }
                    }
                }
            }
        }
    }
}
