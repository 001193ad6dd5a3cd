import NIOCore
import NIOPosix

/// A bare TCP connection that speaks IMAP by hand, for tests that need to poke a server
/// without the real client: read the greeting, send exact bytes, run a command and get
/// its response lines, or act as a second client (APPEND mail while another connection
/// IDLEs). Plain TCP only; use `openssl s_client` or NIOSSL in the test for TLS.
///
/// ```swift
/// try await RawIMAPConnection.withConnection(port: server.plainPort) { imap in
///     #expect(try await imap.readResponse().hasPrefix("* OK"))
///     let lines = try await imap.command("LOGIN alice secret-alice")
///     #expect(lines.last?.hasPrefix("t1 OK") == true)
/// }
/// ```
///
/// Every read waits at most `timeout`; then the connection is closed and the read throws
/// ``Failure/timedOut``. Use the connection only inside the closure.
public final class RawIMAPConnection {
    /// Why a read failed.
    public enum Failure: Error, Hashable {
        /// The server closed the connection.
        case closed
        /// Nothing arrived within the timeout.
        case timedOut
    }

    private let channel: any Channel
    private var frames: NIOAsyncChannelInboundStream<IMAPFrame>.AsyncIterator
    private let timeout: TimeAmount
    private var nextTag = 1

    private init(channel: any Channel, frames: NIOAsyncChannelInboundStream<IMAPFrame>.AsyncIterator, timeout: TimeAmount) {
        self.channel = channel
        self.frames = frames
        self.timeout = timeout
    }

    /// Connects to `host:port`, runs `body`, and closes the connection.
    public static func withConnection<Result: Sendable>(
        host: String = "127.0.0.1",
        port: Int,
        timeout: TimeAmount = .seconds(10),
        _ body: (RawIMAPConnection) async throws -> Result
    ) async throws -> Result {
        let asyncChannel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(IMAPFrameDecoder { _ in }))
                    return try NIOAsyncChannel<IMAPFrame, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await asyncChannel.executeThenClose { inbound, _ in
            let connection = RawIMAPConnection(
                channel: asyncChannel.channel,
                frames: inbound.makeAsyncIterator(),
                timeout: timeout
            )
            return try await body(connection)
        }
    }

    /// The next frame from the server, waiting at most `timeout` (default: the
    /// connection's).
    public func readFrame(timeout: TimeAmount? = nil) async throws -> IMAPFrame {
        let timedOut = LockedBox(false)
        let channel = self.channel
        let timer = channel.eventLoop.scheduleTask(in: timeout ?? self.timeout) {
            timedOut.withLock { $0 = true }
            channel.close(promise: nil)
        }
        defer { timer.cancel() }
        guard let frame = try await frames.next() else {
            throw timedOut.withLock { $0 } ? Failure.timedOut : Failure.closed
        }
        return frame
    }

    /// The next response: a line, with any literals it announces and the rest of the
    /// line after them joined in (`* 1 FETCH (BODY[] {5}` + `hello` + `)`).
    public func readResponse() async throws -> String {
        var frame = try await readFrame()
        var text = frame.text
        while frame.announcedLiteral != nil {
            text += try await readFrame().text
            frame = try await readFrame()
            text += frame.text
        }
        return text
    }

    /// Sends `text` exactly as given.
    public func send(_ text: String) async throws {
        try await channel.writeAndFlush(ByteBuffer(string: text))
    }

    /// Sends `t<n> <command>` with the next tag and returns every response up to and
    /// including the tagged one.
    public func command(_ command: String) async throws -> [String] {
        let tag = "t\(nextTag)"
        nextTag += 1
        try await send("\(tag) \(command)\r\n")
        var responses: [String] = []
        while true {
            let response = try await readResponse()
            responses.append(response)
            if response.hasPrefix(tag + " ") {
                return responses
            }
        }
    }
}
