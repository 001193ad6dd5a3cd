#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// `posix_spawn` with what Foundation's `Process` does not give: the child leads a process
/// group of its own (so a timeout can stop its children too) unless it is to own the
/// caller's terminal, starts with default signal
/// dispositions and an empty mask (a parent that ignores SIGINT does not pass that on),
/// and inherits no descriptor beyond 0, 1 and 2.
enum Spawner {
    static func spawn(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String]?,
        stdin: Redirect,
        stdout: Redirect,
        stderr: Redirect,
        ownProcessGroup: Bool = true
    ) throws(ChildProcessError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (fd, target) in [(Int32(0), stdin), (1, stdout), (2, stderr)] {
            switch target {
            case .inherit:
                break
            case .null:
                posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", O_RDWR, 0)
            case .file(let path):
                posix_spawn_file_actions_addopen(&actions, fd, path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
            case .descriptor(let source):
                posix_spawn_file_actions_adddup2(&actions, source, fd)
            }
        }
        // Descriptors this process opened without O_CLOEXEC (another library's) must not
        // reach the child: one that kept the write end of another command's pipe would
        // keep that command's reader waiting for an end of file.
        closeFrom3(&actions)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setpgroup(&attributes, 0)
        let group = ownProcessGroup ? POSIX_SPAWN_SETPGROUP : 0
        posix_spawnattr_setflags(&attributes, Int16(group | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let environment = environment ?? ProcessInfo.processInfo.environment
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status: Int32 = executable.contains("/")
            ? posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
            : posix_spawnp(&pid, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            throw ChildProcessError(executable: executable, code: status, operation: "posix_spawn")
        }
        return pid
    }

    /// A pipe whose two ends are closed on exec (the child gets its end through dup2).
    static func pipe(for executable: String) throws(ChildProcessError) -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        let made: Int32
        if let symbol = UnsafeMutableRawPointer(bitPattern: pipe2Address) {
            typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
            made = unsafeBitCast(symbol, to: Pipe2.self)(&fds, O_CLOEXEC)
        } else {
            // Between pipe() and fcntl() another thread's spawn may see the ends; the
            // close-from action above covers that window.
            made = Glibc.pipe(&fds)
            if made == 0 { fds.forEach { _ = fcntl($0, F_SETFD, FD_CLOEXEC) } }
        }
        guard made == 0 else {
            throw ChildProcessError(executable: executable, code: errno, operation: "pipe")
        }
        return (fds[0], fds[1])
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34) and `pipe2`, looked up at run
    /// time: the Swift Glibc module declares neither (they need _GNU_SOURCE). Without it, only O_CLOEXEC protects.
    private static func closeFrom3(_ actions: inout posix_spawn_file_actions_t) {
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        guard let symbol = UnsafeMutableRawPointer(bitPattern: closeFromAddress) else { return }
        _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
    }

    /// The function's address (0 when this C library has none), kept as an integer so that
    /// the constant is Sendable. `RTLD_DEFAULT` is the null handle on glibc.
    private static let closeFromAddress = Int(bitPattern: dlsym(nil, "posix_spawn_file_actions_addclosefrom_np"))
    private static let pipe2Address = Int(bitPattern: dlsym(nil, "pipe2"))
}
