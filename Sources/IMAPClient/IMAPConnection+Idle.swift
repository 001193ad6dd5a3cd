import IMAPCodec
import NIOCore

extension IMAPConnection {
    /// Starts IDLE (RFC 2177) and returns once the server accepted it.
    ///
    /// Until IDLE ends, the connection runs no other command: read what the
    /// server pushes with `nextIdleEvent()`, and end it with `done()` (from
    /// any task, e.g. a re-issue timer), after which `nextIdleEvent()`
    /// returns `nil`.
    ///
    /// ```swift
    /// try await imap.idle()
    /// while let event = try await imap.nextIdleEvent() {
    ///     if case .exists = event { try await imap.done() }
    /// }
    /// ```
    public func idle() async throws {
        guard capabilities.contains(.idle) else {
            throw IMAPCommandError(command: "IDLE", state: .no, text: ResponseText(text: "server lacks IDLE"))
        }
        try await acquire()
        let tag = nextTag()
        do {
            _ = try await sendCommand(.idle, tag: tag)
            while true {
                let r = try await nextResponse(while: "IDLE")
                switch r {
                case .continuation:
                    idleState = .idling(tag, doneSent: false)
                    idleReaderAttached = false
                    return
                case .tagged(let t) where t.tag == tag:
                    throw IMAPCommandError(command: "IDLE", state: t.state, text: t.text)
                case .tagged(let t):
                    throw Error.unexpectedResponse("tagged reply for unknown tag \(t.tag)")
                case .untagged(let u):
                    noteUnsolicited(u)
                }
            }
        } catch {
            release()
            throw error
        }
    }

    /// The next untagged response pushed during IDLE, or `nil` once IDLE has
    /// ended (after `done()`). Waits without a timeout until `done()` is sent;
    /// after that the server must answer within the command timeout.
    public func nextIdleEvent() async throws -> UntaggedResponse? {
        // `done()` is reading the rest itself: one reader at a time.
        if idleDrainingInDone { return nil }
        return try await readIdleEvent()
    }

    private func readIdleEvent() async throws -> UntaggedResponse? {
        while true {
            guard case .idling(let tag, let doneSent) = idleState else { return nil }
            idleReaderAttached = true
            let r = try await nextResponse(while: doneSent ? "DONE" : "IDLE", timeout: doneSent)
            switch r {
            case .untagged(let u):
                track(u)
                return u
            case .tagged(let t) where t.tag == tag:
                idleState = .none
                idleReaderAttached = false
                disarmTimeout()  // the one `done()` armed for a reader
                release()
                if t.state != .ok {
                    throw IMAPCommandError(command: "IDLE", state: t.state, text: t.text)
                }
                return nil
            case .tagged(let t):
                throw Error.unexpectedResponse("tagged reply for unknown tag \(t.tag)")
            case .continuation:
                continue
            }
        }
    }

    /// Ends IDLE by sending DONE (once; later calls do nothing). The tagged
    /// reply is read by `nextIdleEvent()`, or here when nobody is reading;
    /// either way it must come within the command timeout, or the connection
    /// is closed with `.timeout`.
    public func done() async throws {
        guard case .idling(let tag, false) = idleState else { return }
        idleState = .idling(tag, doneSent: true)
        try await send(CommandEncoder.done)
        if !idleReaderAttached {
            // Nobody is reading: keep what the server pushed for `takeUnsolicited()`.
            idleDrainingInDone = true
            defer { idleDrainingInDone = false }
            while let event = try await readIdleEvent() { noteUnsolicited(event) }
        } else {
            // The reader started waiting before DONE, without a timeout; the
            // answer to DONE must come within the command timeout, or the
            // connection is dead (a half-open connection after a suspend).
            armTimeout("DONE")
        }
    }

    /// Whether the connection is in IDLE now.
    public var isIdling: Bool {
        if case .idling = idleState { return true }
        return false
    }
}

/// The untagged responses pushed during IDLE, as an async sequence that ends
/// when IDLE does (after `IMAPConnection.done()`).
///
/// ```swift
/// try await imap.idle()
/// for try await event in imap.idleEvents() {
///     if case .exists = event { try await imap.done() }
/// }
/// ```
public struct IdleEvents: AsyncSequence, Sendable {
    public typealias Element = UntaggedResponse
    let connection: IMAPConnection

    public struct AsyncIterator: AsyncIteratorProtocol {
        let connection: IMAPConnection
        public mutating func next() async throws -> UntaggedResponse? {
            try await connection.nextIdleEvent()
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(connection: connection) }
}

extension IMAPConnection {
    /// The responses of the current IDLE as an async sequence (see `IdleEvents`).
    public nonisolated func idleEvents() -> IdleEvents { IdleEvents(connection: self) }
}
