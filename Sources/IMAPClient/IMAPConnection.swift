import IMAPCodec
import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// One authenticated-or-not conversation with an IMAP server, used with
/// async/await.
///
/// The connection lives for the scope of `withConnection`: when the body
/// returns or throws, the connection is logged out (when still usable) and
/// closed, so it can never leak.
///
/// ```swift
/// try await IMAPConnection.withConnection(configuration) { imap in
///     try await imap.login(username: "alice", password: secret)
///     let inbox = try await imap.select(.inbox)
///     try await imap.uidFetch(.all, items: [.uid, .flags, .envelope]) { message in
///         print(message.uid, message.envelope?.subject ?? "")
///     }
/// }
/// ```
///
/// Commands run one at a time (callers queue in order). Untagged responses
/// that belong to no command (EXISTS, EXPUNGE, FETCH of flags) are kept and
/// handed out by `takeUnsolicited()`.
public actor IMAPConnection {
    /// The server's capabilities, refreshed after STARTTLS and authentication.
    public internal(set) var capabilities: Set<Capability> = []
    /// Extensions turned on with ENABLE.
    public internal(set) var enabled: Set<Capability> = []
    /// The mailbox selected now, if any.
    public internal(set) var selectedMailbox: MailboxName?
    /// Whether LOGIN/AUTHENTICATE succeeded (or the greeting was PREAUTH).
    public internal(set) var isAuthenticated = false
    /// The greeting's text, for diagnostics.
    public internal(set) var greeting: ResponseText?
    /// The NOTIFY registration in force (RFC 5465), set by `notify(_:)`:
    /// `nil` before any, after `NOTIFY NONE`, and after the server reported
    /// `[NOTIFICATIONOVERFLOW]` (which ends every notification).
    public internal(set) var notifyRequest: NotifyRequest?

    let configuration: ConnectionConfiguration
    let channel: any Channel
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    var logger: Logger

    // Inbound queue, filled by the reader task, drained by commands.
    private var queue = CircularBuffer<Response>(initialCapacity: 64)
    private var waiter: CheckedContinuation<Void, Never>?
    private var producerWaiters: [CheckedContinuation<Void, Never>] = []
    private var closedError: Error?
    private let activity: ReadActivity
    /// Responses received from the reader task so far (see `ReadActivity`).
    private var receivedCount = 0

    // Command serialisation.
    var busy = false
    private var commandWaiters: [CheckedContinuation<Void, Never>] = []
    private var tagCounter = 0
    private var unsolicited: [UntaggedResponse] = []
    /// A command whose caller stopped reading early; its remaining responses
    /// are drained before the next command.
    private var abandonedTag: Tag?
    /// IDLE's sub-conversation: its tag and whether DONE went out.
    enum IdleState: Equatable { case none, idling(Tag, doneSent: Bool) }
    var idleState: IdleState = .none
    /// Whether a task has read this IDLE's events (then it also reads the
    /// answer to DONE; otherwise `done()` must). Tracked rather than judged
    /// from a waiting continuation: a reader between two reads is not waiting.
    var idleReaderAttached = false
    /// `done()` is reading the answer to DONE itself.
    var idleDrainingInDone = false

    /// How commands are written: derived from what the server offers and what
    /// was enabled, so it can never lag behind a capability update.
    var encoder: CommandEncoder {
        CommandEncoder(capabilities: capabilities, utf8Accepted: enabled.contains(.utf8Accept))
    }

    init(configuration: ConnectionConfiguration, channel: any Channel,
         outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>, activity: ReadActivity, logger: Logger) {
        self.activity = activity
        self.configuration = configuration
        self.channel = channel
        self.outbound = outbound
        self.logger = logger
    }

    /// Whether the connection is still open and usable.
    public var isOpen: Bool { closedError == nil }

    /// The error that closed the connection, if it is closed.
    public var closeReason: Error? { closedError }

    // MARK: - Inbound (called by the reader task)

    func deliver(_ batch: [Response]) async {
        receivedCount &+= batch.count
        if closedError != nil { return }
        queue.append(contentsOf: batch)
        if let w = waiter {
            waiter = nil
            w.resume()
        }
        // Backpressure: the reader (and so the socket) waits while a slow
        // consumer has many responses unread.
        while queue.count > configuration.maxBufferedResponses, closedError == nil {
            await withCheckedContinuation { producerWaiters.append($0) }
        }
    }

    func inboundFinished(_ error: (any Swift.Error)?) {
        let reason: Error
        // A timeout has already closed the connection with its own reason;
        // `markClosed` keeps the first reason.
        if let e = error as? Error {
            reason = e
        } else if let e = error, e is NIOSSLError || e is BoringSSLError || e is NIOSSLExtraError {
            reason = .tls(Self.describeTLSFailure(e))
        } else if let e = error {
            reason = .connectionClosed(String(describing: e))
        } else {
            reason = .connectionClosed("closed by the server")
        }
        markClosed(reason)
    }

    /// A TLS failure in words a user can act on.
    static func describeTLSFailure(_ error: any Swift.Error) -> String {
        let text = String(describing: error)
        if text.contains("CERTIFICATE_VERIFY_FAILED") {
            return "the server's certificate is not trusted (add its CA with ca_file)"
        }
        if text.contains("failedToValidateHostname") {
            return "the server's certificate is not valid for this host name"
        }
        if text.contains("WRONG_VERSION_NUMBER") || text.contains("PACKET_LENGTH_TOO_LONG") {
            return "the server does not speak TLS on this port (try security = \"starttls\")"
        }
        return text
    }

    func markClosed(_ reason: Error) {
        if closedError == nil {
            closedError = reason
            logger.debug("connection closed", metadata: ["reason": "\(reason)"])
        }
        activity.disarm()
        if let w = waiter {
            waiter = nil
            w.resume()
        }
        let producers = producerWaiters
        producerWaiters = []
        for p in producers { p.resume() }
        let commands = commandWaiters
        commandWaiters = []
        for c in commands { c.resume() }
    }

    /// The next response, waiting for it (with the command timeout unless
    /// `timeout` is false, as during IDLE).
    func nextResponse(while activity: String, timeout: Bool = true) async throws(Error) -> Response {
        while true {
            if let r = queue.popFirst() {
                if !producerWaiters.isEmpty, queue.count <= configuration.maxBufferedResponses / 2 {
                    let producers = producerWaiters
                    producerWaiters = []
                    for p in producers { p.resume() }
                }
                return r
            }
            if let closedError { throw closedError }
            if timeout { armTimeout(activity) }
            await withCheckedContinuation { waiter = $0 }
            if timeout { disarmTimeout() }
        }
    }

    /// Arms the command timeout (see `ReadActivity`): it fails the channel
    /// with `.timeout`, which the reader task reports as the close reason.
    func armTimeout(_ activity: String) {
        let channel = self.channel
        let logger = self.logger
        let reason = Error.timeout("no answer to \(activity) within \(configuration.commandTimeout.nanoseconds / 1_000_000) ms")
        self.activity.arm(on: channel.eventLoop, timeout: configuration.commandTimeout, consumed: receivedCount) {
            logger.warning("command timed out; closing connection", metadata: ["activity": "\(activity)"])
            channel.pipeline.fireErrorCaught(reason)
            channel.close(promise: nil)
        }
    }

    func disarmTimeout() {
        activity.disarm()
    }

    // MARK: - Command serialisation

    func acquire() async throws(Error) {
        while busy {
            if let closedError { throw closedError }
            await withCheckedContinuation { commandWaiters.append($0) }
        }
        if let closedError { throw closedError }
        busy = true
        if abandonedTag != nil {
            do { try await drainAbandoned() } catch { release(); throw error }
        }
    }

    func release() {
        busy = false
        if !commandWaiters.isEmpty {
            commandWaiters.removeFirst().resume()
        }
    }

    private func drainAbandoned() async throws(Error) {
        while let tag = abandonedTag {
            let r = try await nextResponse(while: "the end of an abandoned command")
            if case .tagged(let t) = r, t.tag == tag { abandonedTag = nil } else if case .untagged(let u) = r {
                // The abandoned command's own data (FETCHes with a UID, as
                // `uidFetch` tells them apart) is dropped; flag updates are kept.
                if case .fetch(let seq, let attributes) = u,
                   FetchedMessage(sequenceNumber: seq, attributes: attributes).uid != nil { continue }
                noteUnsolicited(u)
            }
        }
    }

    func nextTag() -> Tag {
        tagCounter += 1
        return Tag("T\(tagCounter)")
    }

    static let maxUnsolicited = 100_000

    /// How many unsolicited responses were dropped because nobody took them
    /// (see `takeUnsolicited()`); non-zero means the mailbox needs a resync.
    public private(set) var droppedUnsolicited = 0

    /// Untagged responses that arrived outside any command's own data
    /// (EXISTS, EXPUNGE, VANISHED, flag FETCHes, alerts), oldest first.
    public func takeUnsolicited() -> [UntaggedResponse] {
        defer { unsolicited = [] }
        return unsolicited
    }

    func noteUnsolicited(_ u: UntaggedResponse) {
        track(u)
        guard unsolicited.count < Self.maxUnsolicited else {
            // Bounded memory: past this the caller must resync the mailbox.
            if droppedUnsolicited == 0 {
                logger.warning("unsolicited responses not collected; dropping until takeUnsolicited()")
            }
            droppedUnsolicited += 1
            return
        }
        unsolicited.append(u)
    }

    /// Keeps connection state (capabilities, closing) current from any untagged response.
    func track(_ u: UntaggedResponse) {
        switch u {
        case .capability(let caps): capabilities = Set(caps)
        case .state(_, let text): trackCode(text.code)
        case .bye(let text): logger.debug("server said BYE", metadata: ["text": "\(text.text)"])
        default: break
        }
    }

    func trackCode(_ code: ResponseCode?) {
        switch code {
        case .capability(let caps)?: capabilities = Set(caps)
        case .closed?: selectedMailbox = nil
        case .notificationOverflow?:
            logger.debug("server stopped NOTIFY events (NOTIFICATIONOVERFLOW)")
            notifyRequest = nil
        default: break
        }
    }

    // MARK: - Sending

    func send(_ buffer: ByteBuffer) async throws(Error) {
        if let closedError { throw closedError }
        do {
            try await outbound.write(buffer)
        } catch {
            let reason = closedError ?? .connectionClosed("write failed: \(error)")
            markClosed(reason)
            throw reason
        }
    }

    /// Sends an encoded command, waiting for `+` between literal chunks.
    /// Returns `nil` when all chunks went out, or the tagged reply if the
    /// server refused a literal.
    func sendCommand(_ command: Command, tag: Tag) async throws(Error) -> TaggedResponse? {
        let encoded = encoder.encode(command, tag: tag)
        logger.trace("send", metadata: ["tag": "\(tag)", "command": "\(command.logName)"])
        var chunks = encoded.chunks[...]
        guard let first = chunks.popFirst() else { return nil }
        try await send(first)
        while let next = chunks.popFirst() {
            // Synchronising literal: wait for the go-ahead.
            waitLoop: while true {
                let r = try await nextResponse(while: "\(command.logName) literal")
                switch r {
                case .continuation: break waitLoop
                case .tagged(let t) where t.tag == tag: return t
                case .tagged(let t): throw .unexpectedResponse("tagged reply for unknown tag \(t.tag)")
                case .untagged(let u): noteUnsolicited(u)
                }
            }
            try await send(next)
        }
        return nil
    }

    /// Runs one command: sends it and collects its untagged responses until
    /// its tagged completion. `onUntagged` sees each untagged response and
    /// returns whether it consumed it (otherwise it is kept as unsolicited).
    func run(
        _ command: Command,
        onUntagged: (UntaggedResponse) async throws -> Bool = { _ in false }
    ) async throws -> TaggedResponse {
        try await acquire()
        defer { release() }
        let tag = nextTag()
        if let refused = try await sendCommand(command, tag: tag) {
            return refused
        }
        while true {
            let r = try await nextResponse(while: command.logName)
            switch r {
            case .tagged(let t) where t.tag == tag:
                trackCode(t.text.code)
                return t
            case .tagged(let t):
                throw Error.unexpectedResponse("tagged reply for unknown tag \(t.tag)")
            case .continuation:
                throw Error.unexpectedResponse("continuation request during \(command.logName)")
            case .untagged(let u):
                track(u)
                if case .bye = u { continue }
                let consumed: Bool
                do {
                    consumed = try await onUntagged(u)
                } catch {
                    // The caller's closure failed: rethrow its error unchanged;
                    // the rest of this command's responses are drained later.
                    abandonedTag = tag
                    throw error
                }
                if !consumed { noteUnsolicited(u) }
            }
        }
    }

    /// Runs a command and throws `IMAPCommandError` unless it ends in OK.
    @discardableResult
    func runExpectingOK(
        _ command: Command,
        onUntagged: (UntaggedResponse) async throws -> Bool = { _ in false }
    ) async throws -> TaggedResponse {
        let t = try await run(command, onUntagged: onUntagged)
        guard t.state == .ok else {
            throw IMAPCommandError(command: command.logName, state: t.state, text: t.text)
        }
        return t
    }

    /// Runs any command and returns its tagged completion (OK, NO or BAD) with
    /// the untagged responses it produced.
    public func execute(_ command: Command) async throws -> (tagged: TaggedResponse, untagged: [UntaggedResponse]) {
        var collected: [UntaggedResponse] = []
        let tagged = try await run(command) { u in
            collected.append(u)
            return true
        }
        return (tagged, collected)
    }

    func dropAllQueued() {
        queue.removeAll(keepingCapacity: true)
    }

    /// Closes the connection at once, without LOGOUT. Pending and later calls
    /// throw `.connectionClosed`.
    public func close() {
        markClosed(closedError ?? .connectionClosed("closed by the client"))
        channel.close(promise: nil)
    }
}

