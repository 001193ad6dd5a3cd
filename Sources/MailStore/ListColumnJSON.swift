/// A fast path for the JSON of the cache's two common list shapes, string
/// lists (`references`, `keywords`, labels) and address lists (`from`, `to`,
/// `cc`): Foundation's JSON coders cost several microseconds a call, and a
/// first sync writes five such columns per message, a list page reads three.
///
/// The text is ordinary JSON that `JSONDecoder` reads too; anything the
/// reader here does not expect makes it return nil, and the caller falls
/// back to `JSONDecoder`.
enum ListColumnJSON {
    // MARK: Writing

    static func encode(_ strings: [String]) -> String {
        var out: [UInt8] = [UInt8(ascii: "[")]
        out.reserveCapacity(strings.reduce(2) { $0 + $1.utf8.count + 3 })
        for (i, string) in strings.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            appendQuoted(string, to: &out)
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }

    static func encode(_ addresses: [CachedAddress]) -> String {
        var out: [UInt8] = [UInt8(ascii: "[")]
        out.reserveCapacity(addresses.reduce(2) { $0 + ($1.name?.utf8.count ?? 0) + $1.email.utf8.count + 24 })
        for (i, address) in addresses.enumerated() {
            out += i > 0 ? #",{"#.utf8 : #"{"#.utf8
            if let name = address.name {
                out += #""name":"#.utf8
                appendQuoted(name, to: &out)
                out.append(UInt8(ascii: ","))
            }
            out += #""email":"#.utf8
            appendQuoted(address.email, to: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }

    /// `string` as a JSON string. Built on UTF-8 bytes: everything escaped is
    /// ASCII, so multi-byte characters are copied through untouched.
    private static func appendQuoted(_ string: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most strings need no escape at all: copied whole.
        if !string.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out += string.utf8
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += #"\""#.utf8
            case UInt8(ascii: "\\"): out += #"\\"#.utf8
            case UInt8(ascii: "\n"): out += #"\n"#.utf8
            case UInt8(ascii: "\r"): out += #"\r"#.utf8
            case UInt8(ascii: "\t"): out += #"\t"#.utf8
            case ..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += #"\u00"#.utf8
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            default:
                out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    // MARK: Reading

    static func decodeStrings(_ text: String) -> [String]? {
        var reader = Reader(bytes: Array(text.utf8))
        return reader.list { reader in reader.string() }
    }

    static func decodeAddresses(_ text: String) -> [CachedAddress]? {
        var reader = Reader(bytes: Array(text.utf8))
        return reader.list { reader in
            guard reader.consume(UInt8(ascii: "{")) else { return nil }
            var name: String?
            var email: String?
            if reader.consume(UInt8(ascii: "}")) { return nil }
            repeat {
                guard let key = reader.string(), reader.consume(UInt8(ascii: ":")) else { return nil }
                if reader.consumeNull() {
                    if key != "name" { return nil }
                    continue
                }
                guard let value = reader.string() else { return nil }
                switch key {
                case "name": name = value
                case "email": email = value
                default: return nil
                }
            } while reader.consume(UInt8(ascii: ","))
            guard reader.consume(UInt8(ascii: "}")), let email else { return nil }
            return CachedAddress(name: name, email: email)
        }
    }

    private struct Reader {
        let bytes: [UInt8]
        var position = 0

        mutating func skipSpace() {
            while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
        }

        mutating func consume(_ byte: UInt8) -> Bool {
            skipSpace()
            guard position < bytes.count, bytes[position] == byte else { return false }
            position += 1
            return true
        }

        mutating func consumeNull() -> Bool {
            skipSpace()
            guard bytes.count - position >= 4, bytes[position..<(position + 4)].elementsEqual("null".utf8) else { return false }
            position += 4
            return true
        }

        /// `[ element, … ]` and nothing after it.
        mutating func list<T>(_ element: (inout Reader) -> T?) -> [T]? {
            guard consume(UInt8(ascii: "[")) else { return nil }
            var result: [T] = []
            if consume(UInt8(ascii: "]")) { return atEnd() ? result : nil }
            repeat {
                guard let value = element(&self) else { return nil }
                result.append(value)
            } while consume(UInt8(ascii: ","))
            guard consume(UInt8(ascii: "]")), atEnd() else { return nil }
            return result
        }

        mutating func atEnd() -> Bool {
            skipSpace()
            return position == bytes.count
        }

        /// A JSON string; nil on anything unexpected (the caller falls back).
        mutating func string() -> String? {
            guard consume(UInt8(ascii: "\"")) else { return nil }
            var out: [UInt8] = []
            var start = position
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    out.append(contentsOf: bytes[start..<position])
                    position += 1
                    return String(decoding: out, as: UTF8.self)
                }
                if byte == UInt8(ascii: "\\") {
                    out.append(contentsOf: bytes[start..<position])
                    position += 1
                    guard position < bytes.count else { return nil }
                    let escaped = bytes[position]
                    position += 1
                    switch escaped {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escaped)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "u"):
                        guard var scalar = hex4() else { return nil }
                        if (0xD800..<0xDC00).contains(scalar) {
                            // A surrogate pair.
                            guard bytes.count - position >= 6, bytes[position] == UInt8(ascii: "\\"),
                                  bytes[position + 1] == UInt8(ascii: "u") else { return nil }
                            position += 2
                            guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let unicode = Unicode.Scalar(scalar) else { return nil }
                        out.append(contentsOf: Array(String(Character(unicode)).utf8))
                    default:
                        return nil
                    }
                    start = position
                    continue
                }
                if byte < 0x20 { return nil }
                position += 1
            }
            return nil
        }

        mutating func hex4() -> UInt32? {
            guard bytes.count - position >= 4 else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[position]
                position += 1
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): value = value * 16 + UInt32(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): value = value * 16 + UInt32(byte - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): value = value * 16 + UInt32(byte - UInt8(ascii: "A") + 10)
                default: return nil
                }
            }
            return value
        }
    }
}
