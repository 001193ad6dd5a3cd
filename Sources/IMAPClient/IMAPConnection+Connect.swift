#if canImport(Glibc)
import Glibc
#endif
import IMAPCodec
import Logging
import NIOCore
import NIOPosix
import NIOSSL

extension IMAPConnection {
    /// Connects, reads the greeting, upgrades with STARTTLS when configured,
    /// learns the capabilities, runs `body`, then logs out and closes.
    ///
    /// Credentials are never at risk here: the body (which logs in) only runs
    /// once the transport the configuration asks for is in place. A garbage
    /// greeting, a `BYE` greeting, a missing STARTTLS, or PREAUTH on a
    /// connection that must upgrade to TLS first all throw before it runs.
    public static func withConnection<R: Sendable>(
        _ configuration: ConnectionConfiguration,
        logger: Logger = Logger(label: "tern.imap"),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        _ body: (IMAPConnection) async throws -> R
    ) async throws -> R {
        if configuration.security == .plain, !configuration.isLoopback, !configuration.allowInsecure {
            throw Error.insecureTransportRefused(host: configuration.host)
        }
        let tlsContext: NIOSSLContext? = configuration.security == .plain ? nil : try makeTLSContext(configuration)
        let implicitTLS = configuration.security == .tls ? tlsContext : nil
        let serverName = configuration.serverName ?? configuration.host
        let limits = configuration.parserLimits
        let activity = ReadActivity()

        let asyncChannel: NIOAsyncChannel<[Response], ByteBuffer>
        do {
            asyncChannel = try await Self.keepaliveProbes(ClientBootstrap(group: eventLoopGroup)
                .connectTimeout(configuration.connectTimeout)
                .channelOption(.socketOption(.so_keepalive), value: 1))
                .channelOption(.tcpOption(.tcp_nodelay), value: 1)
                .connect(host: configuration.host, port: configuration.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let sync = channel.pipeline.syncOperations
                        if let implicitTLS {
                            let handler = try NIOSSLClientHandler(
                                context: implicitTLS,
                                serverHostname: isIPAddress(serverName) ? nil : serverName
                            )
                            try sync.addHandler(handler)
                        }
                        try sync.addHandler(ResponseDecoderHandler(limits: limits, activity: activity))
                        return try NIOAsyncChannel<[Response], ByteBuffer>(
                            wrappingChannelSynchronously: channel,
                            configuration: .init(backPressureStrategy: .init(lowWatermark: 4, highWatermark: 16))
                        )
                    }
                }
        } catch {
            throw Error.connectFailed("\(configuration.host):\(configuration.port): \(error)")
        }

        var connectionLogger = logger
        connectionLogger[metadataKey: "connection"] = "\(ObjectIdentifier(asyncChannel.channel).hashValue & 0xffff)"

