import BenchmarkSupport
import IMAPCodec
import TernTestSupport

/// A private Dovecot with 10,000 realistic messages, and the raw bytes of one
/// `UID FETCH 1:* (…)` reply captured from it. Made once per benchmark run.
actor FetchFixture {
    static let shared = FetchFixture()
    static let messageCount = 10_000
    static let items = "(UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE)"

    private var prepared: (DovecotServer, [UInt8])?

    func prepare() async throws -> (server: DovecotServer, capture: [UInt8]) {
        if let prepared { return prepared }
        let server = try await DovecotServer.start(DovecotServer.Options(userCount: 1))
        try await server.seed(user: "alice", messages: MessageFactory(seed: 42).messages(0..<Self.messageCount))
        let socket = try BareSocket(port: server.plainPort)
        try socket.run(tag: "c1", "LOGIN alice secret-alice")
        try socket.run(tag: "c2", "SELECT INBOX")
        let capture = try socket.run(tag: "c3", "UID FETCH 1:* \(Self.items)", capture: true).data
        prepared = (server, capture)
        return (server, capture)
    }

    func stop() async {
        if let (server, _) = prepared { try? await server.stop() }
        prepared = nil
    }
}
