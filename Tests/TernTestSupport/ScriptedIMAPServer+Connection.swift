import NIOCore

extension ScriptedIMAPServer {
    /// One client connection, as a handler sees it.
    public final class Connection: Sendable {
        /// 1 for the first connection the server accepted, 2 for the next, …
        public let id: Int
        /// The NIO channel, for tests that need to reach into the pipeline.
        public let channel: any Channel
        private let recorder: TranscriptRecorder
        private let tlsUpgrade: TLSUpgrade?

        init(id: Int, channel: any Channel, recorder: TranscriptRecorder, tlsUpgrade: TLSUpgrade?) {
            self.id = id
            self.channel = channel
            self.recorder = recorder
            self.tlsUpgrade = tlsUpgrade
        }

        /// Sends `text` exactly as given (add `\r\n` yourself), and returns once it is
        /// written to the socket.
        public func send(_ text: String) async throws {
            try await send(bytes: Array(text.utf8))
        }

        /// Sends `line` followed by CRLF.
        public func sendLine(_ line: String) async throws {
            try await send(bytes: Array((line + "\r\n").utf8))
        }

        /// Sends raw bytes, which may be anything (half a line, invalid UTF-8, a huge
        /// literal announcement).
        public func send(bytes: [UInt8]) async throws {
            recorder.record(connection: id, direction: .serverToClient, bytes: bytes)
            try await channel.writeAndFlush(ByteBuffer(bytes: bytes))
        }

        /// Closes the connection (the client sees EOF).
        public func close() async {
            try? await channel.close()
        }

        /// Adds TLS to the connection with ``Configuration/tlsUpgrade``. Call it after
        /// sending the tagged `OK` to `STARTTLS`; bytes the client sent before the
        /// handshake (a STARTTLS injection) have already been read as plain text.
        public func startTLS() async throws {
            guard let tlsUpgrade else { throw Failure.noTLSUpgrade }
            let channel = self.channel
            try await channel.eventLoop.submit { try tlsUpgrade(channel) }.get()
        }
    }
}
