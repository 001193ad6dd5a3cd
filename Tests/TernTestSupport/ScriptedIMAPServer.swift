import NIOCore
import NIOPosix

/// An in-process IMAP server on 127.0.0.1 that answers by closure and records everything,
/// for what a real server will not do on demand: hostile or malformed responses,
/// STARTTLS injection, connections that go silent or close mid-response, exact timing.
///
/// On each connection it sends ``Configuration/greeting`` (or runs
/// ``Configuration/onConnect``), then cuts the client's bytes into ``IMAPFrame``s (lines,
/// and the literals those lines announce) and calls the handler once per frame, in order,
/// never concurrently for one connection. The handler answers through the
/// ``Connection``: send bytes, close, start TLS, or do nothing at all (a half-open
/// peer). For a synchronising literal (`{5}`) the client waits for a `+` continuation,
/// so the handler decides whether to send one. Every byte in both directions is kept, in
/// wire order, in ``transcript``.
///
/// ```swift
/// try await ScriptedIMAPServer.withServer(handler: { frame, connection in
///     switch frame.command {
///     case "CAPABILITY"?:
///         try await connection.sendLine("* CAPABILITY IMAP4rev1")
///         try await connection.sendLine("\(frame.tag ?? "*") OK done")
///     case "LOGOUT"?:
///         try await connection.sendLine("* BYE")
///         await connection.close()
///     default:
///         break  // stay silent
///     }
/// }) { server in
///     // connect a client to server.host:server.port …
///     #expect(server.transcriptText().contains("C: a1 CAPABILITY"))
/// }
/// ```
///
/// TLS: TernTestSupport does not depend on NIOSSL, so the test passes
/// ``Configuration/tlsUpgrade``, a closure that adds its TLS handler at the front of the
/// channel pipeline (it runs on the channel's event loop, so `syncOperations` work):
///
/// ```swift
/// let context = try NIOSSLContext(configuration: .makeServerConfiguration(…))
/// let configuration = ScriptedIMAPServer.Configuration(tlsUpgrade: { channel in
///     try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context), position: .first)
/// })
/// ```
///
/// ``Connection/startTLS()`` applies it mid-connection (after `OK Begin TLS` has been
/// written); ``Configuration/implicitTLS`` applies it before the greeting.
public final class ScriptedIMAPServer: Sendable {
    /// Decides what to do with one frame from the client.
    public typealias Handler = @Sendable (_ frame: IMAPFrame, _ connection: Connection) async throws -> Void
    /// Adds TLS to a channel's pipeline; runs on the channel's event loop.
    public typealias TLSUpgrade = @Sendable (_ channel: any Channel) throws -> Void

    /// How the server behaves before the handler takes over.
    public struct Configuration: Sendable {
        /// The line sent (with CRLF) when a client connects; nil sends nothing.
        public var greeting: String?
        /// Runs when a client connects, after the greeting; for custom or slow greetings.
        public var onConnect: (@Sendable (_ connection: Connection) async throws -> Void)?
        /// Adds TLS to a connection; needed for ``implicitTLS`` and ``Connection/startTLS()``.
        public var tlsUpgrade: TLSUpgrade?
        /// Start every connection with TLS (like port 993).
        public var implicitTLS: Bool

        /// A configuration; the default greets with `* OK [CAPABILITY IMAP4rev1 LITERAL+]`
        /// and has no TLS.
        public init(
            greeting: String? = "* OK [CAPABILITY IMAP4rev1 LITERAL+] ScriptedIMAPServer ready",
            onConnect: (@Sendable (_ connection: Connection) async throws -> Void)? = nil,
            tlsUpgrade: TLSUpgrade? = nil,
            implicitTLS: Bool = false
        ) {
            self.greeting = greeting
            self.onConnect = onConnect
            self.tlsUpgrade = tlsUpgrade
            self.implicitTLS = implicitTLS
        }
    }

    /// Errors of the scripted server itself.
    public enum Failure: Error, Hashable {
        /// The listening socket has no port (should not happen on 127.0.0.1).
        case noPort
        /// ``Connection/startTLS()`` or ``Configuration/implicitTLS`` without ``Configuration/tlsUpgrade``.
        case noTLSUpgrade
        /// ``waitForTranscript(timeout:_:)`` gave up.
        case timedOut
    }

    /// Always `127.0.0.1`.
    public let host: String
    /// The port the server listens on (chosen by the kernel).
    public let port: Int

    let recorder: TranscriptRecorder
    private let acceptedCount: LockedBox<Int>
    private let openChannels = LockedBox<[Int: any Channel]>([:])
    private let errors = LockedBox<[String]>([])

