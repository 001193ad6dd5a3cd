import NIOCore
@testable import IMAPCodec

/// Generates random valid responses together with the value each must parse
/// to, for the property tests. Everything derives from one seeded generator,
/// so a failure replays from its seed.
struct ResponseGenerator {
    var random: ParserTestRandom

    init(seed: UInt64) { random = ParserTestRandom(seed: seed) }

    // MARK: Random basics

    /// A number in `0..<bound` (0 when `bound` is not positive).
    mutating func below(_ bound: Int) -> Int { random.below(max(bound, 1)) }
    mutating func chance(_ percent: Int) -> Bool { random.percent(percent) }
    mutating func pick<T>(_ items: [T]) -> T { random.pick(items) }
    mutating func number(_ range: ClosedRange<UInt32> = 1...100_000) -> UInt32 {
        range.lowerBound + UInt32(truncatingIfNeeded: random.next() % (UInt64(range.upperBound - range.lowerBound) + 1))
    }

    /// Flips the case of ASCII letters at random (keywords are case-insensitive).
    mutating func randomCase(_ word: String) -> String {
        String(String.UnicodeScalarView(word.unicodeScalars.map { scalar -> Unicode.Scalar in
            guard scalar.isASCII, chance(30) else { return scalar }
            let text = String(scalar)
            return (text.uppercased() == text ? text.lowercased() : text.uppercased()).unicodeScalars.first ?? scalar
        }))
    }

    private static let textPool = Array("abcdefghijXYZ0123456789 .,:;!?-_()'/=<>@#$%&*+~|`éü日本語✓".unicodeScalars)
    private static let atomPool = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789-._$&'+,/:;<=>?@^`|~!".unicodeScalars)

    /// Human text: no CR/LF, no braces (a trailing `{n}` would announce a
    /// literal), not starting with a space or `[`.
    mutating func text(max: Int = 30) -> String {
        let count = below(max + 1)
        var scalars = String.UnicodeScalarView()
        for i in 0..<count {
            var s = pick(Self.textPool)
            if i == 0, s == " " { s = "x" }
            scalars.append(s)
        }
        return String(scalars)
    }

