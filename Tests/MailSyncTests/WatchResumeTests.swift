import Foundation
import IMAPClient
import IMAPCodec
import MailStore
import NIOConcurrencyHelpers
import Testing
import TernTestSupport
@testable import MailSync

/// Suspend and resume: the IDLE connection a laptop leaves behind is
/// half-open (it never errors); a resume must find that out at once.
@Suite struct WatchResumeTests {
    @Test func aResumeDetectsAHalfOpenIdleConnectionAndReconnects() async throws {
        let idleConnections = NIOLockedValueBox<[Int: String]>([:])  // connection id → IDLE tag
        let latestIdle = NIOLockedValueBox<Int?>(nil)
        // The connection that goes half-open at the resume: the one idling then (not
        // simply the first, which a slow start may already have replaced).
        let halfOpen = NIOLockedValueBox<Int?>(nil)
        let everIdled = NIOLockedValueBox<Set<Int>>([])
        let handler: ScriptedIMAPServer.Handler = { frame, connection in
            guard let tag = frame.tag else { return }
            if frame.text == "DONE" {
                // The half-open connection: DONE is never answered.
                if halfOpen.withLockedValue({ $0 }) == connection.id { return }
                if let idleTag = idleConnections.withLockedValue({ $0.removeValue(forKey: connection.id) }) {
                    try await connection.sendLine("\(idleTag) OK IDLE done")
                }
                return
            }
            switch frame.command {
            case "LOGIN"?:
                try await connection.sendLine("\(tag) OK [CAPABILITY IMAP4rev1 IDLE UIDPLUS] logged in")
            case "LIST"?:
                try await connection.sendLine("* LIST (\\HasNoChildren) \"/\" INBOX")
                try await connection.sendLine("\(tag) OK LIST done")
            case "SELECT"?, "EXAMINE"?:
                try await connection.sendLine("* 0 EXISTS")
                try await connection.sendLine("* OK [UIDVALIDITY 7] ok")
                try await connection.sendLine("* OK [UIDNEXT 1] ok")
                try await connection.sendLine("\(tag) OK [READ-WRITE] selected")
            case "IDLE"?:
                idleConnections.withLockedValue { $0[connection.id] = tag }
                everIdled.withLockedValue { _ = $0.insert(connection.id) }
                latestIdle.withLockedValue { $0 = connection.id }
                try await connection.sendLine("+ idling")
            case "LOGOUT"?:
                try await connection.sendLine("* BYE bye")
                try await connection.sendLine("\(tag) OK bye")
                await connection.close()
            default:
                try await connection.sendLine("\(tag) OK done")
            }
        }
        let greeting = "* OK [CAPABILITY IMAP4rev1 IDLE UIDPLUS] scripted"
        try await ScriptedIMAPServer.withServer(.init(greeting: greeting), handler: handler) { server in
            let connection = ConnectionConfiguration(host: server.host, port: server.port, security: .plain,
                                                     connectTimeout: .seconds(5), commandTimeout: .milliseconds(500))
            let endpoint = AccountEndpoint(name: "laptop", connection: connection, username: "alice",
                                           credentials: StaticPassword("pw"), maxConnections: 3)
            let cache = try MailCache.openTemporary()
            let engine = SyncEngine(accounts: [endpoint], cache: cache)
            // Re-issue in an hour: only the resume can notice the dead connection in time.
            let configuration = fastWatchConfiguration(reissue: .seconds(3_600))
            try await withWatchingEngine(engine, folders: ["laptop": ["INBOX"]], configuration: configuration) { engine, log in
                _ = try await log.wait(for: "IDLE") { $0.isMode("idle", folder: "INBOX") }
                halfOpen.withLockedValue { $0 = latestIdle.withLockedValue { $0 } }
                let clock = ContinuousClock()
                let resumed = clock.now
                await engine.systemResumed()
                _ = try await log.wait(for: "the dead connection noticed") { $0.isMode("reconnecting", folder: "INBOX") }
                _ = try await log.wait(for: "IDLE on a new connection") { $0.isMode("idle", folder: "INBOX") }
                #expect(clock.now - resumed < .seconds(15), "within seconds, not at the next re-issue")
                #expect(everIdled.withLockedValue { $0.count } >= 2, "IDLE again on a second connection")
            }
        }
    }

    @Test(arguments: [
        (wall: 5.0, monotonic: 5, resume: false),
        (wall: 14.0, monotonic: 5, resume: false),
        (wall: 16.0, monotonic: 5, resume: true),
        (wall: 3_605.0, monotonic: 5, resume: true),
        (wall: -60.0, monotonic: 5, resume: false),  // the clock was set back
    ])
    func aWallClockJumpPastTheMonotonicClockIsAResume(wall: Double, monotonic: Int, resume: Bool) {
        #expect(WakeDetector.isResume(wallElapsed: wall, monotonicElapsed: .seconds(monotonic), threshold: .seconds(10)) == resume)
    }
}
