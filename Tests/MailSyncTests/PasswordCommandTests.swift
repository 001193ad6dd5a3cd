import Foundation
import Testing
@testable import MailSync

@Suite struct PasswordCommandTests {
    @Test func runsOnceAndKeepsTheFirstLine() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tern-pw-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let counter = dir.appendingPathComponent("runs").path
        let provider = PasswordCommand("echo x >> '\(counter)'; printf 'hunter2\\nsecond line\\n'")
        async let a = provider.credential()
        async let b = provider.credential()
        let (first, second) = try await (a, b)
        guard case .password(let p1) = first, case .password(let p2) = second else { Issue.record("not a password"); return }
        #expect(p1 == "hunter2" && p2 == "hunter2")
        #expect(try String(contentsOfFile: counter, encoding: .utf8) == "x\n", "concurrent first uses share one run")
        #expect(await provider.runs == 1)
    }

    @Test func reRunsAfterARejection() async throws {
        let provider = PasswordCommand("echo pw")
        let c = try await provider.credential()
        await provider.rejected(c)
        _ = try await provider.credential()
        #expect(await provider.runs == 2)
    }

    @Test func aFailingCommandSaysSoWithoutItsOutput() async throws {
        let provider = PasswordCommand("echo secret-on-stdout; echo 'gpg: decryption failed' >&2; exit 3")
        do {
            _ = try await provider.credential()
            Issue.record("expected a failure")
        } catch let error as CredentialError {
            #expect(error == .commandFailed(status: 3, message: "gpg: decryption failed"))
            #expect(!"\(error)".contains("secret-on-stdout"))
        }
    }

    @Test func credentialsDoNotPrintTheirSecret() {
        #expect(!"\(Credential.password("hunter2"))".contains("hunter2"))
        #expect(!"\(Credential.accessToken("ya29.token"))".contains("ya29"))
    }

    @Test func aCommandThatNeverEndsIsStopped() async throws {
        let provider = PasswordCommand("sleep 30; echo late", timeout: 0.3)
        do {
            _ = try await provider.credential()
            Issue.record("expected a failure")
        } catch let error as CredentialError {
            #expect("\(error)".contains("stopped after"))
        }
    }

    @Test func aCommandWritingMuchToStderrDoesNotStall() async throws {
        // More than a pipe buffer on stderr before the password on stdout.
        let provider = PasswordCommand("head -c 300000 /dev/zero | tr '\\0' x >&2; echo pw", timeout: 20)
        guard case .password(let password) = try await provider.credential() else { Issue.record("no password"); return }
        #expect(password == "pw")
    }
}
