import NIOCore

/// SELECT/EXAMINE parameters, LIST, STATUS and APPEND.
extension CommandEncodeBuffer {
    /// `select-params = SP "(" select-param *(SP select-param) ")"` (RFC 4466),
    /// `select-param =/ "CONDSTORE"` (RFC 7162 §3.1.8),
    /// `select-param =/ "QRESYNC" SP "(" uidvalidity SP mod-sequence-value [SP known-uids] ")"`
    /// (RFC 7162 §3.2.5).
    mutating func writeSelectParameters(_ parameters: SelectParameters?) {
        guard let parameters else { return }
        switch parameters {
        case .condStore:
            writeText(" (CONDSTORE)")
        case .qresync(let uidValidity, let modSeq, let knownUIDs):
            writeText(" (QRESYNC (")
            writeNumber(uidValidity.rawValue)
            writeSpace()
            writeNumber(modSeq.rawValue)
            if let knownUIDs {
                writeSpace()
                writeNumberSet(knownUIDs)
            }
            writeText("))")
        }
    }

    /// `list = "LIST" SP mailbox SP mbox-or-pat [SP list-return-opts]` (RFC 5258),
    /// `list-return-opts = "RETURN" SP "(" [return-option *(SP return-option)] ")"`.
    ///
    /// The pattern is wire text (modified UTF-7 or, with UTF8=ACCEPT, UTF-8), like
    /// `MailboxName.wire`; no RETURN clause is written when there are no options.
    mutating func writeList(reference: MailboxName, pattern: String, returnOptions: [ListReturnOption]) {
        writeText("LIST ")
        writeMailbox(reference)
        writeSpace()
        writeListMailbox(pattern)
        guard !returnOptions.isEmpty else { return }
        writeText(" RETURN ")
        writeParenthesised(returnOptions) { $0.writeListReturnOption($1) }
    }

    /// `return-option = "SUBSCRIBED" / "CHILDREN" / "SPECIAL-USE" / "STATUS" SP "(" status-att … ")"`
    mutating func writeListReturnOption(_ option: ListReturnOption) {
        switch option {
        case .subscribed: writeText("SUBSCRIBED")
        case .children: writeText("CHILDREN")
        case .specialUse: writeText("SPECIAL-USE")
        case .status(let attributes):
            writeText("STATUS ")
            writeStatusAttributes(attributes)
        }
    }

    /// `status = "STATUS" SP mailbox SP "(" status-att *(SP status-att) ")"`
    mutating func writeStatus(_ mailbox: MailboxName, _ attributes: [StatusAttribute]) {
        writeText("STATUS ")
        writeMailbox(mailbox)
        writeSpace()
        writeStatusAttributes(attributes)
    }

    mutating func writeStatusAttributes(_ attributes: [StatusAttribute]) {
        writeParenthesised(attributes) { $0.writeRaw($1.rawValue.utf8) }
    }

    /// `append = "APPEND" SP mailbox [SP flag-list] [SP date-time] SP literal`;
    /// with BINARY, `literal8` (RFC 3516 §4.4) when the message holds NUL bytes,
    /// which a plain literal (`*CHAR8`) cannot carry.
    ///
    /// An empty flag list is left out; the date is `"dd-Mon-yyyy hh:mm:ss +zzzz"`.
    mutating func writeAppend(_ mailbox: MailboxName, flags: [Flag], date: InternalDate?, message: ByteBuffer) {
        writeText("APPEND ")
        writeMailbox(mailbox)
        if !flags.isEmpty {
            writeSpace()
            writeFlagList(flags)
        }
        if let date {
            writeText(" \"")
            writeRaw(date.description.utf8)
            writeText("\"")
        }
        writeSpace()
        let literal8 = binary && message.readableBytesView.contains(0)
        writeLiteral(message, literal8: literal8)
    }

    /// `flag-list = "(" [flag *(SP flag)] ")"`
    mutating func writeFlagList(_ flags: [Flag]) {
        writeParenthesised(flags) { $0.writeFlag($1) }
    }

    /// `flag = "\Answered" / … / flag-keyword / flag-extension`,
    /// `flag-keyword = atom`, `flag-extension = "\" atom`.
    ///
    /// A keyword that is not an atom is written as a string, which the
    /// server rejects, rather than as syntax.
    mutating func writeFlag(_ flag: Flag) {
        switch flag {
        case .keyword(let keyword):
            writeAtom(keyword)
        case .extension(let name):
            if Self.isAtom(name.utf8) {
                writeText("\\")
                writeRaw(name.utf8)
            } else {
                writeIMAPString(flag.description)
            }
        case .seen, .answered, .flagged, .deleted, .draft, .recent:
            writeRaw(flag.description.utf8)
        }
    }
}