        return try await asyncChannel.executeThenClose { inbound, outbound in
            let connection = IMAPConnection(
                configuration: configuration, channel: asyncChannel.channel,
                outbound: outbound, activity: activity, logger: connectionLogger
            )
            return try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    do {
                        for try await batch in inbound {
                            await connection.deliver(batch)
                        }
                        await connection.inboundFinished(nil)
                    } catch {
                        await connection.inboundFinished(error)
                    }
                }
                do {
                    try await connection.start(tlsContext: tlsContext, serverName: serverName)
                    let result = try await body(connection)
                    await connection.logoutIfOpen()
                    await connection.close()
                    try await group.waitForAll()
                    return result
                } catch {
                    await connection.close()
                    group.cancelAll()
                    try? await group.waitForAll()
                    throw error
                }
            }
        }
    }

    /// Keepalive probes after 60 s of silence, every 15 s, 4 of them: a dead
    /// peer under an idle IDLE connection is found in about two minutes
    /// instead of the kernel's default two hours (Linux; elsewhere the
    /// system's keepalive timing stays).
    static func keepaliveProbes(_ bootstrap: ClientBootstrap) -> ClientBootstrap {
        #if os(Linux)
        bootstrap
            .channelOption(.tcpOption(.init(rawValue: TCP_KEEPIDLE)), value: 60)
            .channelOption(.tcpOption(.init(rawValue: TCP_KEEPINTVL)), value: 15)
            .channelOption(.tcpOption(.init(rawValue: TCP_KEEPCNT)), value: 4)
        #else
        bootstrap
        #endif
    }

    static func makeTLSContext(_ configuration: ConnectionConfiguration) throws -> NIOSSLContext {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        tls.certificateVerification = .fullVerification
        if configuration.useDefaultTrustRoots {
            tls.trustRoots = .default
            if let ca = configuration.caFile { tls.additionalTrustRoots = [.file(ca)] }
        } else {
            tls.trustRoots = configuration.caFile.map { .file($0) } ?? .certificates([])
        }
        do {
            return try NIOSSLContext(configuration: tls)
        } catch {
            throw Error.tls("cannot load trust roots: \(error)")
        }
    }

    static func isIPAddress(_ host: String) -> Bool {
        (try? SocketAddress(ipAddress: host, port: 0)) != nil
    }

    /// Greeting, STARTTLS, capabilities, ID.
    func start(tlsContext: NIOSSLContext?, serverName: String) async throws {
        let first = try await nextResponse(while: "the greeting")
        guard case .untagged(let u) = first else {
            throw Error.malformedGreeting("expected an untagged greeting")
        }
        switch u {
        case .state(.ok, let text):
            greeting = text
            trackCode(text.code)
        case .preauth(let text):
            greeting = text
            trackCode(text.code)
            if configuration.security == .startTLS { throw Error.preauthWithoutTLS }
            isAuthenticated = true
        case .bye(let text):
            throw Error.rejected(text.text)
        default:
            throw Error.malformedGreeting("expected OK, PREAUTH or BYE")
        }

        if configuration.security == .startTLS {
            guard let tlsContext else { throw Error.tls("no TLS context") }
            try await startTLS(context: tlsContext, serverName: serverName)
        }
        if capabilities.isEmpty {
            try await refreshCapabilities()
        }
        if let id = configuration.clientID, capabilities.contains(.id) {
            _ = try? await execute(.id(id))
        }
    }

    /// Asks the server for its capabilities.
    public func refreshCapabilities() async throws {
        try await runExpectingOK(.capability) { u in
            if case .capability = u { return true }
            return false
        }
    }

    private func startTLS(context: NIOSSLContext, serverName: String) async throws {
        if capabilities.isEmpty { try await refreshCapabilities() }
        guard capabilities.contains(.startTLS) else { throw Error.startTLSUnavailable }
        try await upgradeToTLS(context: context, serverName: serverName)
        // Capabilities learnt before TLS cannot be trusted: ask again.
        try await refreshCapabilities()
    }

    private func upgradeToTLS(context: NIOSSLContext, serverName: String) async throws {
        try await acquire()
        defer { release() }
        let tag = nextTag()
        // From the tagged reply on, drop every plaintext byte until TLS is up.
        let channel = self.channel
        try await channel.eventLoop.submit {
            try channel.pipeline.syncOperations.handler(type: ResponseDecoderHandler.self)
                .stopAfterTaggedResponse(tag)
        }.get()
        _ = try await sendCommand(.startTLS, tag: tag)
        while true {
            let r = try await nextResponse(while: "STARTTLS")
            if case .tagged(let t) = r, t.tag == tag {
                guard t.state == .ok else {
                    throw IMAPCommandError(command: "STARTTLS", state: t.state, text: t.text)
                }
                break
            }
        }
        // The decoder stopped at the reply, so nothing after it was parsed;
        // drop anything queued before it too, and forget old capabilities.
        dropAllQueued()
        capabilities = []
        let hostname = Self.isIPAddress(serverName) ? nil : serverName
        try await channel.eventLoop.submit {
            let sync = channel.pipeline.syncOperations
            let tls = try NIOSSLClientHandler(context: context, serverHostname: hostname)
            try sync.addHandler(tls, position: .first)
            try sync.handler(type: ResponseDecoderHandler.self).resumeAfterTLS()
        }.get()
        logger.debug("STARTTLS upgraded")
    }

    /// LOGOUT when the connection is still open; errors are ignored (the
    /// connection is being closed anyway).
    func logoutIfOpen() async {
        guard isOpen else { return }
        _ = try? await run(.logout)
    }
}
