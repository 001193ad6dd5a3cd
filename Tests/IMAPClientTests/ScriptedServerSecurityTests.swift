import IMAPClient
import IMAPCodec
import NIOCore
import NIOSSL
import TernTestSupport
import Testing

/// What a client must never do with credentials, proven against a scripted
/// server that records every byte.
@Suite struct ScriptedServerSecurityTests {
    /// Answers each command line with `respond(tag, command, line)`.
    static func responder(
        _ respond: @escaping @Sendable (String, String, String, ScriptedIMAPServer.Connection) async throws -> Void
    ) -> ScriptedIMAPServer.Handler {
        { frame, connection in
            guard case .line = frame, let tag = frame.tag else { return }
            try await respond(tag, frame.command ?? "", frame.text, connection)
        }
    }

    static func config(_ server: ScriptedIMAPServer, _ security: ConnectionConfiguration.Security = .plain,
                       timeout: TimeAmount = .seconds(30)) -> ConnectionConfiguration {
        ConnectionConfiguration(host: server.host, port: server.port, security: security,
                                useDefaultTrustRoots: false, connectTimeout: .seconds(30), commandTimeout: timeout)
    }

    static let standard = responder { tag, command, _, conn in
        switch command {
        case "CAPABILITY":
            try await conn.sendLine("* CAPABILITY IMAP4rev1 AUTH=PLAIN")
            try await conn.sendLine("\(tag) OK done")
        case "LOGIN", "AUTHENTICATE":
            try await conn.sendLine("\(tag) OK [CAPABILITY IMAP4rev1 IDLE] logged in")
        case "LOGOUT":
            try await conn.sendLine("* BYE bye")
            try await conn.sendLine("\(tag) OK bye")
            await conn.close()
        default:
            try await conn.sendLine("\(tag) OK \(command) done")
        }
    }

