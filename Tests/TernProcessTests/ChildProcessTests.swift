import Foundation
import Testing
import TernProcess

@Suite struct ChildProcessTests {
    @Test func capturesBothOutputsAndTheExitStatus() async throws {
        let output = try await ChildProcess.run("/bin/sh", ["-c", "echo out; echo err >&2; exit 3"])
        #expect(output.termination == .exited(3))
        #expect(output.stdoutText == "out\n")
        #expect(output.stderrText == "err\n")
        #expect(!output.timedOut)
    }

    @Test func aNameIsLookedUpInThePath() async throws {
        let output = try await ChildProcess.run("printf", ["%s", "found"])
        #expect(output.termination.succeeded && output.stdoutText == "found")
    }

    @Test func aMissingProgramIsAStartError() async throws {
        await #expect(throws: ChildProcessError.self) {
            _ = try await ChildProcess.run("/nonexistent/program")
        }
    }

    @Test func aSignalIsReported() async throws {
        let output = try await ChildProcess.run("/bin/sh", ["-c", "kill -KILL $$"])
        #expect(output.termination == .signalled(SIGKILL))
    }

    @Test func muchOutputOnBothPipesDoesNotStall() async throws {
        let script = "head -c 300000 /dev/zero | tr '\\0' e >&2; head -c 300000 /dev/zero | tr '\\0' o"
        let output = try await ChildProcess.run("/bin/sh", ["-c", script], timeout: .seconds(30))
        #expect(output.termination.succeeded)
        #expect(output.stdout.count == 300_000 && output.stderr.count == 300_000)
    }

    /// A command that outlives its timeout is stopped with what it started: a grandchild
    /// that holds the output pipe does not keep the caller waiting.
    @Test func aTimeoutStopsTheWholeProcessGroup() async throws {
        let clock = ContinuousClock()
        let started = clock.now
        let output = try await ChildProcess.run("/bin/sh", ["-c", "sleep 30 & sleep 30; echo late"],
                                                timeout: .milliseconds(200))
        #expect(output.timedOut)
        #expect(output.termination == .signalled(SIGTERM))
        #expect(output.stdoutText.isEmpty)
        // Well under the 30 s the grandchild sleeps, even on a machine busy with other tests.
        #expect(started.duration(to: clock.now) < .seconds(25))
    }

    /// A child that ignores SIGTERM is killed after the grace period.
    @Test func aChildIgnoringSIGTERMIsKilled() async throws {
        let output = try await ChildProcess.run("/bin/sh", ["-c", "trap '' TERM; sleep 30"],
                                                timeout: .milliseconds(100), grace: .milliseconds(100))
        #expect(output.timedOut)
        #expect(output.termination == .signalled(SIGKILL))
    }

    /// A descriptor this process opened without O_CLOEXEC does not reach the child, and
    /// the child starts with no ignored signal (this process ignores SIGPIPE).
    @Test func theChildInheritsNoDescriptorAndNoIgnoredSignal() async throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        // Far above what ls opens for itself, so that only inheritance can put it there.
        let leaky = fcntl(ends[1], F_DUPFD, 900)
        defer { (ends + [leaky]).forEach { close($0) } }
        #expect(leaky >= 900)
        let fds = try await ChildProcess.run("/bin/ls", ["/proc/self/fd"])
        let open = Set(fds.stdoutText.split(separator: "\n").compactMap { Int32($0) })
        #expect(!open.contains(leaky), "open in the child: \(open.sorted())")

        let status = try await ChildProcess.run("/bin/cat", ["/proc/self/status"])
        let line = status.stdoutText.split(separator: "\n").first { $0.hasPrefix("SigIgn:") }
        let mask = line.flatMap { UInt64($0.dropFirst("SigIgn:".count).trimmingCharacters(in: .whitespaces), radix: 16) }
        // Signals 1-31 (bit n-1); glibc keeps two real-time signals of its own ignored.
        #expect(mask.map { $0 & 0x7fff_ffff } == 0, "\(line ?? "no SigIgn line")")
    }

    @Test func aSpawnedChildIsWaitedForAndSignalled() async throws {
        let child = try ChildProcess.spawn("/bin/sleep", ["30"])
        let early = await child.wait(timeout: .milliseconds(50))
        #expect(early == nil, "still running, but: \(early.map(String.init(describing:)) ?? "")")
        child.signal(SIGTERM)
        let ended = await child.wait(timeout: .seconds(10))
        #expect(ended == .signalled(SIGTERM), "\(ended.map(String.init(describing:)) ?? "still running")")
        #expect(await child.wait() == ended, "a second wait gets the same answer")
    }

    @Test func aSpawnedChildWritesToAFile() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tern-child-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let child = try ChildProcess.spawn("/bin/sh", ["-c", "echo one; echo two"], stdout: .file(path))
        #expect(await child.wait() == .exited(0))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "one\ntwo\n")
    }

    /// Many commands at once all finish: none waits on another's pipe or exit.
    @Test func manyConcurrentCommandsAllFinish() async throws {
        let outputs = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<40 {
                group.addTask { try await ChildProcess.run("/bin/echo", ["\(index)"], timeout: .seconds(60)).stdoutText }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(Set(outputs) == Set((0..<40).map { "\($0)\n" }))
    }
}
