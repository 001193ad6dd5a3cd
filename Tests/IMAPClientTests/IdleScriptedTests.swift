import IMAPClient
import IMAPCodec
import NIOCore
import TernTestSupport
import Testing

/// IDLE's sub-conversation against a scripted server: `+ idling`, pushed
/// responses, DONE, the tagged OK, and the connection usable afterwards.
@Suite struct IdleScriptedTests {
    actor IdleTag {
        var tag: String?
        func set(_ value: String?) { tag = value }
    }

    static func handler(_ idleTag: IdleTag) -> ScriptedIMAPServer.Handler {
        { frame, conn in
            guard case .line(let bytes) = frame else { return }
            let text = String(decoding: bytes, as: UTF8.self)
            if text == "DONE", let tag = await idleTag.tag {
                await idleTag.set(nil)
                try await conn.sendLine("\(tag) OK Idle completed")
                return
            }
            guard let tag = frame.tag else { return }
            switch frame.command {
            case "IDLE":
                await idleTag.set(tag)
                try await conn.sendLine("+ idling")
                try await conn.sendLine("* 4 EXISTS")
                try await conn.sendLine("* 2 EXPUNGE")
                try await conn.sendLine("* 1 FETCH (FLAGS (\\Seen))")
            default:
                try await conn.sendLine("\(tag) OK done")
            }
        }
    }

    static let greeting = "* OK [CAPABILITY IMAP4rev1 IDLE] ready"

    @Test func pushedResponsesThenDone() async throws {
        try await ScriptedIMAPServer.withServer(.init(greeting: Self.greeting), handler: Self.handler(IdleTag())) { server in
            let config = ConnectionConfiguration(host: server.host, port: server.port, security: .plain)
            try await IMAPConnection.withConnection(config) { imap in
                try await imap.idle()
                #expect(await imap.isIdling)
                var events: [UntaggedResponse] = []
                for try await event in imap.idleEvents() {
                    events.append(event)
                    if events.count == 3 { try await imap.done() }
                }
                #expect(events == [.exists(4), .expunge(SequenceNumber(2)),
                                   .fetch(SequenceNumber(1), [.flags([.seen])])])
                #expect(await !imap.isIdling)
                try await imap.noop()
            }
        }
    }

    @Test func doneWithoutAReaderDrainsTheReply() async throws {
        try await ScriptedIMAPServer.withServer(.init(greeting: Self.greeting), handler: Self.handler(IdleTag())) { server in
            let config = ConnectionConfiguration(host: server.host, port: server.port, security: .plain)
            try await IMAPConnection.withConnection(config) { imap in
                try await imap.idle()
                try await imap.done()
                #expect(await !imap.isIdling)
                try await imap.noop()
                // What arrived during IDLE is not lost.
                let kept = await imap.takeUnsolicited()
                #expect(kept.contains(.exists(4)))
            }
        }
    }

    @Test func idleIsNotSentToAServerWithoutIt() async throws {
        try await ScriptedIMAPServer.withServer(.init(greeting: "* OK [CAPABILITY IMAP4rev1] ready"),
                                                handler: Self.handler(IdleTag())) { server in
            let config = ConnectionConfiguration(host: server.host, port: server.port, security: .plain)
            try await IMAPConnection.withConnection(config) { imap in
                await #expect(throws: IMAPCommandError.self) { try await imap.idle() }
                try await imap.noop()
            }
            #expect(!server.transcriptText().contains("IDLE"))
        }
    }
}