    @Test func garbageGreetingSendsNothing() async throws {
        try await ScriptedIMAPServer.withServer(.init(greeting: "HELLO this is not IMAP"), handler: Self.standard) { server in
            await #expect(throws: IMAPConnection.Error.self) {
                try await IMAPConnection.withConnection(Self.config(server)) { imap in
                    try await imap.login(username: "alice", password: "hunter2")
                }
            }
            #expect(!server.transcriptText().contains("hunter2"))
            #expect(!server.transcriptText().contains("LOGIN"))
        }
    }

    @Test func byeGreetingIsARejection() async throws {
        try await ScriptedIMAPServer.withServer(.init(greeting: "* BYE too many connections"), handler: Self.standard) { server in
            do {
                try await IMAPConnection.withConnection(Self.config(server)) { _ in }
                Issue.record("expected a rejection")
            } catch let error as IMAPConnection.Error {
                #expect(error == .rejected("too many connections"))
            }
        }
    }

    @Test func startTLSMissingRefusesBeforeCredentials() async throws {
        try await ScriptedIMAPServer.withServer(.init(greeting: "* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] hi"),
                                                handler: Self.standard) { server in
            do {
                try await IMAPConnection.withConnection(Self.config(server, .startTLS)) { imap in
                    try await imap.login(username: "alice", password: "hunter2")
                }
                Issue.record("expected STARTTLS to be required")
            } catch let error as IMAPConnection.Error {
                #expect(error == .startTLSUnavailable)
            }
            #expect(!server.transcriptText().contains("hunter2"))
        }
    }

    @Test func preauthOnAConnectionThatNeedsTLSIsRefused() async throws {
        try await ScriptedIMAPServer.withServer(.init(greeting: "* PREAUTH [CAPABILITY IMAP4rev1 STARTTLS] welcome"),
                                                handler: Self.standard) { server in
            do {
                try await IMAPConnection.withConnection(Self.config(server, .startTLS)) { _ in }
                Issue.record("expected PREAUTH to be refused")
            } catch let error as IMAPConnection.Error {
                #expect(error == .preauthWithoutTLS)
            }
        }
    }

    @Test func loginDisabledIsNeverSent() async throws {
        try await ScriptedIMAPServer.withServer(.init(greeting: "* OK [CAPABILITY IMAP4rev1 LOGINDISABLED] hi"),
                                                handler: Self.standard) { server in
            do {
                try await IMAPConnection.withConnection(Self.config(server)) { imap in
                    try await imap.login(username: "alice", password: "hunter2")
                }
                Issue.record("expected LOGIN to be refused")
            } catch let error as IMAPConnection.Error {
                #expect(error == .loginDisabled)
            }
            #expect(!server.transcriptText().contains("LOGIN alice"))
            #expect(!server.transcriptText().contains("hunter2"))
        }
    }

    @Test func plainToARemoteHostIsRefusedWithoutConnecting() async throws {
        let config = ConnectionConfiguration(host: "mail.example.com", port: 143, security: .plain)
        do {
            try await IMAPConnection.withConnection(config) { _ in }
            Issue.record("expected refusal")
        } catch let error as IMAPConnection.Error {
            #expect(error == .insecureTransportRefused(host: "mail.example.com"))
        }
    }

    actor PendingTag {
        var tag: String?
        func set(_ value: String?) { tag = value }
    }

    @Test func passwordWithSpecialCharactersUsesASynchronisingLiteral() async throws {
        let pending = PendingTag()
        let handler: ScriptedIMAPServer.Handler = { frame, conn in
            guard case .line(let bytes) = frame else { return }
            let text = String(decoding: bytes, as: UTF8.self)
            if text.hasSuffix("}"), let tag = frame.tag {
                await pending.set(tag)
                try await conn.sendLine("+ go ahead")
            } else if let tag = await pending.tag {
                // The rest of the LOGIN line, after the literal.
                await pending.set(nil)
                try await conn.sendLine("\(tag) OK [CAPABILITY IMAP4rev1] logged in")
            } else if let tag = frame.tag {
                try await conn.sendLine("\(tag) OK done")
            }
        }
        try await ScriptedIMAPServer.withServer(.init(greeting: "* OK [CAPABILITY IMAP4rev1] hi"), handler: handler) { server in
            try await IMAPConnection.withConnection(Self.config(server)) { imap in
                try await imap.login(username: "alice", password: "pa\"ss\r\nwörd")
                #expect(await imap.isAuthenticated)
            }
            let clientText = server.transcript.filter { $0.direction == .clientToServer }.map(\.text).joined()
            #expect(clientText.contains("T1 LOGIN alice {12}\r\n"))
            #expect(clientText.contains("pa\"ss\r\nwörd"))
        }
    }

    @Test func closedConnectionFailsPendingAndLaterCalls() async throws {
        let handler = Self.responder { tag, command, _, conn in
            if command == "NOOP" { await conn.close() } else { try await conn.sendLine("\(tag) OK") }
        }
        try await ScriptedIMAPServer.withServer(.init(greeting: "* OK [CAPABILITY IMAP4rev1] hi"), handler: handler) { server in
            try await IMAPConnection.withConnection(Self.config(server)) { imap in
                await #expect(throws: IMAPConnection.Error.self) { try await imap.noop() }
                await #expect(throws: IMAPConnection.Error.self) { try await imap.noop() }
                #expect(await imap.isOpen == false)
            }
        }
    }

    @Test func silentServerTimesOut() async throws {
        let handler = Self.responder { _, _, _, _ in }  // never answers
        try await ScriptedIMAPServer.withServer(.init(greeting: "* OK [CAPABILITY IMAP4rev1] hi"), handler: handler) { server in
            let clock = ContinuousClock()
            let start = clock.now
            do {
                try await IMAPConnection.withConnection(Self.config(server, timeout: .milliseconds(300))) { imap in
                    try await imap.noop()
                }
                Issue.record("expected a timeout")
            } catch let error as IMAPConnection.Error {
                guard case .timeout(let reason) = error else { Issue.record("got \(error)"); return }
                #expect(reason.contains("within 300 ms"), "the configured timeout, not the 60 s default")
            }
            // Well under the 60 s default. The bound is loose because CPU-heavy
            // suites can hold both cooperative threads while the error travels.
            #expect(clock.now - start < .seconds(30))
        }
    }

    @Test func malformedResponseIsAProtocolViolation() async throws {
        let handler = Self.responder { _, _, _, conn in
            try await conn.sendLine("* 1 FETCH (UID banana)")
        }
        try await ScriptedIMAPServer.withServer(.init(greeting: "* OK [CAPABILITY IMAP4rev1] hi"), handler: handler) { server in
            do {
                try await IMAPConnection.withConnection(Self.config(server)) { imap in
                    try await imap.noop()
                }
                Issue.record("expected a protocol violation")
            } catch let error as IMAPConnection.Error {
                guard case .protocolViolation = error else { Issue.record("got \(error)"); return }
            }
        }
    }

    @Test func hostileLiteralSizeFailsFast() async throws {
        let handler = Self.responder { _, _, _, conn in
            try await conn.sendLine("* 1 FETCH (BODY[] {999999999}")
        }
        try await ScriptedIMAPServer.withServer(.init(greeting: "* OK [CAPABILITY IMAP4rev1] hi"), handler: handler) { server in
            do {
                try await IMAPConnection.withConnection(Self.config(server)) { imap in try await imap.noop() }
                Issue.record("expected the literal to be refused")
            } catch let error as IMAPConnection.Error {
                guard case .protocolViolation(.literalTooLarge) = error else { Issue.record("got \(error)"); return }
            }
        }
    }

    @Test func drainingAnAbandonedFetchKeepsFlagUpdates() async throws {
        struct Stop: Error {}
        let handler = Self.responder { tag, command, _, conn in
            if command == "UID" {
                for i in 1...10 { try await conn.sendLine("* \(i) FETCH (UID \(i) FLAGS ())") }
                try await conn.sendLine("* 3 FETCH (FLAGS (\\Seen))")  // changed elsewhere meanwhile
            }
            try await conn.sendLine("\(tag) OK done")
        }
        try await ScriptedIMAPServer.withServer(.init(greeting: "* OK [CAPABILITY IMAP4rev1] hi"), handler: handler) { server in
            try await IMAPConnection.withConnection(Self.config(server)) { imap in
                await #expect(throws: Stop.self) {
                    try await imap.uidFetch(.all, items: [.uid, .flags]) { _ in throw Stop() }
                }
                try await imap.noop()
                #expect(await imap.takeUnsolicited() == [.fetch(SequenceNumber(3), [.flags([.seen])])])
            }
        }
    }

    @Test func handlerErrorIsRethrownUnchangedAndConnectionStaysUsable() async throws {
        struct Stop: Error, Equatable {}
        let handler = Self.responder { tag, command, _, conn in
            if command == "UID" {
                for i in 1...50 { try await conn.sendLine("* \(i) FETCH (UID \(i) FLAGS ())") }
            }
            try await conn.sendLine("\(tag) OK done")
        }
        try await ScriptedIMAPServer.withServer(.init(greeting: "* OK [CAPABILITY IMAP4rev1] hi"), handler: handler) { server in
            try await IMAPConnection.withConnection(Self.config(server)) { imap in
                var seen = 0
                await #expect(throws: Stop.self) {
                    try await imap.uidFetch(.all, items: [.uid, .flags]) { _ in
                        seen += 1
                        if seen == 3 { throw Stop() }
                    }
                }
                #expect(seen == 3)
                try await imap.noop()  // drains the rest of the FETCH first
                #expect(await imap.takeUnsolicited().isEmpty)
            }
        }
    }

    @Test func batchedFetchHandsOverFullBatchesInOrderThenTheRest() async throws {
        struct Stop: Error, Equatable {}
        let handler = Self.responder { tag, command, _, conn in
            if command == "UID" {
                for i in 1...23 { try await conn.sendLine("* \(i) FETCH (UID \(i) FLAGS ())") }
                try await conn.sendLine("* 4 FETCH (FLAGS (\\Seen))")  // unsolicited: no UID, not handed over
            }
            try await conn.sendLine("\(tag) OK done")
        }
        try await ScriptedIMAPServer.withServer(.init(greeting: "* OK [CAPABILITY IMAP4rev1] hi"), handler: handler) { server in
            try await IMAPConnection.withConnection(Self.config(server)) { imap in
                var batches: [[UInt32]] = []
                let summary = try await imap.uidFetch(.all, items: [.uid, .flags], batchSize: 10) { batch in
                    batches.append(batch.compactMap { $0.uid?.rawValue })
                }
                #expect(batches.map(\.count) == [10, 10, 3])
                #expect(batches.flatMap { $0 } == Array(1...23))
                #expect(summary.messages == 23)
                #expect(await imap.takeUnsolicited() == [.fetch(SequenceNumber(4), [.flags([.seen])])])

                // A batch handler's error is rethrown unchanged; the connection stays usable.
                var calls = 0
                await #expect(throws: Stop.self) {
                    try await imap.uidFetch(.all, items: [.uid, .flags], batchSize: 10) { _ in
                        calls += 1
                        throw Stop()
                    }
                }
                #expect(calls == 1)
                try await imap.noop()
            }
        }
    }
}
