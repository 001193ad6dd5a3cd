import Foundation
import Testing
@testable import TernTestSupport

@Suite(.enabled(if: DovecotServer.isAvailable, "Dovecot is not installed (Debian: dovecot-imapd)"))
struct DovecotServerTests {
    @Test func startsAnswersAndStops() async throws {
        let clock = ContinuousClock()
        let started = clock.now
        let server = try await DovecotServer.start()
        print("Dovecot start: \(started.duration(to: clock.now))")

        #expect(server.host == "127.0.0.1")
        #expect(server.plainPort != server.tlsPort)
        #expect(server.users.map(\.name) == ["alice", "bob", "carol"])
        #expect(server.password(for: "bob") == "secret-bob")
        #expect(FileManager.default.fileExists(atPath: server.caFile))
        #expect(FileManager.default.fileExists(atPath: server.maildir(for: "alice")))

        let greeting = try await RawIMAPConnection.withConnection(port: server.plainPort) { imap in
            try await imap.readResponse()
        }
        #expect(greeting.hasPrefix("* OK"))

        let stopping = clock.now
        try await server.stop()
        print("Dovecot stop: \(stopping.duration(to: clock.now))")
        #expect(!ServerRegistry.isRunningDovecot(pid: server.pid), "the master process is gone")
        #expect(!FileManager.default.fileExists(atPath: server.directory), "the temporary directory is removed")
        try await server.stop()  // idempotent

        await #expect(throws: (any Error).self) {
            try await RawIMAPConnection.withConnection(port: server.plainPort) { _ in }
        }
    }

    @Test func twoInstancesRunAtOnce() async throws {
        try await DovecotServer.withServer { first in
            try await DovecotServer.withServer(.init(userCount: 1)) { second in
                #expect(Set([first.plainPort, first.tlsPort, second.plainPort, second.tlsPort]).count == 4)
                #expect(first.directory != second.directory)
                for server in [first, second] {
                    let lines = try await RawIMAPConnection.withConnection(port: server.plainPort) { imap in
                        _ = try await imap.readResponse()
                        return try await imap.command("LOGIN alice secret-alice")
                    }
                    #expect(lines.last?.hasPrefix("t1 OK") == true)
                }
            }
        }
    }

    @Test func loginChecksThePasswordQuickly() async throws {
        let server = try await DovecotServer.shared()
        try await RawIMAPConnection.withConnection(port: server.plainPort) { imap in
            _ = try await imap.readResponse()
            let clock = ContinuousClock()
            let started = clock.now
            let wrong = try await imap.command("LOGIN carol not-her-password")
            let wrongAgain = try await imap.command("LOGIN carol still-wrong")
            let unknown = try await imap.command("LOGIN nobody secret-nobody")
            let elapsed = started.duration(to: clock.now)
            print("three failed logins: \(elapsed)")
            #expect(wrong.last?.hasPrefix("t1 NO [AUTHENTICATIONFAILED]") == true)
            #expect(wrongAgain.last?.hasPrefix("t2 NO") == true)
            #expect(unknown.last?.hasPrefix("t3 NO") == true)
            // Not a speed test (the figure is printed): Dovecot's default failure delay and
            // auth penalty would hold these three for 0.5 + 2 + 4 s at least.
            #expect(elapsed < .seconds(5), "no failure delay or auth penalty")

            let right = try await imap.command("LOGIN carol secret-carol")
            #expect(right.last?.hasPrefix("t4 OK") == true)
        }
    }

    @Test func manyQuickConnectionsAreNotThrottled() async throws {
        let server = try await DovecotServer.shared()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<30 {
                group.addTask {
                    try await RawIMAPConnection.withConnection(port: server.plainPort) { imap in
                        _ = try await imap.readResponse()
                        let lines = try await imap.command("LOGIN dave secret-dave")
                        #expect(lines.last?.hasPrefix("t1 OK") == true)
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    @Test func specialUseMailboxesExist() async throws {
        let server = try await DovecotServer.shared()
        let lines = try await RawIMAPConnection.withConnection(port: server.plainPort) { imap in
            _ = try await imap.readResponse()
            _ = try await imap.command("LOGIN erin secret-erin")
            return try await imap.command(#"LIST "" "*" RETURN (SPECIAL-USE)"#)
        }
        for (attribute, name) in [("\\Sent", "Sent"), ("\\Drafts", "Drafts"), ("\\Trash", "Trash"),
                                  ("\\Junk", "Junk"), ("\\Archive", "Archive")] {
            #expect(lines.contains { $0.hasPrefix("* LIST (") && $0.contains(attribute) && $0.hasSuffix(" \(name)") },
                    "\(name) is listed with \(attribute): \(lines)")
        }
    }

    @Test func capabilitiesIncludeIdleCondstoreAndQresync() async throws {
        let server = try await DovecotServer.shared()
        let capability = try await postLoginCapability(server, user: "frank")
        for name in ["IDLE", "CONDSTORE", "QRESYNC", "SPECIAL-USE", "UIDPLUS", "MOVE", "LITERAL+"] {
            #expect(capability.contains(name), "\(name) in \(capability)")
        }
        #expect(server.idleAdvertised)
    }

    @Test func noIdleServerDoesNotAdvertiseIdle() async throws {
        try await DovecotServer.withServer(.init(idle: false)) { server in
            #expect(!server.idleAdvertised)
            let greeting = try await RawIMAPConnection.withConnection(port: server.plainPort) { imap in
                try await imap.readResponse()
            }
            #expect(!greeting.contains(" IDLE"), "pre-login: \(greeting)")
            let capability = try await postLoginCapability(server, user: "alice")
            #expect(!capability.contains("IDLE"), "post-login: \(capability)")
            #expect(capability.contains("CONDSTORE") && capability.contains("QRESYNC"))
        }
    }

    @Test func implicitTLSPortCompletesAVerifiedHandshake() async throws {
        let server = try await DovecotServer.shared()
        let output = try await ProcessRunner.run("/usr/bin/env", [
            "openssl", "s_client", "-connect", "127.0.0.1:\(server.tlsPort)",
            "-CAfile", server.caFile, "-verify_return_error", "-verify_ip", "127.0.0.1",
        ])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("Verify return code: 0 (ok)"))
    }

    @Test func plainPortOffersStartTLS() async throws {
        let server = try await DovecotServer.shared()
        let output = try await ProcessRunner.run("/usr/bin/env", [
            "openssl", "s_client", "-connect", "127.0.0.1:\(server.plainPort)", "-starttls", "imap",
            "-CAfile", server.caFile, "-verify_return_error", "-verify_hostname", "localhost",
        ])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("Verify return code: 0 (ok)"))
    }

    @Test func wrongNameCertificateHasNoIPEntry() async throws {
        let server = try await DovecotServer.shared()
        let output = try await ProcessRunner.run("/usr/bin/env", [
            "openssl", "x509", "-in", server.wrongNameCertificateFile, "-noout", "-ext", "subjectAltName",
        ])
        #expect(output.stdout.contains("DNS:wrong.example"))
        #expect(!output.stdout.contains("IP Address"))
        let verify = try await ProcessRunner.run("/usr/bin/env", [
            "openssl", "verify", "-CAfile", server.caFile, server.wrongNameCertificateFile,
        ])
        #expect(verify.status == 0, "signed by the same CA: \(verify.stdout)\(verify.stderr)")
    }

    @Test func wrongCertificateOptionServesTheWrongName() async throws {
        try await DovecotServer.withServer(.init(userCount: 1, wrongNameCertificate: true)) { server in
            let output = try await ProcessRunner.run("/usr/bin/env", [
                "openssl", "s_client", "-connect", "127.0.0.1:\(server.tlsPort)",
                "-CAfile", server.caFile, "-verify_return_error", "-verify_ip", "127.0.0.1",
            ])
            #expect(output.status != 0, "verifying 127.0.0.1 against DNS:wrong.example must fail")
            #expect((output.stdout + output.stderr).contains("IP address mismatch"))
        }
    }

    @Test func sharedServerIsStartedOnceAndOutlivesStop() async throws {
        async let first = DovecotServer.shared()
        async let second = DovecotServer.shared()
        let servers = try await [first, second]
        #expect(servers[0].pid == servers[1].pid)
        #expect(servers[0].users.count == 10)
        try await servers[0].stop()
        #expect(ServerRegistry.isRunningDovecot(pid: servers[0].pid))
    }

    @Test func missingDovecotIsUnavailableOrALoudFailureUnderCI() async throws {
        do {
            let server = try await DovecotServer.start(.init(dovecotBinary: "/nonexistent/dovecot"))
            try await server.stop()
            Issue.record("started without Dovecot")
        } catch let error as DovecotServer.Unavailable {
            #expect(!DovecotServer.isCI)
            #expect(error.description.contains("dovecot-imapd"))
        } catch let error as DovecotServer.Failure {
            #expect(DovecotServer.isCI)
            #expect(error.description.contains("dovecot-imapd"))
        }
    }

    private func postLoginCapability(_ server: DovecotServer, user: String) async throws -> [String] {
        try await RawIMAPConnection.withConnection(port: server.plainPort) { imap in
            _ = try await imap.readResponse()
            _ = try await imap.command("LOGIN \(user) secret-\(user)")
            let lines = try await imap.command("CAPABILITY")
            return lines.first { $0.hasPrefix("* CAPABILITY ") }?.split(separator: " ").map(String.init) ?? []
        }
    }
}
