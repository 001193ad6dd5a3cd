import Foundation
import TernProcess

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Dovecot servers this process started and has not stopped, so that none outlives
/// the test run.
///
/// Three layers keep `swift test` from leaking Dovecot processes:
/// 1. ``DovecotServer/stop()`` stops a server (``stop(directory:)``) and unregisters it;
/// 2. an `atexit` handler, installed with the first registration, sends SIGTERM to every
///    master still registered when the process exits normally (Swift Testing and XCTest
///    both end with `exit`), waits for them (killing their process groups after ten
///    seconds), and removes the temporary directories;
/// 3. for a crash or SIGKILL, where `atexit` never runs, `Scripts/imap-server start
///    --parent-pid` leaves a watchdog that stops the server within a second of this
///    process disappearing.
enum ServerRegistry {
    struct Entry: Sendable {
        var pid: Int32
        var directory: String
        var removeDirectory: Bool
    }

    private static let entries = LockedBox<[String: Entry]>([:])

    private static let atExitInstalled: Bool = {
        atexit { ServerRegistry.stopAll() }
        return true
    }()

    /// `TERN_KEEP_IMAP_DIR=1` keeps instance directories (logs, mail) for debugging;
    /// `Scripts/imap-server`'s watchdog reads the same variable.
    static var keepsDirectories: Bool {
        ProcessInfo.processInfo.environment["TERN_KEEP_IMAP_DIR"] == "1"
    }

    static func register(pid: Int32, directory: String, removeDirectory: Bool) {
        precondition(atExitInstalled)
        entries.withLock {
            $0[directory] = Entry(pid: pid, directory: directory, removeDirectory: removeDirectory)
        }
    }

    /// Stops the server registered for `directory` (see ``stop(_:)``) and forgets it;
    /// does nothing when none is registered (it was stopped already). The waiting runs
    /// on a thread of its own, not the Swift concurrency pool.
    static func stop(directory: String) async {
        guard let entry = entries.withLock({ $0[directory] }) else { return }
        await onDedicatedThread { stop([entry]) }
        // Forgotten only now, so that a process exiting meanwhile still stops it at exit.
        _ = entries.withLock { $0.removeValue(forKey: directory) }
    }

    /// Stops every registered server; runs at process exit.
    static func stopAll() {
        let running = entries.withLock { entries in
            defer { entries = [:] }
            return Array(entries.values)
        }
        stop(running)
    }

    /// Sends SIGTERM to every master in `servers` that is still running and waits for
    /// them, then removes the temporary directories (unless ``keepsDirectories``).
    private static func stop(_ servers: [Entry]) {
        let masters = servers.filter { isRunningDovecot(pid: $0.pid) }
        for entry in masters {
            kill(entry.pid, SIGTERM)
        }
        // A master with many connections can take a few seconds to shut down on a busy
        // machine; after ten, it and its children (its process group) are killed.
        let deadline = Date().addingTimeInterval(10)
        while masters.contains(where: { isRunningDovecot(pid: $0.pid) }) && Date() < deadline {
            usleep(20_000)
        }
        for entry in masters where isRunningDovecot(pid: entry.pid) {
            kill(-entry.pid, SIGKILL)
        }
        guard !keepsDirectories else { return }
        for entry in servers where entry.removeDirectory {
            try? FileManager.default.removeItem(atPath: entry.directory)
        }
    }

    /// Whether `pid` is a live Dovecot master. The name check guards against pid reuse;
    /// the state check treats a zombie as gone (a daemon is reparented to pid 1, and some
    /// container inits reap late).
    static func isRunningDovecot(pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else {
            // No /proc (macOS): trust the pid, which the script read from Dovecot's pid file.
            return kill(pid, 0) == 0
        }
        // "pid (comm) state …"
        guard let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")") else { return false }
        let name = stat[stat.index(after: open)..<close]
        let state = stat[stat.index(after: close)...].dropFirst().prefix(1)
        return name == "dovecot" && state != "Z"
    }
}
