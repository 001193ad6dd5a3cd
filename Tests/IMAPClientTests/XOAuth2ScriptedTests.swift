@testable import IMAPClient
import IMAPCodec
import NIOCore
import TernTestSupport
import Testing

/// XOAUTH2 end to end against a scripted server that behaves like Gmail:
/// SASL-IR accepted, a bad token answered with a base64 JSON continuation,
/// which the client must acknowledge with an empty line before the NO.
@Suite struct XOAuth2ScriptedTests {
    static let greeting = "* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=XOAUTH2 AUTH=PLAIN] Gimap ready"
    static let goodToken = "ya29.good-token"
    // {"status":"401","schemes":"bearer","scope":"https://mail.google.com/"}
    static let errorJSON = "eyJzdGF0dXMiOiI0MDEiLCJzY2hlbWVzIjoiYmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS8ifQ=="

    actor State {
        var awaitingAck: String?
        func set(_ tag: String?) { awaitingAck = tag }
    }

    static func handler(_ state: State) -> ScriptedIMAPServer.Handler {
        { frame, conn in
            guard case .line(let bytes) = frame else { return }
            let text = String(decoding: bytes, as: UTF8.self)
            if let tag = await state.awaitingAck {
                // The client's answer to the error continuation must be an empty line.
                await state.set(nil)
                let status = text.isEmpty ? "NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)" : "BAD expected an empty line"
                try await conn.sendLine("\(tag) \(status)")
                return
            }
            guard let tag = frame.tag else { return }
            switch frame.command {
            case "AUTHENTICATE":
                let parts = text.split(separator: " ")
                guard parts.count == 4, parts[2] == "XOAUTH2" else {
                    try await conn.sendLine("\(tag) BAD expected SASL-IR"); return
                }
                let expected = "user=me@gmail.com\u{1}auth=Bearer \(goodToken)\u{1}\u{1}"
                if String(parts[3]) == Base64.encode(Array(expected.utf8)) {
                    try await conn.sendLine("\(tag) OK [CAPABILITY IMAP4rev1 IDLE X-GM-EXT-1] me@gmail.com authenticated (Success)")
                } else {
                    await state.set(tag)
                    try await conn.sendLine("+ \(errorJSON)")
                }
            case "LOGOUT":
                try await conn.sendLine("* BYE LOGOUT Requested")
                try await conn.sendLine("\(tag) OK 73 good day (Success)")
            default:
                try await conn.sendLine("\(tag) OK Success")
            }
        }
    }

    @Test func acceptedToken() async throws {
        try await ScriptedIMAPServer.withServer(.init(greeting: Self.greeting), handler: Self.handler(State())) { server in
            let config = ConnectionConfiguration(host: server.host, port: server.port, security: .plain)
            try await IMAPConnection.withConnection(config) { imap in
                try await imap.authenticate(.xoauth2(username: "me@gmail.com", accessToken: Self.goodToken))
                #expect(await imap.isAuthenticated)
                #expect(await imap.capabilities.contains(.gmailExtensions))
            }
        }
    }

    @Test func rejectedTokenAcknowledgesTheErrorContinuation() async throws {
        try await ScriptedIMAPServer.withServer(.init(greeting: Self.greeting), handler: Self.handler(State())) { server in
            let config = ConnectionConfiguration(host: server.host, port: server.port, security: .plain)
            try await IMAPConnection.withConnection(config) { imap in
                do {
                    try await imap.authenticate(.xoauth2(username: "me@gmail.com", accessToken: "ya29.expired-secret"))
                    Issue.record("a bad token must be rejected")
                } catch let error as IMAPCommandError {
                    #expect(error.isAuthenticationFailure)
                    #expect(error.text.code == .authenticationFailed)
                    #expect(error.description.contains("\"status\":\"401\""), "the server's reason is kept")
                    #expect(!error.description.contains("expired-secret"), "the token never reaches an error")
                }
                #expect(await !imap.isAuthenticated)
                try await imap.noop()  // still in step with the server
            }
            #expect(!server.transcriptText().contains("BAD expected"))
        }
    }
}
