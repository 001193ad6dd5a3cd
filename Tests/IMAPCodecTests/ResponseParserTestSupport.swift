import NIOCore
import TernTestSupport
import Testing
@testable import IMAPCodec

// MARK: - Feeding

/// What feeding a byte stream to one parser produced.
struct ParserOutcome {
    var responses: [Response] = []
    var error: ParserError?
    /// Bytes left unconsumed in the buffer at the end.
    var leftover: Int = 0
    /// The most bytes the buffer held while the parser returned `nil`.
    var peakPending: Int = 0
}

/// Feeds `bytes` to a fresh parser in pieces ending at `splits` (then the
/// rest), draining every complete response after each piece; stops at the
/// first error.
func feedParser(_ bytes: [UInt8], splits: [Int] = [], limits: ParserLimits = .default) -> ParserOutcome {
    var parser = ResponseParser(limits: limits)
    var buffer = ByteBuffer()
    var outcome = ParserOutcome()
    var start = 0
    for end in splits + [bytes.count] where end >= start {
        buffer.writeBytes(bytes[start..<min(end, bytes.count)])
        start = min(end, bytes.count)
        while true {
            do {
                guard let response = try parser.parseResponse(from: &buffer) else {
                    outcome.peakPending = max(outcome.peakPending, buffer.readableBytes)
                    break
                }
                outcome.responses.append(response)
            } catch {
                outcome.error = error
                outcome.leftover = buffer.readableBytes
                return outcome
            }
        }
    }
    outcome.leftover = buffer.readableBytes
    return outcome
}

/// Feeds one byte at a time.
func feedParserByteByByte(_ bytes: [UInt8], limits: ParserLimits = .default) -> ParserOutcome {
    feedParser(bytes, splits: Array(0..<bytes.count), limits: limits)
}

/// Split points to try for a table row: all of them for short inputs, an
/// evenly spread sample (always including both ends) for long ones.
func samplePoints(_ count: Int, max: Int = 160) -> [Int] {
    guard count > max else { return Array(1..<Swift.max(count, 1)) }
    return (0..<max).map { 1 + $0 * (count - 2) / (max - 1) }
}

func wire(_ text: String) -> [UInt8] { Array(text.utf8) }

// MARK: - Tables

/// One row of a parser table: input bytes, what they must give, and the
/// row's source location, so a failure points at the row.
struct TableRow<Expected> {
    var input: [UInt8]
    var expected: Expected
    var location: SourceLocation

    init(_ input: String, _ expected: Expected, sourceLocation: SourceLocation = #_sourceLocation) {
        self.init(bytes: Array(input.utf8), expected, sourceLocation: sourceLocation)
    }

    init(bytes input: [UInt8], _ expected: Expected, sourceLocation: SourceLocation = #_sourceLocation) {
        self.input = input
        self.expected = expected
        self.location = sourceLocation
    }
}

extension TableRow where Expected == Void {
    init(_ input: String, sourceLocation: SourceLocation = #_sourceLocation) {
        self.init(bytes: Array(input.utf8), (), sourceLocation: sourceLocation)
    }
}

/// A valid response and the value it must parse to.
typealias ParserRow = TableRow<Response>
/// An invalid response and the error it must throw.
typealias InvalidParserRow = TableRow<ExpectedParserError>
/// An incomplete response, which must give `nil` and consume nothing.
typealias IncompleteParserRow = TableRow<Void>

/// What an invalid row must throw: an exact error, or a syntax error whose
/// `expected` contains some text.
enum ExpectedParserError: CustomStringConvertible {
    case exact(ParserError)
    case syntax(String)

    func matches(_ error: ParserError?) -> Bool {
        switch (self, error) {
        case (.exact(let e), let actual?): return e == actual
        case (.syntax(let text), .syntax(let expected, _, _)?): return expected.contains(text)
        default: return false
        }
    }

    var description: String {
        switch self {
        case .exact(let e): return "\(e)"
        case .syntax(let text): return "syntax error expecting …\(text)…"
        }
    }
}

/// Each row must parse to its value in one piece, one byte at a time and
/// split in two at every (sampled) boundary, consuming all its bytes.
func expectParsed(_ rows: [ParserRow], limits: ParserLimits = .default) {
    for row in rows {
        let whole = feedParser(row.input, limits: limits)
        #expect(whole.error == nil, "\(whole.error.map(String.init(describing:)) ?? "")", sourceLocation: row.location)
        #expect(whole.responses == [row.expected], sourceLocation: row.location)
        #expect(whole.leftover == 0, sourceLocation: row.location)
        guard whole.responses == [row.expected] else { continue }

        let byteByByte = feedParserByteByByte(row.input, limits: limits)
        #expect(byteByByte.responses == [row.expected] && byteByByte.error == nil,
                "byte by byte", sourceLocation: row.location)
        for split in samplePoints(row.input.count) {
            let outcome = feedParser(row.input, splits: [split], limits: limits)
            if outcome.responses != [row.expected] || outcome.error != nil {
                Issue.record("split at \(split) gave \(outcome.responses) \(String(describing: outcome.error))",
                             sourceLocation: row.location)
                break
            }
        }
    }
}

