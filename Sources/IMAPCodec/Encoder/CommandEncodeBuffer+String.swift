import NIOCore

/// Strings on the wire: atoms, quoted strings and literals (RFC 3501 §4.1–4.3, §9).
///
/// The encoder picks the smallest form the grammar allows: an atom when every
/// byte is an atom character, a quoted string when every byte is a TEXT-CHAR
/// (plus valid UTF-8 once UTF8=ACCEPT is enabled, RFC 6855 §3), and a literal
/// otherwise. CR and LF therefore never appear outside a literal, so no value
/// can end a command early or inject another one.
extension CommandEncodeBuffer {
    /// How a string will be written.
    enum StringForm: Hashable {
        case atom
        case quoted
        case literal
    }

    /// Which bare (unquoted) form a grammar position accepts.
    enum BareForm: Hashable {
        /// `atom = 1*ATOM-CHAR` (flag keywords, capability names, auth-type).
        case atom
        /// `astring = 1*ASTRING-CHAR / string` (`]` allowed).
        case astring
        /// `list-mailbox = 1*list-char / string` (`%`, `*` and `]` allowed).
        case listMailbox
        /// `string` only (ID fields, nstring values, X-GM-RAW).
        case none
    }

    /// Longer strings go as literals: servers bound their line length, and a
    /// literal costs only its `{N}` header.
    static let maxQuotedLength = 1000

    /// Classifies `bytes` for a position that accepts `bare` forms.
    ///
    /// Linear in the length of `bytes`; stops at the first byte that forces a literal.
    func form(of bytes: some Collection<UInt8>, bare: BareForm) -> StringForm {
        if bytes.isEmpty { return .quoted }
        if bytes.count > Self.maxQuotedLength { return .literal }
        var bareAllowed = bare != .none
        var hasEightBit = false
        for byte in bytes {
            switch byte {
            case 0x00, UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                // Not TEXT-CHAR, never in a quoted string (and NUL not even in CHAR8).
                return .literal
            case 0x80...:
                guard utf8Accepted else { return .literal }
                hasEightBit = true
                bareAllowed = false
            default:
                if bareAllowed && !Self.isBareChar(byte, bare) { bareAllowed = false }
            }
        }
        if hasEightBit && !Self.isValidUTF8(bytes) { return .literal }
        return bareAllowed ? .atom : .quoted
    }

    /// `ATOM-CHAR`, `ASTRING-CHAR` or `list-char` of RFC 3501 §9, for a 7-bit byte.
    ///
    ///     atom-specials  = "(" / ")" / "{" / SP / CTL / list-wildcards /
    ///                      quoted-specials / resp-specials
    ///     ATOM-CHAR      = <any CHAR except atom-specials>
    ///     ASTRING-CHAR   = ATOM-CHAR / resp-specials
    ///     list-char      = ATOM-CHAR / list-wildcards / resp-specials
    static func isBareChar(_ byte: UInt8, _ bare: BareForm) -> Bool {
        switch byte {
        case 0x00...0x20, 0x7F...:  // CTL, SP, 8-bit
            return false
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "{"),
             UInt8(ascii: "\""), UInt8(ascii: "\\"):
            return false
        case UInt8(ascii: "]"):
            return bare == .astring || bare == .listMailbox
        case UInt8(ascii: "%"), UInt8(ascii: "*"):
            return bare == .listMailbox
        default:
            return bare != .none
        }
    }

    /// Whether `bytes` is well-formed UTF-8 (RFC 3629: no overlong forms, no
    /// surrogates, nothing above U+10FFFF), as RFC 6855 requires of quoted
    /// strings; the standard library's decoder judges.
    static func isValidUTF8(_ bytes: some Collection<UInt8>) -> Bool {
        !transcode(bytes.makeIterator(), from: UTF8.self, to: UTF32.self, stoppingOnError: true) { _ in }
    }

    // MARK: Writers

    /// `astring = 1*ASTRING-CHAR / string`
    mutating func writeAString(_ bytes: some Collection<UInt8>) {
        write(bytes, bare: .astring)
    }

    /// `astring` for a Swift string (its UTF-8 bytes).
    mutating func writeAString(_ text: String) {
        writeAString(text.utf8)
    }

    /// `string = quoted / literal`: never an atom, so `NIL` stays a string.
    mutating func writeIMAPString(_ bytes: some Collection<UInt8>) {
        write(bytes, bare: .none)
    }

    /// `string` for a Swift string.
    mutating func writeIMAPString(_ text: String) {
        writeIMAPString(text.utf8)
    }

    /// `nstring = string / nil`
    mutating func writeNString(_ text: String?) {
        if let text {
            writeIMAPString(text)
        } else {
            writeText("NIL")
        }
    }

    /// `mailbox = "INBOX" / astring`: the wire bytes, INBOX as it is.
    mutating func writeMailbox(_ name: MailboxName) {
        writeAString(name.bytes)
    }

    /// `list-mailbox = 1*list-char / string`: `*` and `%` stay bare wildcards.
    mutating func writeListMailbox(_ pattern: String) {
        write(pattern.utf8, bare: .listMailbox)
    }

    /// An `atom` (flag keyword, capability, auth-type, return option).
    ///
    /// The grammar allows nothing else here, so a value that is not a valid
    /// atom is written as a string: the server answers BAD instead of the
    /// value's bytes being read as protocol syntax.
    mutating func writeAtom(_ text: String) {
        write(text.utf8, bare: .atom)
    }

    /// Whether `text` is a valid `atom` (non-empty, only ATOM-CHARs).
    static func isAtom(_ text: some Collection<UInt8>) -> Bool {
        !text.isEmpty && text.allSatisfy { isBareChar($0, .atom) }
    }

    /// Writes `bytes` in the smallest form a position accepting `bare` allows.
    mutating func write(_ bytes: some Collection<UInt8>, bare: BareForm) {
        switch form(of: bytes, bare: bare) {
        case .atom:
            writeRaw(bytes)
        case .quoted:
            writeQuoted(bytes)
        case .literal:
            writeLiteral(bytes)
        }
    }
}