extension Command {
    /// The command's name for logs and errors — never its arguments, which
    /// may hold a password or a token.
    public var logName: String {
        switch self {
        case .capability: return "CAPABILITY"
        case .noop: return "NOOP"
        case .logout: return "LOGOUT"
        case .startTLS: return "STARTTLS"
        case .login: return "LOGIN"
        case .authenticate: return "AUTHENTICATE"
        case .select: return "SELECT"
        case .examine: return "EXAMINE"
        case .create: return "CREATE"
        case .delete: return "DELETE"
        case .rename: return "RENAME"
        case .subscribe: return "SUBSCRIBE"
        case .unsubscribe: return "UNSUBSCRIBE"
        case .list: return "LIST"
        case .lsub: return "LSUB"
        case .status: return "STATUS"
        case .append: return "APPEND"
        case .check: return "CHECK"
        case .close: return "CLOSE"
        case .unselect: return "UNSELECT"
        case .expunge: return "EXPUNGE"
        case .uidExpunge: return "UID EXPUNGE"
        case .search: return "SEARCH"
        case .uidSearch: return "UID SEARCH"
        case .fetch: return "FETCH"
        case .uidFetch: return "UID FETCH"
        case .store: return "STORE"
        case .uidStore: return "UID STORE"
        case .copy: return "COPY"
        case .uidCopy: return "UID COPY"
        case .move: return "MOVE"
        case .uidMove: return "UID MOVE"
        case .enable: return "ENABLE"
        case .id: return "ID"
        case .namespace: return "NAMESPACE"
        case .idle: return "IDLE"
        case .notify: return "NOTIFY"
        }
    }
}
