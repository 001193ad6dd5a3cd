import Foundation
import NIOCore
import Testing
@testable import IMAPCodec

/// Property tests on generated input: valid responses round-trip to their
/// values however they are split; mutated and random bytes never crash,
/// give the same outcome however they are split, and never make the buffer
/// hold more than the limits allow.
///
/// The seed comes from `PARSER_FUZZ_SEED` when set (to replay a failure),
/// else a fixed value; every failure message names it.
@Suite struct ResponseParserFuzzTests {
    static let seed: UInt64 = ProcessInfo.processInfo.environment["PARSER_FUZZ_SEED"].flatMap { UInt64($0) } ?? 0x5EED_1A7E_0000_2024

    /// Small limits so mutations reach them often.
    static let limits = ParserLimits(maxLineLength: 2048, maxLiteralSize: 4096, maxNestingDepth: 24, maxResponseSize: 16384)

    /// Random split points for `count` bytes: none, a few, or many small pieces.
    static func randomSplits(_ count: Int, _ generator: inout ResponseGenerator) -> [Int] {
        guard count > 1 else { return [] }
        switch generator.below(4) {
        case 0: return []
        case 1: return (0..<(1 + generator.below(3))).map { _ in 1 + generator.below(count - 1) }.sorted()
        default:
            var splits: [Int] = []
            var at = 0
            while true {
                at += 1 + generator.below(generator.chance(50) ? 8 : 200)
                guard at < count else { return splits }
                splits.append(at)
            }
        }
    }

    @Test func generatedResponsesRoundTrip() {
        var generator = ResponseGenerator(seed: Self.seed)
        var failures = 0
        for round in 0..<150 {
            var stream: [UInt8] = []
            var expected: [Response] = []
            for _ in 0..<(1 + generator.below(20)) {
                let (wire, value) = generator.response()
                stream += wire
                expected.append(value)
            }
            let splits = Self.randomSplits(stream.count, &generator)
            let outcome = feedParser(stream, splits: splits)
            guard outcome.error == nil, outcome.responses == expected, outcome.leftover == 0 else {
                failures += 1
                let index = zip(outcome.responses, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                    ?? min(outcome.responses.count, expected.count)
                Issue.record("""
                    seed \(Self.seed) round \(round): error \(String(describing: outcome.error)); \
                    response \(index) of \(expected.count) differs: \
                    got \(index < outcome.responses.count ? "\(outcome.responses[index])" : "nothing") \
                    expected \(index < expected.count ? "\(expected[index])" : "nothing")
                    """)
                if failures > 3 { return }
                continue
            }
        }
    }

    @Test func mutatedResponsesFailCleanly() {
        var generator = ResponseGenerator(seed: Self.seed &+ 1)
        let injections: [[UInt8]] = [
            "{", "(", ")", "((((((((((((((((((((((((((((((", "{999999}\r\n", "{5}\r\n", "~{3}\r\n", "{0}\r\n", "\r\n", "\n",
            "\"", "\\", "NIL", " ", "[", "]", "*", "+", "{18446744073709551616}\r\n", "4294967296", "18446744073709551616",
            "BODY[", "<", "\u{0}",
        ].map { Array($0.utf8) }
        for round in 0..<2500 {
            var (input, _) = generator.response()
            // Sometimes a response after it, to see the parser go on.
            if generator.chance(30) { input += generator.response().0 }
            switch generator.below(7) {
            case 0:  // flip a byte
                input[generator.below(input.count)] = UInt8(truncatingIfNeeded: generator.random.next())
            case 1:  // truncate
                input.removeLast(generator.below(input.count) + 1)
            case 2:  // insert random bytes
                let noise = (0..<(1 + generator.below(8))).map { _ in UInt8(truncatingIfNeeded: generator.random.next()) }
                input.insert(contentsOf: noise, at: generator.below(input.count + 1))
            case 3:  // delete a range
                let start = generator.below(input.count)
                input.removeSubrange(start..<min(input.count, start + 1 + generator.below(10)))
            case 4:  // duplicate a range
                let start = generator.below(input.count)
                let slice = input[start..<min(input.count, start + 1 + generator.below(30))]
                input.insert(contentsOf: slice, at: generator.below(input.count + 1))
            default:  // inject a token that matters to the grammar or the framing
                input.insert(contentsOf: generator.pick(injections), at: generator.below(input.count + 1))
            }
            check(input, round: round, &generator)
        }
    }

    @Test func randomBytesFailCleanly() {
        var generator = ResponseGenerator(seed: Self.seed &+ 2)
        let alphabet = Array("* +A1 OK NO BAD FETCH UID BODY[] BODYSTRUCTURE ENVELOPE LIST NIL () {} ~{ [ ] \" \\ < > 0123456789 \r\n\r\n".utf8)
        for round in 0..<1500 {
            let count = generator.below(300)
            let input: [UInt8] = (0..<count).map { _ in
                generator.chance(70) ? generator.pick(alphabet) : UInt8(truncatingIfNeeded: generator.random.next())
            }
            check(input, round: round, &generator)
        }
        // Long inputs against the limits: endless lines, endless literals, endless nesting.
        check(Array(repeating: UInt8(ascii: "x"), count: 40_000), round: -1, &generator)
        check(Array("* 1 FETCH (BODY[] {4000}\r\n".utf8) + Array(repeating: UInt8(ascii: "\n"), count: 40_000), round: -2, &generator)
        check(Array("* 1 FETCH (X ".utf8) + Array(repeating: UInt8(ascii: "("), count: 2000) + Array("\r\n".utf8), round: -3, &generator)
    }

    /// Whole and split feeding must agree, and a `nil` never leaves more
    /// buffered than `maxResponseSize`.
    private func check(_ input: [UInt8], round: Int, _ generator: inout ResponseGenerator) {
        let whole = feedParser(input, limits: Self.limits)
        let splits = Self.randomSplits(input.count, &generator)
        let split = feedParser(input, splits: splits, limits: Self.limits)
        if whole.responses != split.responses || whole.error != split.error {
            Issue.record("""
                seed \(Self.seed) round \(round): split feeding differs. whole: \(whole.responses.count) responses, \
                \(String(describing: whole.error)); split at \(splits): \(split.responses.count), \(String(describing: split.error)); \
                input \(String(decoding: input.prefix(300), as: UTF8.self).debugDescription)
                """)
        }
        for outcome in [whole, split] where outcome.peakPending > Self.limits.maxResponseSize {
            Issue.record("seed \(Self.seed) round \(round): \(outcome.peakPending) bytes pending")
        }
    }
}
