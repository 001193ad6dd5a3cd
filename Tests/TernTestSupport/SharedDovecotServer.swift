/// Starts the process-wide server behind ``DovecotServer/shared()`` once, and hands the
/// same server (or the same start error) to every caller.
actor SharedDovecotServer {
    static let instance = SharedDovecotServer()

    /// Ten users, so that suites sharing the server can each take their own account.
    static let options = DovecotServer.Options(userCount: 10)

    private var starting: Task<DovecotServer, any Error>?

    func server() async throws -> DovecotServer {
        if let starting {
            return try await starting.value
        }
        // One unstructured task on purpose: it outlives the first caller, and its result is
        // memoised for the whole process. Stopping is left to ServerRegistry at exit.
        let task = Task {
            var server = try await DovecotServer.start(Self.options)
            server.isShared = true
            return server
        }
        starting = task
        return try await task.value
    }
}
