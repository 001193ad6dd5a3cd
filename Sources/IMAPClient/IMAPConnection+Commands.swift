import IMAPCodec
import NIOCore

extension IMAPConnection {
    // MARK: Authentication

    /// LOGIN with a user name and password. Refused without sending anything
    /// when the server advertises LOGINDISABLED.
    public func login(username: String, password: String) async throws {
        guard !capabilities.contains(.loginDisabled) else { throw Error.loginDisabled }
        let t = try await runExpectingOK(.login(username: username, password: password))
        try await didAuthenticate(t)
    }

    /// AUTHENTICATE with a SASL mechanism (PLAIN or XOAUTH2), using SASL-IR
    /// when the server offers it. A rejection throws `IMAPCommandError`
    /// whose text carries XOAUTH2's error detail when there was one.
    public func authenticate(_ mechanism: SASLExchange.Mechanism) async throws {
        guard capabilities.contains(Capability("AUTH=" + mechanism.name)) else {
            throw Error.mechanismUnavailable(mechanism.name)
        }
        let reply = try await saslExchange(mechanism)
        try await didAuthenticate(reply)
    }

    private func saslExchange(_ mechanism: SASLExchange.Mechanism) async throws -> TaggedResponse {
        var exchange = SASLExchange(mechanism: mechanism)
        try await acquire()
        defer { release() }
        let tag = nextTag()
        let initial = capabilities.contains(.saslIR) ? exchange.initialResponse() : nil
        _ = try await sendCommand(.authenticate(mechanism: mechanism.name, initialResponse: initial), tag: tag)
        while true {
            let r = try await nextResponse(while: "AUTHENTICATE")
            switch r {
            case .continuation(let c):
                switch exchange.respond(toChallenge: c.text) {
                case .respond(let line): try await send(ByteBuffer(string: line + "\r\n"))
                case .cancel: try await send(ByteBuffer(string: "*\r\n"))
                }
            case .tagged(let t) where t.tag == tag:
                trackCode(t.text.code)
                guard t.state == .ok else {
                    var text = t.text
                    if let detail = exchange.failureDetail { text.text += " (\(detail))" }
                    throw IMAPCommandError(command: "AUTHENTICATE", state: t.state, text: text)
                }
                return t
            case .tagged(let t):
                throw Error.unexpectedResponse("tagged reply for unknown tag \(t.tag)")
            case .untagged(let u):
                noteUnsolicited(u)
            }
        }
    }

    private func didAuthenticate(_ reply: TaggedResponse) async throws {
        isAuthenticated = true
        // Capabilities change after login. A CAPABILITY code in the reply was
        // already taken by `trackCode`; without one, ask.
        if case .capability? = reply.text.code { return }
        try await refreshCapabilities()
    }

    // MARK: Mailboxes

    /// ENABLE extensions (e.g. QRESYNC, UTF8=ACCEPT); returns what the server enabled.
    @discardableResult
    public func enable(_ extensions: [Capability]) async throws -> Set<Capability> {
        var result: Set<Capability> = []
        try await runExpectingOK(.enable(extensions)) { u in
            if case .enabled(let caps) = u { result.formUnion(caps); return true }
            return false
        }
        enabled.formUnion(result)
        return result
    }

    /// LIST, optionally with RETURN options such as SPECIAL-USE (sent only
    /// when the server supports them).
    public func list(reference: MailboxName = MailboxName(wire: ""), pattern: String = "*",
                     returnOptions: [ListReturnOption] = []) async throws -> [MailboxListing] {
        var listings: [MailboxListing] = []
        try await runExpectingOK(.list(reference: reference, pattern: pattern, returnOptions: returnOptions)) { u in
            if case .list(let l) = u { listings.append(l); return true }
            return false
        }
        return listings
    }

    /// Every mailbox with its role (when the server has SPECIAL-USE) and the
    /// status `items` of each selectable one: in one LIST round trip with
    /// LIST-STATUS (RFC 5819), otherwise LIST then one STATUS per mailbox.
    public func listWithStatus(pattern: String = "*", _ items: [StatusAttribute]) async throws
        -> [(listing: MailboxListing, status: MailboxStatus?)] {
        var options: [ListReturnOption] = capabilities.contains(.specialUse) ? [.specialUse] : []
        if capabilities.contains(.listStatus) {
            options.append(.status(items))
            var listings: [MailboxListing] = []
            var statuses: [MailboxName: MailboxStatus] = [:]
            try await runExpectingOK(.list(reference: MailboxName(wire: ""), pattern: pattern, returnOptions: options)) { u in
                switch u {
                case .list(let l): listings.append(l)
                case .mailboxStatus(let name, let s): statuses[name] = s
                default: return false
                }
                return true
            }
            return listings.map { ($0, statuses[$0.name]) }
        }
        var result: [(listing: MailboxListing, status: MailboxStatus?)] = []
        for listing in try await list(pattern: pattern, returnOptions: options) {
            let selectable = !listing.attributes.contains(.noSelect) && !listing.attributes.contains(.nonExistent)
            result.append((listing, selectable ? try await status(listing.name, items) : nil))
        }
        return result
    }

