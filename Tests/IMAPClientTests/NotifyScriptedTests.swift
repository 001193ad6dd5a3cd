import IMAPClient
import IMAPCodec
import NIOCore
import TernTestSupport
import Testing

/// NOTIFY against a scripted server: the command on the wire, STATUS replies
/// returned, NOTIFY events handed out by IDLE, NOTIFICATIONOVERFLOW.
@Suite struct NotifyScriptedTests {
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
            case "NOTIFY":
                if text.contains("SET STATUS") {
                    try await conn.sendLine("* STATUS Archive (MESSAGES 3 UIDNEXT 9)")
                    try await conn.sendLine("* 5 EXISTS")
                }
                try await conn.sendLine("\(tag) OK NOTIFY completed")
                // Dovecot sends some STATUS replies after the tagged OK.
                if text.contains("SET STATUS") { try await conn.sendLine("* STATUS Sent (MESSAGES 1 UIDNEXT 2)") }
            case "IDLE":
                await idleTag.set(tag)
                try await conn.sendLine("+ idling")
                try await conn.sendLine("* STATUS Archive (MESSAGES 4 UIDNEXT 10 UNSEEN 1)")
                try await conn.sendLine("* 6 EXISTS")
                try await conn.sendLine("* 6 FETCH (UID 42)")
                try await conn.sendLine("* LIST () \"/\" Zed2 (\"OLDNAME\" (Zed))")
                try await conn.sendLine("* OK [NOTIFICATIONOVERFLOW] Too many changes")
            default:
                try await conn.sendLine("\(tag) OK done")
            }
        }
    }

    static let greeting = "* OK [CAPABILITY IMAP4rev1 IDLE NOTIFY] ready"

    @Test func statusRepliesAndIdleEvents() async throws {
        try await ScriptedIMAPServer.withServer(.init(greeting: Self.greeting), handler: Self.handler(IdleTag())) { server in
            let config = ConnectionConfiguration(host: server.host, port: server.port, security: .plain)
            try await IMAPConnection.withConnection(config) { imap in
                let request = NotifyRequest.set(status: true, groups: [
                    NotifyEventGroup(.selected, NotifyEvent.messageEvents, messageNewAttributes: [.uid]),
                    NotifyEventGroup(.mailboxes([MailboxName(wire: "Archive"), MailboxName(displayName: "Entwürfe")]),
                                     NotifyEvent.messageEvents),
                ])
                let statuses = try await imap.notify(request)
                #expect(statuses == [MailboxName(wire: "Archive"): MailboxStatus(messages: 3, uidNext: UID(9))])
                #expect(await imap.notifyRequest == request)

                try await imap.idle()
                var events: [UntaggedResponse] = []
                for try await event in imap.idleEvents() {
                    events.append(event)
                    if events.count == 5 { try await imap.done() }
                }
                #expect(events == [
                    .mailboxStatus(MailboxName(wire: "Archive"), MailboxStatus(messages: 4, uidNext: UID(10), unseen: 1)),
                    .exists(6),
                    .fetch(SequenceNumber(6), [.uid(UID(42))]),
                    .list(MailboxListing(attributes: [], delimiter: "/", name: MailboxName(wire: "Zed2"))),
                    .state(.ok, ResponseText(code: .notificationOverflow, text: "Too many changes")),
                ])
                // After NOTIFICATIONOVERFLOW the server sends no more events.
                #expect(await imap.notifyRequest == nil)

                // The EXISTS during NOTIFY and the STATUS after its OK were kept.
                let kept = await imap.takeUnsolicited()
                #expect(kept.contains(.exists(5)))
                #expect(kept.contains(.mailboxStatus(MailboxName(wire: "Sent"), MailboxStatus(messages: 1, uidNext: UID(2)))))

                try await imap.notify(.none)
            }
            let transcript = server.transcriptText()
            #expect(transcript.contains(
                "NOTIFY SET STATUS (selected (MessageNew (UID) MessageExpunge FlagChange)) "
                    + "(mailboxes (Archive Entw&APw-rfe) (MessageNew MessageExpunge FlagChange))"))
            #expect(transcript.contains("NOTIFY NONE"))
        }
    }

    @Test func notifyIsNotSentToAServerWithoutIt() async throws {
        try await ScriptedIMAPServer.withServer(.init(greeting: "* OK [CAPABILITY IMAP4rev1 IDLE] ready"),
                                                handler: Self.handler(IdleTag())) { server in
            let config = ConnectionConfiguration(host: server.host, port: server.port, security: .plain)
            try await IMAPConnection.withConnection(config) { imap in
                await #expect(throws: IMAPCommandError.self) { try await imap.notify(.none) }
                try await imap.noop()
            }
            #expect(!server.transcriptText().contains("NOTIFY"))
        }
    }
}
