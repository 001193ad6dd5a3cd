/// A parsed message: its header and its MIME tree.
///
/// ```swift
/// let message = MessageParser.parse(rawBytes)
/// print(message.subject ?? "", message.from.first?.displayName ?? "")
/// let body = ReadableBody(message)
/// ```
public struct Message: Sendable, Hashable {
    /// The top-level header (the root part's header).
    public var header: MessageHeader {
        get { root.header }
        set { root.header = newValue }
    }
    /// The root of the MIME tree (its header is `header`).
    public var root: MIMEPart

    /// Makes a message from a parsed root part.
    public init(root: MIMEPart) {
        self.root = root
    }

    /// `Subject`, encoded words decoded, control characters (an encoded
    /// escape or line break) removed so it is safe to show on one line.
    public var subject: String? {
        header.decodedValue(for: "Subject")?.removingControlCharacters(keepLineBreaks: false)
    }
    /// `From` addresses (usually one).
    public var from: [MailAddress] { addresses("From") }
    /// `Sender`.
    public var sender: [MailAddress] { addresses("Sender") }
    /// `Reply-To`.
    public var replyTo: [MailAddress] { addresses("Reply-To") }
    /// `To`, all fields of that name together.
    public var to: [MailAddress] { addresses("To") }
    /// `Cc`, all fields of that name together.
    public var cc: [MailAddress] { addresses("Cc") }
    /// `Bcc`, all fields of that name together.
    public var bcc: [MailAddress] { addresses("Bcc") }
    /// `Date` in seconds since 1970 UTC, `nil` when missing or unreadable.
    public var date: Int64? { header["Date"].flatMap(DateParser.parse) }
    /// `Message-ID` without angle brackets.
    public var messageID: String? { header["Message-ID"].flatMap { Message.messageIDs(in: $0).first } }
    /// `In-Reply-To` ids without angle brackets.
    public var inReplyTo: [String] { header["In-Reply-To"].map(Message.messageIDs) ?? [] }
    /// `References` ids without angle brackets, oldest first.
    public var references: [String] { header.values(for: "References").flatMap(Message.messageIDs) }

    /// Addresses from every field called `name`.
    public func addresses(_ name: String) -> [MailAddress] {
        header.values(for: name).flatMap(AddressParser.parse)
    }

    /// The `<id>` tokens of a Message-ID style field; a bare value without
    /// brackets counts as one id.
    public static func messageIDs(in value: String) -> [String] {
        // On UTF-8 bytes: `<`, `>`, space and tab are ASCII, so every index
        // found is a character boundary of `value`.
        let utf8 = value.utf8
        var ids: [String] = []
        var open: String.Index?
        var index = utf8.startIndex
        while index != utf8.endIndex {
            switch utf8[index] {
            case UInt8(ascii: "<"):
                open = utf8.index(after: index)
            case UInt8(ascii: ">"):
                if let start = open {
                    let id = value[start..<index].trimmingSpaces()
                    if !id.isEmpty { ids.append(id) }
                }
                open = nil
            default:
                break
            }
            index = utf8.index(after: index)
        }
        if ids.isEmpty {
            let bare = value.trimmingSpaces()
            if !bare.isEmpty, !bare.utf8.contains(UInt8(ascii: " ")) { ids.append(bare) }
        }
        return ids
    }
}
