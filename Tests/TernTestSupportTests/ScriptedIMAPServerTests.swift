import NIOCore
import Testing
@testable import TernTestSupport

struct ScriptedIMAPServerTests {
    /// Answers LOGIN (with literals) and LOGOUT; says nothing to anything else.
    static func loginHandler() -> ScriptedIMAPServer.Handler {
        let currentTag = LockedBox("*")
        return { frame, connection in
            guard case .line = frame else { return }
            if let tag = frame.tag, frame.command != nil {
                currentTag.withLock { $0 = tag }
            }
            if let size = frame.announcedLiteral {
                if !frame.text.hasSuffix("+}") {
                    try await connection.sendLine("+ ready for \(size)")
                }
                return
            }
            let tag = currentTag.withLock { $0 }
            if frame.command == "LOGOUT" {
                try await connection.send("* BYE bye\r\n\(tag) OK LOGOUT completed\r\n")
                await connection.close()
            } else if frame.command == "NOOP" {
                // Silent on purpose: a server that stopped answering.
            } else {
                try await connection.sendLine("\(tag) OK LOGIN completed")
            }
        }
    }

    @Test func recordsTheTranscriptWithLiteralsInWireOrder() async throws {
        try await ScriptedIMAPServer.withServer(handler: Self.loginHandler()) { server in
            try await RawIMAPConnection.withConnection(port: server.port) { imap in
                #expect(try await imap.readResponse().hasPrefix("* OK"))
                try await imap.send("a1 LOGIN {5}\r\n")
                #expect(try await imap.readResponse() == "+ ready for 5")
                try await imap.send("alice {6+}\r\nsecret\r\n")
                #expect(try await imap.readResponse() == "a1 OK LOGIN completed")
                try await imap.send("a2 LOGOUT\r\n")
                #expect(try await imap.readResponse() == "* BYE bye")
                #expect(try await imap.readResponse() == "a2 OK LOGOUT completed")
                await #expect(throws: RawIMAPConnection.Failure.closed) { try await imap.readFrame() }
            }
            #expect(server.transcriptText() == """
                S: * OK [CAPABILITY IMAP4rev1 LITERAL+] ScriptedIMAPServer ready
                C: a1 LOGIN {5}
                S: + ready for 5
                C: alice
                C:  {6+}
                C: secret
                C: 
                S: a1 OK LOGIN completed
                C: a2 LOGOUT
                S: * BYE bye
                S: a2 OK LOGOUT completed
                """)
            #expect(server.transcript.filter { $0.direction == .clientToServer }.map(\.text)
                == ["a1 LOGIN {5}\r\n", "alice", " {6+}\r\n", "secret", "\r\n", "a2 LOGOUT\r\n"])
            #expect(server.connectionCount == 1)
            #expect(server.handlerErrors.isEmpty)
        }
    }

    @Test func aSilentServerTimesTheReaderOut() async throws {
        try await ScriptedIMAPServer.withServer(handler: Self.loginHandler()) { server in
            try await RawIMAPConnection.withConnection(port: server.port) { imap in
                _ = try await imap.readResponse()
                try await imap.send("a1 NOOP\r\n")
                await #expect(throws: RawIMAPConnection.Failure.timedOut) {
                    try await imap.readFrame(timeout: .milliseconds(200))
                }
            }
            try await server.waitForTranscript { $0.contains { $0.text == "a1 NOOP\r\n" } }
        }
    }

    @Test func aConnectionClosedInsideALiteralLeavesTheRest() async throws {
        let configuration = ScriptedIMAPServer.Configuration(greeting: nil, onConnect: { connection in
            try await connection.send("* 1 FETCH (BODY[] {100}\r\nonly a part")
            await connection.close()
        })
        try await ScriptedIMAPServer.withServer(configuration, handler: { _, _ in }) { server in
            try await RawIMAPConnection.withConnection(port: server.port) { imap in
                let announcement = try await imap.readFrame()
                let rest = try await imap.readFrame()
                #expect(announcement == .line(Array("* 1 FETCH (BODY[] {100}".utf8)))
                #expect(rest == .unterminated(Array("only a part".utf8)))
                await #expect(throws: RawIMAPConnection.Failure.closed) { try await imap.readFrame() }
            }
        }
    }

    @Test func numbersConnectionsInTheTranscript() async throws {
        try await ScriptedIMAPServer.withServer(handler: Self.loginHandler()) { server in
            for _ in 0..<2 {
                try await RawIMAPConnection.withConnection(port: server.port) { imap in
                    _ = try await imap.readResponse()
                    _ = try await imap.command("LOGOUT")
                }
            }
            #expect(server.connectionCount == 2)
            #expect(server.transcriptText(connection: 2).hasPrefix("S: * OK"))
            #expect(server.transcriptText().contains("2 C: t1 LOGOUT"))
        }
    }

    @Test func startTLSRunsTheUpgradeOnTheEventLoopAfterTheOK() async throws {
        let calls = LockedBox<[Bool]>([])
        let configuration = ScriptedIMAPServer.Configuration(tlsUpgrade: { channel in
            calls.withLock { $0.append(channel.eventLoop.inEventLoop) }
        })
        try await ScriptedIMAPServer.withServer(configuration, handler: { frame, connection in
            if frame.command == "STARTTLS" {
                try await connection.sendLine("\(frame.tag ?? "*") OK Begin TLS negotiation now")
                try await connection.startTLS()
            }
        }) { server in
            try await RawIMAPConnection.withConnection(port: server.port) { imap in
                _ = try await imap.readResponse()
                let lines = try await imap.command("STARTTLS")
                #expect(lines == ["t1 OK Begin TLS negotiation now"])
            }
            try await server.waitForTranscript { _ in calls.withLock { !$0.isEmpty } }
            #expect(calls.withLock { $0 } == [true])
        }
    }

    @Test func implicitTLSNeedsAnUpgrade() async throws {
        await #expect(throws: ScriptedIMAPServer.Failure.noTLSUpgrade) {
            try await ScriptedIMAPServer.withServer(.init(implicitTLS: true), handler: { _, _ in }) { _ in }
        }
    }
}
