import Foundation

/// Makes realistic RFC 5322 messages, deterministically from a seed and an index.
///
/// Message `i` of a factory is always the same bytes. Across indexes the messages vary
/// the way real mail does: display names in many scripts (RFC 2047 encoded words in `B`
/// and `Q` form, UTF-8 and ISO-8859-1), quoted names with commas and quotes, `To`/`Cc`
/// lists, subjects that are encoded or long enough to be folded, dates in several zones,
/// threads (`In-Reply-To`/`References`, "Re:" subjects, quoted text), and bodies of five
/// ``Kind``s. Lines end in CRLF. Most messages are 1–6 KB, some up to ~25 KB.
///
/// ``summary(_:)`` tells a test what it should find after decoding (the subject and the
/// sender's name as text, the Message-ID, the thread parent, the flags) without parsing.
///
/// ```swift
/// let factory = MessageFactory(seed: 7)
/// try await server.seed(user: "bob", messages: factory.messages(0..<1_000))
/// let expected = factory.summary(41)  // UID 42: subject, from, date, flags …
/// ```
public struct MessageFactory: Sendable {
    /// The shape of a message body.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// `text/plain; charset=utf-8`, 7bit or 8bit.
        case plain
        /// `text/plain; charset=utf-8`, quoted-printable with long, soft-broken lines.
        case quotedPrintable
        /// `text/plain; charset=iso-8859-1`, raw 8-bit Latin-1 or quoted-printable.
        case latin1
        /// `multipart/alternative`: quoted-printable text and HTML.
        case alternative
        /// `multipart/mixed`: text plus one base64 attachment.
        case attachment
    }

    /// What a generated message says, decoded, for assertions.
    public struct Summary: Sendable, Hashable {
        /// The index the message was made from.
        public let index: Int
        /// `Message-ID`, with angle brackets.
        public let messageID: String
        /// The parent's Message-ID for a reply.
        public let inReplyTo: String?
        /// The thread ancestors' Message-IDs, oldest first (empty for a thread start).
        public let references: [String]
        /// The subject as text (encoded words decoded, folding removed).
        public let subject: String
        /// The sender's display name as text; empty when the address stands alone.
        public let fromName: String
        /// The sender's address.
        public let fromAddress: String
        /// The `To` addresses, the factory's recipient first.
        public let to: [String]
        /// The `Cc` addresses.
        public let cc: [String]
        /// The `Date` header's instant.
        public let date: Date
        /// The internal date given to the server.
        public let internalDate: Date
        /// The body shape.
        public let kind: Kind
        /// The flags the message is seeded with.
        public let flags: Set<SeedMessage.Flag>
        /// The attachment's file name (decoded) for ``Kind/attachment``.
        public let attachmentName: String?
    }

    /// The seed every message is derived from.
    public let seed: UInt64
    /// The first `To` address of every message (the mailbox owner).
    public let recipient: String
    /// The date of message 0; message `i` is about `i` hours later.
    public let start: Date

    /// Makes a factory. The defaults give a stable corpus that starts on 2024-01-01.
    public init(
        seed: UInt64 = 1,
        recipient: String = "alice@tern.test",
        start: Date = Date(timeIntervalSince1970: 1_704_099_600)
    ) {
        self.seed = seed
        self.recipient = recipient
        self.start = start
    }

    /// Message `index` (0 or more).
    public func message(_ index: Int) -> SeedMessage {
        let plan = plan(index)
        return SeedMessage(raw: render(plan), flags: plan.summary.flags, internalDate: plan.summary.internalDate)
    }

    /// Messages for the indexes in `range`, in order.
    public func messages(_ range: Range<Int>) -> [SeedMessage] {
        range.map(message)
    }

    /// What message `index` contains, decoded.
    public func summary(_ index: Int) -> Summary {
        plan(index).summary
    }
}

extension MessageFactory {
    /// Independent random streams per message, so that one choice never shifts another.
    enum Stream: UInt64 {
        case thread = 1, topic, header, body
    }

    func random(_ index: Int, _ stream: Stream) -> SplitMix64 {
        SplitMix64(seed: seed, index: index, stream: stream.rawValue)
    }

