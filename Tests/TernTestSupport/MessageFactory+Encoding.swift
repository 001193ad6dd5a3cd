import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension MessageFactory {
    /// How a header text (a subject or a display name) is written.
    enum HeaderEncoding: Sendable, Hashable {
        /// ASCII as is (quoted if a display name needs it; folded if long).
        case ascii
        /// RFC 2047 encoded words.
        case encoded(charset: Charset, form: Form)

        enum Charset: String, Sendable {
            case utf8 = "UTF-8"
            case latin1 = "ISO-8859-1"
        }

        enum Form: String, Sendable {
            case b = "B"
            case q = "Q"
        }

        /// Every encoding `choose(for:using:)` can pick for `text`.
        static func candidates(for text: String) -> [HeaderEncoding] {
            if text.unicodeScalars.allSatisfy({ $0.value < 0x80 }) {
                return [.ascii]
            }
            var result: [HeaderEncoding] = [.encoded(charset: .utf8, form: .b), .encoded(charset: .utf8, form: .q)]
            if text.unicodeScalars.allSatisfy({ $0.value <= 0xff }) {
                result += [.encoded(charset: .latin1, form: .b), .encoded(charset: .latin1, form: .q)]
            }
            return result
        }

        static func choose(for text: String, using random: inout SplitMix64) -> HeaderEncoding {
            if text.unicodeScalars.allSatisfy({ $0.value < 0x80 }) {
                return .ascii
            }
            let form: Form = random.percent(50) ? .b : .q
            if text.unicodeScalars.allSatisfy({ $0.value <= 0xff }) && random.percent(40) {
                return .encoded(charset: .latin1, form: form)
            }
            return .encoded(charset: .utf8, form: form)
        }
    }

    /// `text` as RFC 2047 encoded words of at most 75 characters each, never splitting
    /// a character across words.
    static func encodedWords(_ text: String, charset: HeaderEncoding.Charset, form: HeaderEncoding.Form) -> [String] {
        let prefix = "=?\(charset.rawValue)?\(form.rawValue)?"
        let budget = 75 - prefix.count - 2
        var words: [String] = []
        var chunk: [UInt8] = []

        func isQSafe(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "!"), UInt8(ascii: "*"),
                UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: " "):
                return true
            default:
                return false
            }
        }
        func encode(_ bytes: [UInt8]) -> String {
            switch form {
            case .b:
                return Data(bytes).base64EncodedString()
            case .q:
                var result = ""
                for byte in bytes {
                    if byte == UInt8(ascii: " ") {
                        result += "_"
                    } else if isQSafe(byte) {
                        result.unicodeScalars.append(Unicode.Scalar(byte))
                    } else {
                        result += "=" + hex(byte)
                    }
                }
                return result
            }
        }

        // The encoded length of `chunk`, kept as it grows (B: 4 per 3 bytes; Q: 1 or 3 per byte).
        var qLength = 0
        for scalar in text.unicodeScalars {
            let bytes: [UInt8] = charset == .utf8
                ? Array(String(scalar).utf8)
                : [UInt8(truncatingIfNeeded: scalar.value)]
            var scalarQLength = 0
            for byte in bytes {
                scalarQLength += isQSafe(byte) ? 1 : 3
            }
            let grownLength = form == .b ? (chunk.count + bytes.count + 2) / 3 * 4 : qLength + scalarQLength
            if !chunk.isEmpty && grownLength > budget {
                words.append(prefix + encode(chunk) + "?=")
                chunk = []
                qLength = 0
            }
            chunk += bytes
            qLength += scalarQLength
        }
        if !chunk.isEmpty {
            words.append(prefix + encode(chunk) + "?=")
        }
        return words
    }

    /// A display name as a header phrase: an atom sequence, a quoted string, or encoded words.
    static func phrase(_ name: String, encoding: HeaderEncoding) -> String {
        switch encoding {
        case .encoded(let charset, let form):
            return encodedWords(name, charset: charset, form: form).joined(separator: " ")
        case .ascii:
            let special = name.contains { "()<>[]:;@\\,.\"".contains($0) }
            guard special else { return name }
            let escaped = name.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(escaped)\""
        }
    }

    /// One mailbox: `phrase <address>`, or the bare address without a name.
    static func mailbox(_ person: Person, encoding: HeaderEncoding) -> String {
        mailboxes[MailboxKey(address: person.address, encoding: encoding)] ?? formatMailbox(person, encoding: encoding)
    }

    private struct MailboxKey: Hashable {
        var address: String
        var encoding: HeaderEncoding
    }

    /// Every correspondent in every encoding, formatted once.
    private static let mailboxes: [MailboxKey: String] = {
        var result: [MailboxKey: String] = [:]
        for person in people {
            for encoding in HeaderEncoding.candidates(for: person.name) {
                result[MailboxKey(address: person.address, encoding: encoding)] = formatMailbox(person, encoding: encoding)
            }
        }
        return result
    }()

    private static func formatMailbox(_ person: Person, encoding: HeaderEncoding) -> String {
        person.name.isEmpty ? person.address : "\(phrase(person.name, encoding: encoding)) <\(person.address)>"
    }

    /// The `Subject` value: `Re: ` for a reply, the topic (encoded words, or ASCII folded
    /// at 78 columns), and ` #<thread root index>` as plain text, which decodes to
    /// ``Summary/subject``.
    static func subjectHeader(topic: String, root: Int, reply: Bool, encoding: HeaderEncoding) -> String {
        let prefix = reply ? "Re: " : ""
        guard case .encoded(let charset, let form) = encoding else {
            return foldedASCII("\(prefix)\(topic) #\(root)", headerName: "Subject")
        }
        let words = encodedTopics[TopicKey(topic: topic, encoding: encoding)]
            ?? encodedWords(topic, charset: charset, form: form)
        return prefix + words.joined(separator: "\r\n ") + " #\(root)"
    }

    private struct TopicKey: Hashable {
        var topic: String
        var encoding: HeaderEncoding
    }

    /// Every non-ASCII topic in every encoding, encoded once.
    private static let encodedTopics: [TopicKey: [String]] = {
        var result: [TopicKey: [String]] = [:]
        for topic in topics {
            for encoding in HeaderEncoding.candidates(for: topic) {
                if case .encoded(let charset, let form) = encoding {
                    result[TopicKey(topic: topic, encoding: encoding)] = encodedWords(topic, charset: charset, form: form)
                }
            }
        }
        return result
    }()

    /// An ASCII unstructured header value (a subject) folded at spaces so that no line
    /// passes 78 characters.
    static func foldedASCII(_ text: String, headerName: String) -> String {
        // Folding puts CRLF before a space, so unfolding gives the text back unchanged.
        var result = ""
        var column = headerName.count + 2
        for (position, word) in text.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
            if position == 0 {
                result += word
                column += word.count
            } else if column + 1 + word.count > 78 {
                result += "\r\n " + word
                column = 1 + word.count
            } else {
                result += " " + word
                column += 1 + word.count
            }
        }
        return result
    }

    /// A list of mailboxes, folded one per line when it would pass 78 characters.
    static func addressList(_ mailboxes: [String], headerName: String) -> String {
        let single = mailboxes.joined(separator: ", ")
        if headerName.count + 2 + single.count <= 78 {
            return single
        }
        return mailboxes.joined(separator: ",\r\n ")
    }

    /// An RFC 5322 date in the sender's zone: `Mon, 01 Jan 2024 10:00:00 +0100`.
    static func rfc5322Date(_ date: Date, zoneMinutes: Int) -> String {
        var seconds = time_t(date.timeIntervalSince1970) + time_t(zoneMinutes * 60)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let sign = zoneMinutes < 0 ? "-" : "+"
        let zone = abs(zoneMinutes)
        return "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) "
            + "\(parts.tm_year + 1900) \(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) "
            + "\(sign)\(two(Int32(zone / 60)))\(two(Int32(zone % 60)))"
    }

    /// Quoted-printable (RFC 2045 6.7) of CRLF-separated lines, soft-broken at 76.
    static func quotedPrintable(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 4)
        var column = 0
        var index = 0
        let hexDigits = Array("0123456789ABCDEF".utf8)
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\r") && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n") {
                output += [UInt8(ascii: "\r"), UInt8(ascii: "\n")]
                column = 0
                index += 2
                continue
            }
            let atLineEnd = index + 1 == bytes.count || bytes[index + 1] == UInt8(ascii: "\r")
            let literal = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "="))
                || ((byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")) && !atLineEnd)
            let width = literal ? 1 : 3
            if column + width > 75 {
                output += [UInt8(ascii: "="), UInt8(ascii: "\r"), UInt8(ascii: "\n")]
                column = 0
            }
            if literal {
                output.append(byte)
            } else {
                output += [UInt8(ascii: "="), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0f)]]
            }
            column += width
            index += 1
        }
        return output
    }

    /// Base64 in 76-character CRLF lines, as MIME wants.
    static func base64Lines(_ data: Data) -> Data {
        var encoded = data.base64EncodedData(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        encoded.append(contentsOf: crlf)
        return encoded
    }

    /// RFC 2231 `name*=UTF-8''…` percent-encoding of a parameter value.
    static func rfc2231(_ value: String) -> String {
        var result = "UTF-8''"
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                result += "%" + hex(byte)
            }
        }
        return result
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]])
    }

    private static func two(_ value: Int32) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