    private init(host: String, port: Int, recorder: TranscriptRecorder, acceptedCount: LockedBox<Int>) {
        self.host = host
        self.port = port
        self.recorder = recorder
        self.acceptedCount = acceptedCount
    }

    /// Runs `body` while the server listens; afterwards closes every connection,
    /// cancels running handlers and stops listening.
    public static func withServer<Result: Sendable>(
        _ configuration: Configuration = Configuration(),
        handler: @escaping Handler,
        body: (ScriptedIMAPServer) async throws -> Result
    ) async throws -> Result {
        if configuration.implicitTLS && configuration.tlsUpgrade == nil {
            throw Failure.noTLSUpgrade
        }
        let host = "127.0.0.1"
        let recorder = TranscriptRecorder()
        let connectionIDs = LockedBox(0)
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .bind(host: host, port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    let id = connectionIDs.withLock { value -> Int in
                        value += 1
                        return value
                    }
                    if configuration.implicitTLS, let upgrade = configuration.tlsUpgrade {
                        try upgrade(channel)
                    }
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(IMAPFrameDecoder { bytes in
                        recorder.record(connection: id, direction: .clientToServer, bytes: bytes)
                    }))
                    return Accepted(
                        id: id,
                        channel: try NIOAsyncChannel<IMAPFrame, ByteBuffer>(wrappingChannelSynchronously: channel)
                    )
                }
            }
        guard let port = listener.channel.localAddress?.port else {
            try? await listener.channel.close()
            throw Failure.noPort
        }
        let server = ScriptedIMAPServer(host: host, port: port, recorder: recorder, acceptedCount: connectionIDs)

        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await listener.executeThenClose { inbound in
                    try await withThrowingDiscardingTaskGroup { connections in
                        for try await accepted in inbound {
                            connections.addTask {
                                await server.serve(accepted, configuration: configuration, handler: handler)
                            }
                        }
                    }
                }
            }
            let result: Swift.Result<Result, any Error>
            do {
                result = .success(try await body(server))
            } catch {
                result = .failure(error)
            }
            try? await listener.channel.close()
            for channel in server.openChannels.withLock({ Array($0.values) }) {
                try? await channel.close()
            }
            group.cancelAll()
            return try result.get()
        }
    }

    /// Everything sent in both directions so far, in wire order.
    public var transcript: [TranscriptEntry] {
        recorder.entries
    }

    /// The transcript as text, one line per line of traffic: `C: ` for client to server,
    /// `S: ` for server to client, CRLF removed. With several connections and no
    /// `connection`, each line starts with the connection number (`2 C: …`).
    public func transcriptText(connection: Int? = nil) -> String {
        recorder.text(connection: connection)
    }

    /// How many connections have been accepted so far.
    public var connectionCount: Int {
        acceptedCount.withLock { $0 }
    }

    /// Errors thrown by handlers (or by sends to closed connections), as text; a
    /// connection whose handler throws is closed.
    public var handlerErrors: [String] {
        errors.withLock { $0 }
    }

    /// Waits until `condition` holds for the transcript, polling every 10 ms.
    public func waitForTranscript(
        timeout: Duration = .seconds(5),
        _ condition: @Sendable ([TranscriptEntry]) -> Bool
    ) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while !condition(transcript) {
            guard clock.now < deadline else { throw Failure.timedOut }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// A connection as the child-channel initializer hands it over.
    struct Accepted: Sendable {
        var id: Int
        var channel: NIOAsyncChannel<IMAPFrame, ByteBuffer>
    }

    private func serve(_ accepted: Accepted, configuration: Configuration, handler: Handler) async {
        let channel = accepted.channel.channel
        openChannels.withLock { $0[accepted.id] = channel }
        defer { openChannels.withLock { $0[accepted.id] = nil } }
        let connection = Connection(
            id: accepted.id,
            channel: channel,
            recorder: recorder,
            tlsUpgrade: configuration.tlsUpgrade
        )
        do {
            try await accepted.channel.executeThenClose { inbound, _ in
                if let greeting = configuration.greeting {
                    try await connection.sendLine(greeting)
                }
                if let onConnect = configuration.onConnect {
                    try await onConnect(connection)
                }
                for try await frame in inbound {
                    try await handler(frame, connection)
                }
            }
        } catch is CancellationError {
            // The server is shutting down.
        } catch {
            errors.withLock { $0.append("connection \(accepted.id): \(error)") }
        }
    }
}