/// Each row must throw its error, however it is split.
func expectRejected(_ rows: [InvalidParserRow], limits: ParserLimits = .default) {
    for row in rows {
        let whole = feedParser(row.input, limits: limits)
        #expect(row.expected.matches(whole.error),
                "expected \(row.expected), got \(whole.error.map(String.init(describing:)) ?? "no error") / \(whole.responses)",
                sourceLocation: row.location)
        let byteByByte = feedParserByteByByte(row.input, limits: limits)
        #expect(row.expected.matches(byteByByte.error), "byte by byte: \(String(describing: byteByByte.error))",
                sourceLocation: row.location)
        for split in samplePoints(row.input.count, max: 40) {
            let outcome = feedParser(row.input, splits: [split], limits: limits)
            if !row.expected.matches(outcome.error) {
                Issue.record("split at \(split) gave \(String(describing: outcome.error))", sourceLocation: row.location)
                break
            }
        }
    }
}

/// Each row must give `nil` and consume nothing, in one piece and byte by byte.
func expectNeedsMore(_ rows: [IncompleteParserRow], limits: ParserLimits = .default) {
    for row in rows {
        for outcome in [feedParser(row.input, limits: limits), feedParserByteByByte(row.input, limits: limits)] {
            #expect(outcome.responses.isEmpty, sourceLocation: row.location)
            #expect(outcome.error == nil, "\(String(describing: outcome.error))", sourceLocation: row.location)
            #expect(outcome.leftover == row.input.count, sourceLocation: row.location)
        }
    }
}

/// Parses a complete transcript in one piece and in 7-byte pieces; both
/// must give the same responses and no error.
func parseTranscript(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> [Response] {
    let input = wire(text)
    let whole = feedParser(input)
    #expect(whole.error == nil, "\(String(describing: whole.error))", sourceLocation: sourceLocation)
    #expect(whole.leftover == 0, sourceLocation: sourceLocation)
    let chunked = feedParser(input, splits: Array(stride(from: 7, to: input.count, by: 7)))
    #expect(chunked.responses == whole.responses, sourceLocation: sourceLocation)
    let byteByByte = feedParserByteByByte(input)
    #expect(byteByByte.responses == whole.responses, sourceLocation: sourceLocation)
    return whole.responses
}

// MARK: - Value builders

func addr(_ name: String?, _ mailbox: String?, _ host: String?, route: String? = nil) -> Address {
    Address(name: name, route: route, mailbox: mailbox, host: host)
}

func param(_ name: String, _ value: String) -> BodyStructure.Parameter {
    BodyStructure.Parameter(name: name, value: value)
}

func env(
    date: String? = nil, subject: String? = nil, from: [Address] = [], sender: [Address] = [],
    replyTo: [Address] = [], to: [Address] = [], cc: [Address] = [], bcc: [Address] = [],
    inReplyTo: String? = nil, messageID: String? = nil
) -> Envelope {
    Envelope(date: date, subject: subject, from: from, sender: sender, replyTo: replyTo,
             to: to, cc: cc, bcc: bcc, inReplyTo: inReplyTo, messageID: messageID)
}

func single(
    _ type: String, _ subtype: String, _ parameters: [BodyStructure.Parameter] = [], id: String? = nil,
    description: String? = nil, encoding: String = "7bit", size: Int, kind: BodyStructure.Kind = .basic,
    ext: BodyStructure.SinglePartExtension? = nil
) -> BodyStructure {
    .singlepart(.init(type: type, subtype: subtype, parameters: parameters, id: id, description: description,
                      encoding: encoding, size: size, kind: kind, extension_: ext))
}

func multi(_ subtype: String, _ parts: [BodyStructure], ext: BodyStructure.MultipartExtension? = nil) -> BodyStructure {
    .multipart(.init(parts: parts, subtype: subtype, extension_: ext))
}

func fetchResponse(_ number: UInt32, _ attributes: MessageAttribute...) -> Response {
    .untagged(.fetch(SequenceNumber(number), attributes))
}

func data(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

func uids(_ ranges: NumberSet<UID>.Range...) -> UIDSet { UIDSet(ranges: ranges) }

func taggedResponse(_ tag: String, _ state: ResponseState, _ text: String, code: ResponseCode? = nil) -> Response {
    .tagged(TaggedResponse(tag: Tag(tag), state: state, text: ResponseText(code: code, text: text)))
}

func untaggedOK(_ text: String, code: ResponseCode? = nil) -> Response {
    .untagged(.state(.ok, ResponseText(code: code, text: text)))
}

// MARK: - Random numbers

/// The seedable generator of every random parser test (SplitMix64), so a
/// failure can be replayed from the seed it prints.
typealias ParserTestRandom = SplitMix64
