import Foundation

/// One message to put into a mailbox with ``DovecotServer/seed(user:mailbox:messages:)``:
/// the raw RFC 5322 bytes exactly as the server will serve them, its flags, and its
/// internal date (IMAP `INTERNALDATE`, the Maildir file's modification time).
public struct SeedMessage: Sendable, Hashable {
    /// A system flag a seeded message can carry. Keywords are not supported by seeding;
    /// set them over IMAP with `STORE`.
    public enum Flag: String, Sendable, Hashable, CaseIterable, Comparable {
        case answered, deleted, draft, flagged, seen

        /// The flag as IMAP spells it, such as `\Seen`.
        public var imapName: String {
            switch self {
            case .answered: "\\Answered"
            case .deleted: "\\Deleted"
            case .draft: "\\Draft"
            case .flagged: "\\Flagged"
            case .seen: "\\Seen"
            }
        }

        /// The letter of the flag in a Maildir file name's `:2,` info part.
        var maildirLetter: Character {
            switch self {
            case .answered: "R"
            case .deleted: "T"
            case .draft: "D"
            case .flagged: "F"
            case .seen: "S"
            }
        }

        /// Maildir order (the letters sorted), which the file name's info part needs.
        public static func < (lhs: Flag, rhs: Flag) -> Bool {
            lhs.maildirLetter < rhs.maildirLetter
        }
    }

    /// The message as the server stores it; use CRLF line endings.
    public var raw: [UInt8]
    /// System flags; an unflagged message is delivered to `new/`, the others to `cur/`.
    public var flags: Set<Flag>
    /// The IMAP internal date (the time the server "received" the message).
    public var internalDate: Date

    /// Makes a message from raw bytes, kept exactly as given.
    public init(raw: [UInt8], flags: Set<Flag> = [], internalDate: Date = Date()) {
        self.raw = raw
        self.flags = flags
        self.internalDate = internalDate
    }

    /// Makes a message from text; bare `\n` line endings become CRLF, as IMAP wants.
    public init(text: String, flags: Set<Flag> = [], internalDate: Date = Date()) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 64)
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\n") && previous != UInt8(ascii: "\r") {
                bytes.append(UInt8(ascii: "\r"))
            }
            bytes.append(byte)
            previous = byte
        }
        self.init(raw: bytes, flags: flags, internalDate: internalDate)
    }

    /// The message size as IMAP reports it (`RFC822.SIZE`): the bytes with every bare LF
    /// counted as CRLF.
    public var virtualSize: Int {
        // memchr, not a byte loop: this runs for every seeded message in debug builds.
        raw.withUnsafeBufferPointer { buffer -> Int in
            guard let base = buffer.baseAddress else { return 0 }
            var size = buffer.count
            var offset = 0
            while offset < buffer.count, let found = memchr(base + offset, 0x0A, buffer.count - offset) {
                let position = found.assumingMemoryBound(to: UInt8.self) - UnsafeMutablePointer(mutating: base)
                if position == 0 || base[position - 1] != 0x0D {
                    size += 1
                }
                offset = position + 1
            }
            return size
        }
    }
}