    /// STATUS of a mailbox that need not be selected.
    ///
    /// Only the reply naming `mailbox` is taken: with NOTIFY active, STATUS
    /// replies for other mailboxes may arrive meanwhile; they stay unsolicited.
    public func status(_ mailbox: MailboxName, _ items: [StatusAttribute]) async throws -> MailboxStatus {
        var result = MailboxStatus()
        try await runExpectingOK(.status(mailbox, items)) { u in
            if case .mailboxStatus(let name, let s) = u,
               name == mailbox || (name.isInbox && mailbox.isInbox) {
                result = s
                return true
            }
            return false
        }
        return result
    }

    /// SELECT (read-write), with CONDSTORE or QRESYNC parameters.
    public func select(_ mailbox: MailboxName, _ parameters: SelectParameters? = nil) async throws -> SelectedMailbox {
        try await open(mailbox, parameters, readOnly: false)
    }

    /// EXAMINE (read-only), with CONDSTORE or QRESYNC parameters.
    public func examine(_ mailbox: MailboxName, _ parameters: SelectParameters? = nil) async throws -> SelectedMailbox {
        try await open(mailbox, parameters, readOnly: true)
    }

    private func open(_ mailbox: MailboxName, _ parameters: SelectParameters?, readOnly: Bool) async throws -> SelectedMailbox {
        var result = SelectedMailbox(name: mailbox)
        selectedMailbox = nil
        let command: Command = readOnly ? .examine(mailbox, parameters) : .select(mailbox, parameters)
        let t = try await runExpectingOK(command) { u in
            switch u {
            case .exists(let n): result.exists = n
            case .recent(let n): result.recent = n
            case .flags(let f): result.flags = f
            case .vanished(_, let set): result.vanished.append(set)
            case .fetch(let seq, let attrs): result.changed.append(FetchedMessage(sequenceNumber: seq, attributes: attrs))
            case .state(_, let text):
                switch text.code {
                case .permanentFlags(let f)?: result.permanentFlags = f
                case .uidValidity(let v)?: result.uidValidity = v
                case .uidNext(let v)?: result.uidNext = v
                case .unseen(let v)?: result.firstUnseen = v
                case .highestModSeq(let v)?: result.highestModSeq = v
                case .noModSeq?: result.highestModSeq = nil
                case .closed?: break
                default: return false
                }
            default: return false
            }
            return true
        }
        if case .readOnly? = t.text.code { result.readOnly = true }
        if readOnly { result.readOnly = true }
        selectedMailbox = mailbox
        return result
    }

    /// UNSELECT (or CLOSE when UNSELECT is missing, which also expunges nothing
    /// on a read-only mailbox).
    public func unselect() async throws {
        try await runExpectingOK(capabilities.contains(.unselect) ? .unselect : .close)
        selectedMailbox = nil
    }

    public func create(_ mailbox: MailboxName) async throws {
        try await runExpectingOK(.create(mailbox))
    }

    public func delete(_ mailbox: MailboxName) async throws {
        try await runExpectingOK(.delete(mailbox))
    }

    // MARK: Messages

    /// Result of a streaming FETCH: what came besides the messages.
    public struct FetchSummary: Sendable, Hashable {
        /// UIDs reported VANISHED (with the VANISHED modifier).
        public var vanished: [UIDSet] = []
        /// How many FETCH replies were handed to the caller.
        public var messages = 0
    }

    /// UID FETCH, handing each message to `handler` as soon as it is parsed.
    ///
    /// Memory stays bounded: when the handler is slower than the server, the
    /// socket stops being read. An error thrown by the handler is rethrown
    /// unchanged; the rest of the reply is drained before the next command.
    @discardableResult
    public func uidFetch(
        _ set: UIDSet, items: [FetchItem], modifiers: FetchModifiers = .none,
        handler: (FetchedMessage) async throws -> Void
    ) async throws -> FetchSummary {
        try await uidFetch(set, items: items, modifiers: modifiers, batchSize: 1) { batch in
            for message in batch { try await handler(message) }
        }
    }

