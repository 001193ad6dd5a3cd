import NIOCore

/// One function per command of RFC 3501 §6 (and the extensions of `Command`);
/// each writes everything after `tag SP` and before the final CRLF.
extension CommandEncodeBuffer {
    /// `command = tag SP (command-any / command-auth / command-nonauth / command-select) CRLF`
    mutating func writeCommand(_ command: Command, tag: Tag) {
        writeRaw(tag.rawValue.utf8)
        writeSpace()
        writeCommandBody(command)
        writeCRLF()
    }

    mutating func writeCommandBody(_ command: Command) {
        switch command {
        case .capability: writeText("CAPABILITY")
        case .noop: writeText("NOOP")
        case .logout: writeText("LOGOUT")
        case .startTLS: writeText("STARTTLS")
        case .login(let username, let password): writeLogin(username: username, password: password)
        case .authenticate(let mechanism, let initialResponse):
            writeAuthenticate(mechanism: mechanism, initialResponse: initialResponse)
        case .select(let mailbox, let parameters):
            writeText("SELECT ")
            writeMailbox(mailbox)
            writeSelectParameters(parameters)
        case .examine(let mailbox, let parameters):
            writeText("EXAMINE ")
            writeMailbox(mailbox)
            writeSelectParameters(parameters)
        case .create(let mailbox): writeText("CREATE "); writeMailbox(mailbox)
        case .delete(let mailbox): writeText("DELETE "); writeMailbox(mailbox)
        case .rename(let from, let to):
            writeText("RENAME ")
            writeMailbox(from)
            writeSpace()
            writeMailbox(to)
        case .subscribe(let mailbox): writeText("SUBSCRIBE "); writeMailbox(mailbox)
        case .unsubscribe(let mailbox): writeText("UNSUBSCRIBE "); writeMailbox(mailbox)
        case .list(let reference, let pattern, let returnOptions):
            writeList(reference: reference, pattern: pattern, returnOptions: returnOptions)
        case .lsub(let reference, let pattern):
            writeText("LSUB ")
            writeMailbox(reference)
            writeSpace()
            writeListMailbox(pattern)
        case .status(let mailbox, let attributes): writeStatus(mailbox, attributes)
        case .append(let mailbox, let flags, let date, let message):
            writeAppend(mailbox, flags: flags, date: date, message: message)
        case .check: writeText("CHECK")
        case .close: writeText("CLOSE")
        case .unselect: writeText("UNSELECT")
        case .expunge: writeText("EXPUNGE")
        case .uidExpunge(let set): writeText("UID EXPUNGE "); writeNumberSet(set)
        case .search(let key, let returnOptions):
            writeText("SEARCH")
            writeSearchProgram(key, returnOptions: returnOptions)
        case .uidSearch(let key, let returnOptions):
            writeText("UID SEARCH")
            writeSearchProgram(key, returnOptions: returnOptions)
        case .fetch(let set, let items, let modifiers):
            writeText("FETCH ")
            writeFetch(set, items, modifiers)
        case .uidFetch(let set, let items, let modifiers):
            writeText("UID FETCH ")
            writeFetch(set, items, modifiers)
        case .store(let set, let modifiers, let action):
            writeText("STORE ")
            writeStore(set, modifiers, action)
        case .uidStore(let set, let modifiers, let action):
            writeText("UID STORE ")
            writeStore(set, modifiers, action)
        case .copy(let set, let mailbox): writeText("COPY "); writeSetAndMailbox(set, mailbox)
        case .uidCopy(let set, let mailbox): writeText("UID COPY "); writeSetAndMailbox(set, mailbox)
        case .move(let set, let mailbox): writeText("MOVE "); writeSetAndMailbox(set, mailbox)
        case .uidMove(let set, let mailbox): writeText("UID MOVE "); writeSetAndMailbox(set, mailbox)
        case .enable(let capabilities):
            // enable = "ENABLE" 1*(SP capability)
            writeText("ENABLE")
            for capability in capabilities {
                writeSpace()
                writeAtom(capability.rawValue)
            }
        case .id(let parameters): writeID(parameters)
        case .namespace: writeText("NAMESPACE")
        case .idle: writeText("IDLE")
        case .notify(let request): writeNotify(request)
        }
    }

    // MARK: Authentication

    /// `login = "LOGIN" SP userid SP password`, both `astring`.
    mutating func writeLogin(username: String, password: String) {
        writeText("LOGIN ")
        writeAString(username)
        writeSpace()
        writeAString(password)
    }

    /// `authenticate = "AUTHENTICATE" SP auth-type [SP (base64 / "=")]` (RFC 4959).
    ///
    /// An empty initial response is `=`. A response that is not base64 is
    /// written as a string so that it cannot inject syntax (the server rejects it).
    mutating func writeAuthenticate(mechanism: String, initialResponse: String?) {
        writeText("AUTHENTICATE ")
        writeAtom(mechanism)
        guard let initialResponse else { return }
        writeSpace()
        if initialResponse.isEmpty {
            writeText("=")
        } else if initialResponse.utf8.allSatisfy(Self.isBase64Char) {
            writeRaw(initialResponse.utf8)
        } else {
            writeIMAPString(initialResponse)
        }
    }

    /// `base64-char = ALPHA / DIGIT / "+" / "/"`, plus the `=` padding.
    static func isBase64Char(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "="):
            return true
        default:
            return false
        }
    }

    // MARK: Small pieces

    /// `sequence-set` / `uid-set`: `1:5,7,9:*`.
    mutating func writeNumberSet<Element>(_ set: NumberSet<Element>) {
        writeRaw(set.description.utf8)
    }

    mutating func writeSetAndMailbox<Element>(_ set: NumberSet<Element>, _ mailbox: MailboxName) {
        writeNumberSet(set)
        writeSpace()
        writeMailbox(mailbox)
    }

    /// `id = "ID" SP id-params-list`;
    /// `id-params-list = "(" *(string SP nstring) ")" / nil` (RFC 2971).
    mutating func writeID(_ parameters: [IDParameter]?) {
        writeText("ID ")
        guard let parameters else {
            writeText("NIL")
            return
        }
        writeText("(")
        for (index, parameter) in parameters.enumerated() {
            if index > 0 { writeSpace() }
            writeIMAPString(parameter.key)
            writeSpace()
            writeNString(parameter.value)
        }
        writeText(")")
    }

    /// Writes `items` separated by spaces inside parentheses.
    mutating func writeParenthesised<Item>(_ items: [Item], _ writeItem: (inout Self, Item) -> Void) {
        writeText("(")
        for (index, item) in items.enumerated() {
            if index > 0 { writeSpace() }
            writeItem(&self, item)
        }
        writeText(")")
    }
}