    mutating func atom(max: Int = 12) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<(1 + below(max)) { scalars.append(pick(Self.atomPool)) }
        return String(scalars)
    }

    /// Any string content, sometimes with quotes, backslashes, CR/LF, braces.
    mutating func anyString(max: Int = 24) -> String {
        switch below(6) {
        case 0: return ""
        case 1: return atom()
        case 2: return text(max: max) + pick(["\"", "\\", "{3}", "\r\n", "\t", "\u{0}"]) + text(max: 6)
        default: return text(max: max)
        }
    }

    // MARK: Strings on the wire

    /// quoted or literal; `value` may be anything (CR/LF force a literal).
    mutating func stringWire(_ value: String) -> String {
        if value.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\r\n" || $0 == "\u{0}" }) || chance(15) {
            return "{\(value.utf8.count)\(chance(20) ? "+" : "")}\r\n" + value
        }
        var out = "\""
        for scalar in value.unicodeScalars {
            if scalar == "\"" || scalar == "\\" { out += "\\" }
            out.unicodeScalars.append(scalar)
        }
        return out + "\""
    }

    mutating func nstringWire(_ value: String?) -> String {
        guard let value else { return randomCase("NIL") }
        return stringWire(value)
    }

    /// astring: an atom when possible (and chosen), else a string.
    mutating func astringWire(_ value: String, wildcards: Bool = false) -> String {
        let atomSafe = !value.isEmpty && value.utf8.allSatisfy { b in
            ASCII.isAStringChar(b) || (wildcards && (b == ASCII.percent || b == ASCII.star))
        }
        if atomSafe, chance(60) { return value }
        return stringWire(value)
    }

    mutating func maybeNil() -> String? { chance(25) ? nil : anyString() }

    // MARK: Number sets

    mutating func uidSet() -> (String, UIDSet) {
        var wire: [String] = []
        var ranges: [UIDSet.Range] = []
        for _ in 0..<(1 + below(4)) {
            let a = number()
            switch below(3) {
            case 0:
                wire.append("\(a)")
                ranges.append(.init(UID(a)))
            case 1:
                let b = number()
                wire.append("\(a):\(b)")
                ranges.append(.init(UID(a), UID(b)))
            default:
                wire.append("\(a):*")
                ranges.append(.init(UID(a), nil))
            }
        }
        return (wire.joined(separator: ","), UIDSet(ranges: ranges))
    }

    // MARK: Responses

    /// One complete response: its bytes and its value.
    mutating func response() -> ([UInt8], Response) {
        let (wire, value) = responseText()
        return (Array(wire.utf8), value)
    }

    private mutating func lineEnd() -> String { chance(90) ? "\r\n" : "\n" }

    private mutating func responseText() -> (String, Response) {
        switch below(16) {
        case 0, 1:
            let tag = "A" + String(number(1...9999))
            let state = pick([ResponseState.ok, .no, .bad])
            let (codeWire, code) = chance(50) ? responseCode() : ("", nil)
            let text = text()
            let sep = text.isEmpty && codeWire.isEmpty ? (chance(50) ? "" : " ") : " "
            return (tag + " " + randomCase(state.rawValue) + sep + codeWire + (codeWire.isEmpty || text.isEmpty ? "" : " ") + text + lineEnd(),
                    .tagged(TaggedResponse(tag: Tag(tag), state: state, text: ResponseText(code: code, text: text))))
        case 2:
            let (codeWire, code) = chance(60) ? responseCode() : ("", nil)
            let text = text()
            let word = pick(["OK", "NO", "BAD", "BYE", "PREAUTH"])
            let rt = ResponseText(code: code, text: text)
            let value: UntaggedResponse
            switch word {
            case "OK": value = .state(.ok, rt)
            case "NO": value = .state(.no, rt)
            case "BAD": value = .state(.bad, rt)
            case "BYE": value = .bye(rt)
            default: value = .preauth(rt)
            }
            let body = [codeWire, text].filter { !$0.isEmpty }.joined(separator: " ")
            return ("* " + randomCase(word) + (body.isEmpty ? "" : " " + body) + lineEnd(), .untagged(value))
        case 3:
            let text = chance(50) ? text() : String(repeating: pick(["eyJ", "QUJD", "ZGVm", "=="]), count: below(20))
            let wire = text.isEmpty ? pick(["+", "+ "]) : "+ " + text
            return (wire + lineEnd(), .continuation(ContinuationRequest(text: text)))
        case 4:
            let caps = (0..<below(8)).map { _ in pick(["IMAP4rev1", "IDLE", "AUTH=PLAIN", "LITERAL+", "X-GM-EXT-1", "condstore", "UTF8=ACCEPT"]) }
            let word = chance(80) ? "CAPABILITY" : "ENABLED"
            let wire = "* " + randomCase(word) + caps.map { " " + $0 }.joined() + lineEnd()
            let value = caps.map { Capability($0) }
            return (wire, .untagged(word == "CAPABILITY" ? .capability(value) : .enabled(value)))
        case 5:
            let n = number(0...4_000_000_000)
            switch below(3) {
            case 0: return ("* \(n) " + randomCase("EXISTS") + lineEnd(), .untagged(.exists(Int(n))))
            case 1: return ("* \(n) " + randomCase("RECENT") + lineEnd(), .untagged(.recent(Int(n))))
            default: return ("* \(n) " + randomCase("EXPUNGE") + lineEnd(), .untagged(.expunge(SequenceNumber(n))))
            }
        case 6:
            let (wire, flags) = flagList()
            return ("* " + randomCase("FLAGS") + " " + wire + lineEnd(), .untagged(.flags(flags)))
        case 7:
            let numbers = (0..<below(10)).map { _ in number(1...UInt32.max) }
            let modSeq: UInt64? = chance(30) && !numbers.isEmpty ? random.next() >> 1 : nil
            var wire = "* " + randomCase("SEARCH") + numbers.map { " \($0)" }.joined()
            if let modSeq { wire += " (MODSEQ \(modSeq))" }
            return (wire + lineEnd(), .untagged(.search(numbers, modSeq: modSeq.map { ModSeq($0) })))
        case 8:
            return esearch()
        case 9:
            return list()
        case 10:
            return status()
        case 11:
            let (set, uids) = uidSet()
            let earlier = chance(50)
            return ("* VANISHED " + (earlier ? "(EARLIER) " : "") + set + lineEnd(), .untagged(.vanished(earlier: earlier, uids)))
        case 12:
            if chance(30) { return ("* ID NIL" + lineEnd(), .untagged(.id(nil))) }
            let pairs = (0..<below(4)).map { _ in IDParameter(key: atom(), value: maybeNil()) }
            let wire = "* ID (" + pairs.map { stringWire($0.key) + " " + nstringWire($0.value) }.joined(separator: " ") + ")"
            return (wire + lineEnd(), .untagged(.id(pairs)))
        default:
            return fetch()
        }
    }

    private mutating func flag() -> (String, Flag) {
        let flag = pick([Flag.seen, .answered, .flagged, .deleted, .draft, .recent, .keyword("$Forwarded"), .keyword("Junk"),
                         .extension("Important"), .keyword(atom().replacingOccurrences(of: "\\", with: ""))])
        switch flag {
        case .keyword, .extension: return (flag.description, flag)
        default: return (randomCase(flag.description), flag)
        }
    }

    private mutating func flagList() -> (String, [Flag]) {
        let flags = (0..<below(6)).map { _ in flag() }
        return ("(" + flags.map(\.0).joined(separator: " ") + ")", flags.map(\.1))
    }

    private mutating func responseCode() -> (String, ResponseCode) {
        switch below(15) {
        case 0: return ("[" + randomCase("ALERT") + "]", .alert)
        case 1: return ("[PARSE]", .parse)
        case 2: return ("[READ-ONLY]", .readOnly)
        case 3: return ("[READ-WRITE]", .readWrite)
        case 4: return ("[TRYCREATE]", .tryCreate)
        case 5: let n = number(); return ("[UIDNEXT \(n)]", .uidNext(UID(n)))
        case 6: let n = number(1...UInt32.max); return ("[UIDVALIDITY \(n)]", .uidValidity(UIDValidity(n)))
        case 7: let n = number(); return ("[UNSEEN \(n)]", .unseen(SequenceNumber(n)))
        case 8: let n = random.next(); return ("[HIGHESTMODSEQ \(n)]", .highestModSeq(ModSeq(n)))
        case 9: return ("[CLOSED]", .closed)
        case 10:
            let v = number(); let (set, uids) = uidSet()
            return ("[APPENDUID \(v) \(set)]", .appendUID(UIDValidity(v), uids))
        case 11:
            let v = number(); let (a, sa) = uidSet(); let (b, sb) = uidSet()
            return ("[COPYUID \(v) \(a) \(b)]", .copyUID(UIDValidity(v), sa, sb))
        case 12:
            let (wire, flags) = flagList()
            let wildcard = chance(50)
            let inner = wire.dropFirst().dropLast() + (wildcard ? (flags.isEmpty ? "\\*" : " \\*") : "")
            return ("[PERMANENTFLAGS (\(inner))]", .permanentFlags(flags.map { .flag($0) } + (wildcard ? [.wildcard] : [])))
        case 13:
            let caps = (0..<(1 + below(5))).map { _ in pick(["IMAP4rev1", "IDLE", "AUTH=PLAIN", "QRESYNC"]) }
            return ("[CAPABILITY " + caps.joined(separator: " ") + "]", .capability(caps.map { Capability($0) }))
        default:
            let name = "X-" + pick(["FOO", "Bar", "BAZ-1"])
            let args = chance(50) ? "some args (1 2)" : nil
            return ("[" + name + (args.map { " " + $0 } ?? "") + "]", .other(name.uppercased(), args))
        }
    }

    private mutating func esearch() -> (String, Response) {
        var value = ESearchResponse()
        var wire = "* ESEARCH"
        if chance(60) {
            let tag = "A" + String(number(1...999))
            wire += " (TAG \"\(tag)\")"
            value.correlator = Tag(tag)
        }
        if chance(50) { wire += " UID"; value.uid = true }
        if chance(50) { let n = number(); wire += " MIN \(n)"; value.min = n }
        if chance(50) { let n = number(); wire += " MAX \(n)"; value.max = n }
        if chance(50) { let n = number(0...1_000_000); wire += " COUNT \(n)"; value.count = Int(n) }
        if chance(50) { let (set, uids) = uidSet(); wire += " ALL \(set)"; value.all = uids }
        if chance(30) { let n = random.next() >> 1; wire += " MODSEQ \(n)"; value.modSeq = ModSeq(n) }
        return (wire + lineEnd(), .untagged(.esearch(value)))
    }

    private mutating func mailboxName() -> String {
        pick(["INBOX", "Sent Items", "Archive/2024", "&AMk-l&AOk-ments", "Entwürfe", "日本語", "a\"b\\c", "Foo*", "[Gmail]/All Mail", atom(), text(max: 12)])
    }

    private mutating func list() -> (String, Response) {
        let attributes = (0..<below(4)).map { _ in pick(["\\HasNoChildren", "\\HasChildren", "\\Sent", "\\Noselect", "\\X-Custom", "\\Junk"]) }
        let delimiter: Character? = pick(["/", ".", nil, "\\"])
        let name = mailboxName()
        let delimiterWire: String
        switch delimiter {
        case nil: delimiterWire = "NIL"
        case "\\": delimiterWire = "\"\\\\\""
        case let d?: delimiterWire = "\"\(d)\""
        }
        let extended = chance(20) ? " (\"CHILDINFO\" (\"SUBSCRIBED\"))" : ""
        let wire = "* " + randomCase("LIST") + " (" + attributes.joined(separator: " ") + ") " + delimiterWire + " "
            + astringWire(name, wildcards: true) + extended + lineEnd()
        return (wire, .untagged(.list(MailboxListing(attributes: attributes.map(MailboxAttribute.init), delimiter: delimiter,
                                                     name: MailboxName(bytes: Array(name.utf8))))))
    }

    private mutating func status() -> (String, Response) {
        var status = MailboxStatus()
        var items: [String] = []
        if chance(50) { let n = number(0...1_000_000); status.messages = Int(n); items.append("MESSAGES \(n)") }
        if chance(50) { let n = number(); status.uidNext = UID(n); items.append("UIDNEXT \(n)") }
        if chance(50) { let n = number(); status.uidValidity = UIDValidity(n); items.append("UIDVALIDITY \(n)") }
        if chance(50) { let n = number(0...1000); status.unseen = Int(n); items.append("UNSEEN \(n)") }
        if chance(30) { let n = number(0...1000); status.recent = Int(n); items.append("RECENT \(n)") }
        if chance(30) { let n = number(0...1000); status.deleted = Int(n); items.append("DELETED \(n)") }
        if chance(30) { let n = random.next(); status.size = n; items.append("SIZE \(n)") }
        if chance(30) { let n = random.next() >> 1; status.highestModSeq = ModSeq(n); items.append("HIGHESTMODSEQ \(n)") }
        let name = mailboxName()
        let wire = "* STATUS " + astringWire(name, wildcards: true) + " (" + items.map { randomCase($0) }.joined(separator: " ") + ")"
        return (wire + lineEnd(), .untagged(.mailboxStatus(MailboxName(bytes: Array(name.utf8)), status)))
    }

    // MARK: FETCH

    private mutating func fetch() -> (String, Response) {
        let number = self.number(1...UInt32.max)
        var items: [String] = []
        var attributes: [MessageAttribute] = []
        for _ in 0..<below(7) {
            let (wire, attribute) = fetchItem()
            items.append(wire)
            attributes.append(attribute)
        }
        let wire = "* \(number) " + randomCase("FETCH") + " (" + items.joined(separator: " ") + ")" + lineEnd()
        return (wire, .untagged(.fetch(SequenceNumber(number), attributes)))
    }

    private mutating func fetchItem() -> (String, MessageAttribute) {
        switch below(12) {
        case 0: let n = number(); return (randomCase("UID") + " \(n)", .uid(UID(n)))
        case 1: let (w, f) = flagList(); return (randomCase("FLAGS") + " " + w, .flags(f))
        case 2: let n = number(0...UInt32.max); return ("RFC822.SIZE \(n)", .rfc822Size(Int(n)))
        case 3: let n = random.next() >> 1; return ("MODSEQ (\(n))", .modSeq(ModSeq(n)))
        case 4: let n = random.next(); return ("X-GM-MSGID \(n)", .gmailMessageID(n))
        case 5:
            let labels = (0..<below(4)).map { _ in pick(["\\Inbox", "\\Important", "Work", "Muy Importante", "日本", atom()]) }
            let wire = labels.map { $0.hasPrefix("\\") ? $0 : astringWire($0) }.joined(separator: " ")
            return ("X-GM-LABELS (" + wire + ")", .gmailLabels(labels))
        case 6:
            let date = InternalDate(year: 1970 + below(100), month: 1 + below(12), day: 1 + below(28), hour: below(24),
                                    minute: below(60), second: below(60), zoneMinutes: (below(25) - 12) * 60 + pick([0, 30, 45]))
            var wire = date.description
            if date.day < 10, chance(50) { wire = " " + wire.dropFirst() }
            return ("INTERNALDATE \"" + randomCase(wire) + "\"", .internalDate(date))
        case 7:
            let (w, e) = envelope()
            return (randomCase("ENVELOPE") + " " + w, .envelope(e))
        case 8, 9:
            let extensionData = chance(70)
            let (w, b) = body(depth: 0, extensionData: extensionData)
            return ((extensionData ? "BODYSTRUCTURE" : "BODY") + " " + w, .bodyStructure(b, hasExtensionData: extensionData))
        case 10:
            let (sectionWire, section) = self.section()
            let origin: Int? = chance(30) ? Int(number(0...100_000)) : nil
            let data = chance(10) ? nil : randomBytes(max: 300)
            let dataWire: String
            if let data {
                let safe = data.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }
                dataWire = safe && chance(30) ? "\"" + String(decoding: data, as: UTF8.self) + "\"" : "{\(data.count)}\r\n" + String(decoding: data, as: UTF8.self)
            } else {
                dataWire = "NIL"
            }
            return ("BODY[" + sectionWire + "]" + (origin.map { "<\($0)>" } ?? "") + " " + dataWire,
                    .bodySection(section, origin: origin, data: data.map { ByteBuffer(bytes: $0) }))
        default:
            let part = (0..<below(3)).map { _ in Int(number(1...9)) }
            let data = randomBytes(max: 100)
            return ("BINARY[" + part.map(String.init).joined(separator: ".") + "] ~{\(data.count)}\r\n" + String(decoding: data, as: UTF8.self),
                    .binarySection(part, origin: nil, data: ByteBuffer(bytes: data)))
        }
    }

    /// Bytes that survive a trip through `String(decoding:)` unchanged (valid UTF-8).
    private mutating func randomBytes(max: Int) -> [UInt8] {
        let text = (0..<below(max + 1)).map { _ -> String in
            switch below(10) {
            case 0: return "\r\n"
            case 1: return pick(["{5}\r\n", "* 1 EXISTS\r\n", ")", "(", "\"", "\\", "\u{0}", "é", "✓"])
            default: return String(pick(Self.textPool))
            }
        }.joined()
        return Array(text.utf8)
    }

    private mutating func section() -> (String, SectionSpecifier) {
        let part = (0..<below(3)).map { _ in Int(number(1...20)) }
        let prefix = part.map(String.init).joined(separator: ".")
        let dot = part.isEmpty ? "" : "."
        switch below(6) {
        case 0: return (prefix, SectionSpecifier(part: part))
        case 1: return (prefix + dot + randomCase("HEADER"), SectionSpecifier(part: part, text: .header))
        case 2: return (prefix + dot + "TEXT", SectionSpecifier(part: part, text: .text))
        case 3 where !part.isEmpty: return (prefix + ".MIME", SectionSpecifier(part: part, text: .mime))
        case 4:
            let fields = (0..<(1 + below(3))).map { _ in pick(["FROM", "To", "Subject", "X-Spam-Flag"]) }
            return (prefix + dot + "HEADER.FIELDS (" + fields.joined(separator: " ") + ")", SectionSpecifier(part: part, text: .headerFields(fields)))
        default:
            let fields = (0..<(1 + below(3))).map { _ in pick(["Received", "DKIM-Signature"]) }
            return (prefix + dot + "HEADER.FIELDS.NOT (" + fields.joined(separator: " ") + ")", SectionSpecifier(part: part, text: .headerFieldsNot(fields)))
        }
    }

    mutating func envelope() -> (String, Envelope) {
        let date = maybeNil(), subject = maybeNil(), inReplyTo = maybeNil(), messageID = maybeNil()
        var lists: [(String, [Address])] = []
        for _ in 0..<6 { lists.append(addressList()) }
        let wire = "(" + [nstringWire(date), nstringWire(subject)].joined(separator: " ") + " "
            + lists.map(\.0).joined(separator: " ") + " " + nstringWire(inReplyTo) + " " + nstringWire(messageID) + ")"
        return (wire, Envelope(date: date, subject: subject, from: lists[0].1, sender: lists[1].1, replyTo: lists[2].1,
                               to: lists[3].1, cc: lists[4].1, bcc: lists[5].1, inReplyTo: inReplyTo, messageID: messageID))
    }

    private mutating func addressList() -> (String, [Address]) {
        let count = below(4)
        guard count > 0 else { return (chance(80) ? "NIL" : "()", []) }
        var wires: [String] = []
        var addresses: [Address] = []
        for _ in 0..<count {
            let a = Address(name: maybeNil(), route: chance(10) ? "@relay" : nil, mailbox: maybeNil(), host: maybeNil())
            wires.append("(" + [a.name, a.route, a.mailbox, a.host].map { nstringWire($0) }.joined(separator: " ") + ")")
            addresses.append(a)
        }
        return ("(" + wires.joined(separator: chance(70) ? "" : " ") + ")", addresses)
    }

    private mutating func parameters() -> (String, [BodyStructure.Parameter]) {
        let count = below(3)
        guard count > 0 else { return (chance(80) ? "NIL" : "()", []) }
        let parameters = (0..<count).map { _ in BodyStructure.Parameter(name: pick(["charset", "NAME", "boundary", "format"]), value: anyString()) }
        return ("(" + parameters.map { stringWire($0.name) + " " + stringWire($0.value) }.joined(separator: " ") + ")", parameters)
    }

    private mutating func disposition() -> (String, BodyStructure.Disposition?) {
        guard chance(60) else { return ("NIL", nil) }
        let kind = pick(["attachment", "inline"])
        let (paramWire, params) = parameters()
        return ("(" + stringWire(randomCase(kind)) + " " + paramWire + ")", BodyStructure.Disposition(kind: kind, parameters: params))
    }

    private mutating func language() -> (String, [String]) {
        switch below(4) {
        case 0: return ("NIL", [])
        case 1: let l = pick(["en", "de-CH"]); return (stringWire(l), [l])
        default:
            let ls = (0..<(1 + below(2))).map { _ in pick(["en", "fr", "ja"]) }
            return ("(" + ls.map { stringWire($0) }.joined(separator: " ") + ")", ls)
        }
    }

    /// The extension fields after the first (`level` 2: disposition, 3: and
    /// language, 4: and location, then sometimes `trailing` unknown extension
    /// data), as wire text, storing what they must parse to.
    private mutating func extensionTail(
        level: Int, trailing: String,
        disposition: inout BodyStructure.Disposition?, language: inout [String], location: inout String?
    ) -> String {
        var wire = ""
        if level >= 2 { let (w, d) = self.disposition(); wire += " " + w; disposition = d }
        if level >= 3 { let (w, l) = self.language(); wire += " " + w; language = l }
        if level >= 4 {
            let l = maybeNil()
            wire += " " + nstringWire(l)
            location = l
            if chance(50) { wire += trailing }
        }
        return wire
    }

    /// A body structure up to three levels deep, with random extension levels.
    mutating func body(depth: Int, extensionData: Bool) -> (String, BodyStructure) {
        if depth < 3, chance(35) {
            var parts: [(String, BodyStructure)] = []
            for _ in 0..<(1 + below(3)) { parts.append(body(depth: depth + 1, extensionData: extensionData)) }
            let subtype = pick(["mixed", "alternative", "related"])
            var multipart = BodyStructure.Multipart(parts: parts.map(\.1), subtype: subtype)
            var wire = "(" + parts.map(\.0).joined(separator: chance(70) ? "" : " ") + " " + stringWire(randomCase(subtype))
            let level = extensionData ? below(5) : 0
            if level >= 1 {
                let (pw, p) = parameters()
                var ext = BodyStructure.MultipartExtension(parameters: p, disposition: nil, language: [], location: nil)
                wire += " " + pw
                wire += extensionTail(level: level, trailing: " NIL 42 (\"x\" (1 \"y\"))",
                                      disposition: &ext.disposition, language: &ext.language, location: &ext.location)
                multipart.extension_ = ext
            }
            return (wire + ")", .multipart(multipart))
        }
        let (type, subtype) = depth < 3 && chance(10) ? ("message", "rfc822") : pick([("text", "plain"), ("text", "html"), ("image", "png"), ("application", "pdf")])
        let (paramWire, params) = parameters()
        let id = maybeNil(), description = maybeNil()
        let encoding = pick(["7bit", "base64", "quoted-printable"])
        let size = Int(number(0...10_000_000))
        var wire = "(" + stringWire(randomCase(type)) + " " + stringWire(randomCase(subtype)) + " " + paramWire + " "
            + nstringWire(id) + " " + nstringWire(description) + " " + stringWire(randomCase(encoding)) + " \(size)"
        var kind = BodyStructure.Kind.basic
        if type == "text" {
            let lines = Int(number(0...100_000))
            wire += " \(lines)"
            kind = .text(lines: lines)
        } else if type == "message" {
            let (envelopeWire, envelope) = self.envelope()
            let (bodyWire, inner) = body(depth: depth + 1, extensionData: extensionData)
            let lines = Int(number(0...100_000))
            wire += " " + envelopeWire + " " + bodyWire + " \(lines)"
            kind = .message(envelope: envelope, body: inner, lines: lines)
        }
        var part = BodyStructure.SinglePart(type: type, subtype: subtype, parameters: params, id: id, description: description,
                                            encoding: encoding, size: size, kind: kind)
        let level = extensionData ? below(5) : 0
        if level >= 1 {
            let md5 = chance(50) ? nil : "Q2hlY2sgSW50ZWdyaXR5IQ=="
            var ext = BodyStructure.SinglePartExtension(md5: md5, disposition: nil, language: [], location: nil)
            wire += " " + nstringWire(md5)
            wire += extensionTail(level: level, trailing: " (\"attachment\" (\"filename\" \"a.pdf\")) NIL NIL",
                                  disposition: &ext.disposition, language: &ext.language, location: &ext.location)
            part.extension_ = ext
        }
        return (wire + ")", .singlepart(part))
    }
}
