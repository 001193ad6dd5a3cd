import IMAPClient
import IMAPCodec
import NIOCore
import NIOSSL
import TernTestSupport
import Testing

/// STARTTLS: plaintext a man in the middle appends after the server's OK must
/// never be taken as a post-TLS response (CVE-2011-0411 class).
@Suite(.enabled(if: DovecotServer.isAvailable)) struct StartTLSInjectionTests {
    @Test func bytesAfterTheTaggedOKAreDiscarded() async throws {
        let dovecot = try await DovecotServer.shared()
        let cert = dovecot.certificateFile, key = dovecot.keyFile
        let upgrade: ScriptedIMAPServer.TLSUpgrade = { channel in
            let tls = TLSConfiguration.makeServerConfiguration(
                certificateChain: try NIOSSLCertificate.fromPEMFile(cert).map { .certificate($0) },
                privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem)))
            let context = try NIOSSLContext(configuration: tls)
            try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context), position: .first)
        }
        let handler: ScriptedIMAPServer.Handler = { frame, conn in
            guard case .line = frame, let tag = frame.tag else { return }
            switch frame.command {
            case "STARTTLS":
                // The tagged OK and an injected response in one segment.
                try await conn.send("\(tag) OK Begin TLS now\r\n* CAPABILITY IMAP4rev1 INJECTED AUTH=EVIL\r\n")
                try await conn.startTLS()
            case "CAPABILITY":
                try await conn.sendLine("* CAPABILITY IMAP4rev1 AUTH=PLAIN")
                try await conn.sendLine("\(tag) OK done")
            default:
                try await conn.sendLine("\(tag) OK done")
            }
        }
        let greeting = "* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] hi"
        try await ScriptedIMAPServer.withServer(.init(greeting: greeting, tlsUpgrade: upgrade), handler: handler) { server in
            let config = ConnectionConfiguration(
                host: server.host, port: server.port, security: .startTLS, caFile: dovecot.caFile,
                useDefaultTrustRoots: false, connectTimeout: .seconds(30), commandTimeout: .seconds(30))
            let caps = try await IMAPConnection.withConnection(config) { imap in await imap.capabilities }
            #expect(caps.contains(Capability("AUTH=PLAIN")))
            #expect(!caps.contains(Capability("INJECTED")))
            #expect(!caps.contains(Capability("AUTH=EVIL")))
        }
    }
}