    /// UID FETCH, handing the messages to `handler` in batches of up to
    /// `batchSize`, in order, as they are parsed (the last batch may be smaller).
    ///
    /// For large fetches: the handler runs off this connection's actor, and one
    /// call per batch instead of per message saves two executor hops per message.
    /// Memory stays bounded as with the per-message form (one batch, plus the
    /// responses the connection buffers while the handler works).
    @discardableResult
    public func uidFetch(
        _ set: UIDSet, items: [FetchItem], modifiers: FetchModifiers = .none, batchSize: Int,
        handler: ([FetchedMessage]) async throws -> Void
    ) async throws -> FetchSummary {
        var summary = FetchSummary()
        var batch: [FetchedMessage] = []
        batch.reserveCapacity(max(1, batchSize))
        try await runExpectingOK(.uidFetch(set, items, modifiers)) { u in
            switch u {
            case .fetch(let seq, let attrs):
                // A FETCH without UID is an unsolicited flag update.
                let message = FetchedMessage(sequenceNumber: seq, attributes: attrs)
                guard message.uid != nil else { return false }
                summary.messages += 1
                batch.append(message)
                if batch.count >= batchSize {
                    let full = batch
                    batch.removeAll(keepingCapacity: true)
                    try await handler(full)
                }
                return true
            case .vanished(_, let set):
                summary.vanished.append(set)
                return true
            default:
                return false
            }
        }
        if !batch.isEmpty { try await handler(batch) }
        return summary
    }

    /// UID FETCH collecting every message into an array (for small sets).
    public func uidFetch(_ set: UIDSet, items: [FetchItem], modifiers: FetchModifiers = .none) async throws -> [FetchedMessage] {
        var messages: [FetchedMessage] = []
        try await uidFetch(set, items: items, modifiers: modifiers) { messages.append($0) }
        return messages
    }

    /// UID SEARCH; returns the matching UIDs.
    public func uidSearch(_ key: SearchKey) async throws -> [UID] {
        var uids: [UID] = []
        try await runExpectingOK(.uidSearch(key, returnOptions: nil)) { u in
            if case .search(let numbers, _) = u { uids.append(contentsOf: numbers.map { UID($0) }); return true }
            return false
        }
        return uids
    }

    /// UID STORE; returns the FETCH replies (none with `.silent`).
    @discardableResult
    public func uidStore(_ set: UIDSet, _ action: StoreAction, modifiers: StoreModifiers = .none) async throws -> [FetchedMessage] {
        var updated: [FetchedMessage] = []
        try await runExpectingOK(.uidStore(set, modifiers, action)) { u in
            if case .fetch(let seq, let attrs) = u {
                updated.append(FetchedMessage(sequenceNumber: seq, attributes: attrs))
                return true
            }
            return false
        }
        return updated
    }

    /// COPYUID details of a COPY or MOVE, when the server has UIDPLUS.
    public struct CopyResult: Sendable, Hashable {
        public var uidValidity: UIDValidity
        public var sourceUIDs: UIDSet
        public var destinationUIDs: UIDSet
    }

    /// UID MOVE (RFC 6851). The moved messages' EXPUNGEs are consumed.
    @discardableResult
    public func uidMove(_ set: UIDSet, to mailbox: MailboxName) async throws -> CopyResult? {
        guard capabilities.contains(.move) else {
            throw IMAPCommandError(command: "UID MOVE", state: .no, text: ResponseText(text: "server lacks MOVE"))
        }
        var copy: CopyResult?
        let t = try await runExpectingOK(.uidMove(set, mailbox)) { u in
            switch u {
            case .state(.ok, let text):
                if case .copyUID(let v, let s, let d)? = text.code {
                    copy = CopyResult(uidValidity: v, sourceUIDs: s, destinationUIDs: d)
                    return true
                }
                return false
            default: return false
            }
        }
        if case .copyUID(let v, let s, let d)? = t.text.code {
            copy = CopyResult(uidValidity: v, sourceUIDs: s, destinationUIDs: d)
        }
        return copy
    }

    /// UID COPY.
    @discardableResult
    public func uidCopy(_ set: UIDSet, to mailbox: MailboxName) async throws -> CopyResult? {
        let t = try await runExpectingOK(.uidCopy(set, mailbox))
        if case .copyUID(let v, let s, let d)? = t.text.code {
            return CopyResult(uidValidity: v, sourceUIDs: s, destinationUIDs: d)
        }
        return nil
    }

    /// UID EXPUNGE (UIDPLUS): removes only these \Deleted messages.
    public func uidExpunge(_ set: UIDSet) async throws {
        try await runExpectingOK(.uidExpunge(set))
    }

    /// APPEND a message; returns its UID when the server reports APPENDUID.
    @discardableResult
    public func append(_ message: ByteBuffer, to mailbox: MailboxName, flags: [Flag] = [],
                       date: InternalDate? = nil) async throws -> (UIDValidity, UID)? {
        let t = try await runExpectingOK(.append(mailbox, flags: flags, date: date, message: message))
        if case .appendUID(let v, let uids)? = t.text.code, let first = uids.ranges.first {
            return (v, first.lower)
        }
        return nil
    }

    /// NOOP: a health check, and a way to collect pending updates.
    public func noop() async throws {
        try await runExpectingOK(.noop)
    }

    /// LOGOUT; the server closes the connection afterwards.
    public func logout() async throws {
        do {
            _ = try await run(.logout)
        } catch Error.connectionClosed {
            // The server may close before its tagged OK arrives: that is a logout too.
        }
        close()
    }
}
