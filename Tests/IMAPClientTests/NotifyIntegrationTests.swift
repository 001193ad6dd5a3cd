import IMAPClient
import IMAPCodec
import NIOCore
import TernTestSupport
import Testing

/// NOTIFY (RFC 5465) against a real Dovecot: one connection watches INBOX
/// (selected) and Archive while another delivers mail.
///
/// Dovecot holds a change about half a second before it tells an idling
/// client (measured: STATUS and EXISTS 0.5 s after the APPEND's OK), so
/// every wait below is generous (15 s for IDLE, 10 s of NOOP polling).
@Suite(.enabled(if: DovecotServer.isAvailable)) struct NotifyIntegrationTests {
    static let archive = MailboxName(wire: "Archive")

    /// `NOTIFY SET (selected (MessageNew (UID) MessageExpunge FlagChange))
    /// (mailboxes Archive (MessageNew MessageExpunge FlagChange))`.
    static let watchInboxAndArchive = NotifyRequest.set(status: false, groups: [
        NotifyEventGroup(.selected, NotifyEvent.messageEvents, messageNewAttributes: [.uid]),
        NotifyEventGroup(.mailboxes([archive]), NotifyEvent.messageEvents),
    ])

    static func message(_ index: Int) -> ByteBuffer {
        ByteBuffer(bytes: MessageFactory(seed: 5465).message(index).raw)
    }

    /// Ends IDLE after `seconds` unless cancelled first, so that a missing
    /// event fails the test instead of hanging it.
    static func watchdog(_ imap: IMAPConnection, seconds: Int) -> Task<Void, Never> {
        Task {
            do { try await Task.sleep(for: .seconds(seconds)) } catch { return }
            try? await imap.done()
        }
    }

    @Test func idleHearsOtherMailboxesAsStatus() async throws {
        try await DovecotServer.withServer(DovecotServer.Options(userCount: 1)) { server in
            try await server.withSession("alice") { watcher in
                #expect(await watcher.capabilities.contains(.notify))
                let before = try await watcher.select(.inbox).exists
                let archiveBefore = try await watcher.status(Self.archive, [.messages, .uidNext])
                try await watcher.notify(Self.watchInboxAndArchive)
                #expect(await watcher.notifyRequest == Self.watchInboxAndArchive)
                try await watcher.idle()

                let (archiveUID, inboxUID) = try await server.withSession("alice") { other in
                    let archived = try await other.append(Self.message(0), to: Self.archive)
                    let delivered = try await other.append(Self.message(1), to: .inbox)
                    return (archived?.1, delivered?.1)
                }

                var archiveStatus: MailboxStatus?
                var exists: Int?
                var fetchedUIDs: [UID] = []
                var others: [UntaggedResponse] = []
                let watchdog = Self.watchdog(watcher, seconds: 15)
                for try await event in watcher.idleEvents() {
                    switch event {
                    case .mailboxStatus(let name, let status) where name == Self.archive:
                        archiveStatus = status
                    case .exists(let n):
                        exists = n
                    case .fetch(let seq, let attributes):
                        if let uid = FetchedMessage(sequenceNumber: seq, attributes: attributes).uid { fetchedUIDs.append(uid) }
                    default:
                        others.append(event)
                    }
                    if archiveStatus != nil, exists != nil, !fetchedUIDs.isEmpty {
                        try await watcher.done()
                    }
                }
                watchdog.cancel()
                #expect(await !watcher.isIdling)

                // Archive: an untagged STATUS, with the new count and UIDNEXT.
                let status = try #require(archiveStatus, "no STATUS for Archive; other events: \(others)")
                #expect(status.messages == (archiveBefore.messages ?? 0) + 1)
                let appended = try #require(archiveUID)
                #expect(status.uidNext == UID(appended.rawValue + 1))
                if let previous = archiveBefore.uidNext, let now = status.uidNext { #expect(now > previous) }
                // INBOX (selected): EXISTS, and the FETCH (UID) asked for with MessageNew.
                #expect(exists == before + 1)
                let delivered = try #require(inboxUID)
                #expect(fetchedUIDs == [delivered])

                // The connection works on, and NOTIFY NONE is accepted.
                try await watcher.notify(.none)
                #expect(await watcher.notifyRequest == nil)
                try await watcher.noop()
            }
        }
    }

    @Test func statusBaselineNoneAndBadEvent() async throws {
        try await DovecotServer.withServer(DovecotServer.Options(userCount: 1)) { server in
            try await server.withSession("alice") { imap in
                try await server.withSession("alice") { other in
                    _ = try await other.append(Self.message(2), to: MailboxName(wire: "Sent"))
                }
                // NOTIFY SET STATUS: a STATUS for each watched mailbox, returned.
                let watched = [Self.archive, MailboxName(wire: "Sent")]
                let request = NotifyRequest.set(status: true, groups: [
                    NotifyEventGroup(.mailboxes(watched), [.messageNew, .messageExpunge]),
                ])
                let statuses = try await imap.notify(request)
                #expect(Set(statuses.keys).isSuperset(of: watched), "got \(statuses)")
                #expect(statuses[MailboxName(wire: "Sent")]?.messages == 1)
                #expect(statuses[Self.archive]?.messages == 0)

                // An event Dovecot lacks: NO [BADEVENT …], and the registration stays.
                do {
                    try await imap.notify(.set(status: false, groups: [
                        NotifyEventGroup(.personal, [.messageNew, .messageExpunge, .annotationChange]),
                    ]))
                    Issue.record("AnnotationChange should be refused")
                } catch let error as IMAPCommandError {
                    #expect(error.state == .no)
                    #expect(error.text.code == .badEvent([.annotationChange]))
                }
                #expect(await imap.notifyRequest == request)

                try await imap.notify(.none)
                #expect(await imap.notifyRequest == nil)
                try await imap.noop()
            }
        }
    }

    @Test func withoutIdleEventsWaitAsUnsolicited() async throws {
        try await DovecotServer.withServer(DovecotServer.Options(userCount: 1)) { server in
            try await server.withSession("alice") { watcher in
                _ = try await watcher.select(.inbox)
                try await watcher.notify(Self.watchInboxAndArchive)
                _ = await watcher.takeUnsolicited()
                try await server.withSession("alice") { other in
                    _ = try await other.append(Self.message(3), to: Self.archive)
                }
                // NOOP collects what the server queued; poll for up to 10 s.
                var found: MailboxStatus?
                for _ in 0..<40 where found == nil {
                    try await watcher.noop()
                    for case .mailboxStatus(let name, let status) in await watcher.takeUnsolicited() where name == Self.archive {
                        found = status
                    }
                    if found == nil { try await Task.sleep(for: .milliseconds(250)) }
                }
                #expect(try #require(found).messages == 1)
                // A STATUS command is not fooled by a notification for another mailbox.
                let sent = try await watcher.status(MailboxName(wire: "Sent"), [.messages])
                #expect(sent.messages == 0)
            }
        }
    }
}