    /// Every decision about message `index`, before rendering.
    struct Plan {
        var summary: Summary
        var sender: Person
        var toPeople: [Person]
        var ccPeople: [Person]
        var topic: String
        var root: Int
        var subjectEncoding: HeaderEncoding
        var nameEncoding: HeaderEncoding
        /// The parent's sender name and date, for the "On …, … wrote:" line of a reply.
        var quoted: (name: String, date: Date)?
        var signature: Bool
    }

    /// The thread parent of message `index`: about a third of messages answer one of
    /// the fifteen messages before them.
    func parent(of index: Int) -> Int? {
        guard index > 0 else { return nil }
        var random = random(index, .thread)
        guard random.percent(35) else { return nil }
        return index - 1 - random.int(in: 0..<min(index, 15))
    }

    func messageID(_ index: Int) -> String {
        "<msg.\(index).\(String(seed, radix: 16))@tern.test>"
    }

    /// The first draws of message `index`'s header stream: its date and sender. Planning
    /// continues with the returned generator; quoting a parent needs only these two.
    func dateAndSender(_ index: Int) -> (date: Date, sender: Person, random: SplitMix64) {
        var random = random(index, .header)
        let date = start.addingTimeInterval(Double(index) * 3600 + Double(random.int(in: 0..<3000)))
        let sender = random.pick(Self.people)
        return (date, sender, random)
    }

    func plan(_ index: Int) -> Plan {
        // Thread: ancestors oldest first, at most ten.
        var ancestors: [Int] = []
        var cursor = parent(of: index)
        while let current = cursor, ancestors.count < 10 {
            ancestors.insert(current, at: 0)
            cursor = parent(of: current)
        }
        var root = ancestors.first ?? index
        while let up = parent(of: root) {
            root = up
        }
        let parentIndex = ancestors.last

        var topicRandom = random(root, .topic)
        let topic = Self.topics[topicRandom.int(in: 0..<Self.topics.count)]
        let baseSubject = "\(topic) #\(root)"
        let subject = parentIndex == nil ? baseSubject : "Re: \(baseSubject)"

        let (date, sender, headerRandom) = dateAndSender(index)
        var random = headerRandom
        let others = Self.people.filter { $0.address != sender.address && !$0.name.isEmpty }
        let toPeople = (0..<random.int(in: 0..<3)).map { _ in random.pick(others) }
        let ccPeople = random.percent(30) ? (0..<random.int(in: 1..<3)).map { _ in random.pick(others) } : []
        let kind: Kind = {
            let roll = random.int(in: 0..<100)
            switch roll {
            case 0..<35: return .plain
            case 35..<50: return .quotedPrintable
            case 50..<62: return .latin1
            case 62..<82: return .alternative
            default: return .attachment
            }
        }()
        var flags: Set<SeedMessage.Flag> = []
        if random.percent(65) { flags.insert(.seen) }
        if random.percent(10) { flags.insert(.answered) }
        if random.percent(7) { flags.insert(.flagged) }
        let subjectEncoding = HeaderEncoding.choose(for: topic, using: &random)
        let nameEncoding = HeaderEncoding.choose(for: sender.name, using: &random)
        let attachmentName = kind == .attachment ? random.pick(Self.attachments).name : nil
        let internalDate = date.addingTimeInterval(Double(random.int(in: 30..<300)))
        let signature = random.percent(40)

        let summary = Summary(
            index: index,
            messageID: messageID(index),
            inReplyTo: parentIndex.map(messageID),
            references: ancestors.map(messageID),
            subject: subject,
            fromName: sender.name,
            fromAddress: sender.address,
            to: [recipient] + toPeople.map(\.address),
            cc: ccPeople.map(\.address),
            date: date,
            internalDate: internalDate,
            kind: kind,
            flags: flags,
            attachmentName: attachmentName
        )
        return Plan(
            summary: summary,
            sender: sender,
            toPeople: toPeople,
            ccPeople: ccPeople,
            topic: topic,
            root: root,
            subjectEncoding: subjectEncoding,
            nameEncoding: nameEncoding,
            quoted: parentIndex.map { dateAndSender($0) }.map { ($0.sender.name, $0.date) },
            signature: signature
        )
    }
}
