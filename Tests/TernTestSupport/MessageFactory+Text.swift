import Foundation

extension MessageFactory {
    /// Body words with every form the renderers need, encoded once per process into one
    /// flat buffer.
    ///
    /// Bodies are written word by word with `memcpy` from here, never byte by byte and
    /// without `Array` copies: tests run unoptimised debug builds, where that difference
    /// is seconds per thousand messages.
    final class Vocabulary: @unchecked Sendable {
        // Safety: every stored property is written in `init` only and read afterwards;
        // the buffers are never mutated or freed while the instance lives.

        /// The four forms of a word, in buffer order.
        enum Form: Int {
            case raw, capitalized, quotedPrintable, quotedPrintableCapitalized
        }

        let count: Int
        /// The longest form of any word, in bytes.
        let maxLength: Int
        private let bytes: UnsafeMutablePointer<UInt8>
        /// Start and length of form `f` of word `w` at index `w * 4 + f`.
        private let starts: UnsafeMutablePointer<Int>
        private let lengths: UnsafeMutablePointer<Int>
        private let eightBit: UnsafeMutablePointer<Bool>

        init(words: [String], latin1: Bool) {
            var buffer: [UInt8] = []
            var starts: [Int] = []
            var lengths: [Int] = []
            var eightBit: [Bool] = []
            for text in words {
                let raw: [UInt8] = latin1
                    ? text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
                    : Array(text.utf8)
                var capitalized = raw
                if let first = raw.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") {
                    capitalized[0] = first - 32
                }
                let forms = [raw, capitalized, MessageFactory.quotedPrintable(raw), MessageFactory.quotedPrintable(capitalized)]
                for form in forms {
                    starts.append(buffer.count)
                    lengths.append(form.count)
                    buffer += form
                }
                eightBit.append(raw.contains { $0 >= 0x80 })
            }
            count = words.count
            maxLength = lengths.max() ?? 0
            self.bytes = .allocate(capacity: max(buffer.count, 1))
            self.bytes.initialize(from: buffer, count: buffer.count)
            self.starts = .allocate(capacity: starts.count)
            self.starts.initialize(from: starts, count: starts.count)
            self.lengths = .allocate(capacity: lengths.count)
            self.lengths.initialize(from: lengths, count: lengths.count)
            self.eightBit = .allocate(capacity: eightBit.count)
            self.eightBit.initialize(from: eightBit, count: eightBit.count)
        }

        deinit {
            bytes.deallocate()
            starts.deallocate()
            lengths.deallocate()
            eightBit.deallocate()
        }

        func length(_ word: Int, _ form: Form) -> Int {
            lengths[word * 4 + form.rawValue]
        }

        func bytes(_ word: Int, _ form: Form) -> UnsafePointer<UInt8> {
            UnsafePointer(bytes + starts[word * 4 + form.rawValue])
        }

        func isEightBit(_ word: Int) -> Bool {
            eightBit[word]
        }
    }

    /// How body text is written.
    enum TextEncoding: Sendable {
        /// The vocabulary's bytes (7bit or 8bit).
        case raw
        /// Quoted-printable; soft line breaks where no width is given.
        case quotedPrintable
    }

    /// How paragraphs are laid out.
    struct Layout {
        var encoding: TextEncoding
        /// Break lines between words at this many columns (in the encoded form, prefix
        /// included); nil writes each paragraph as one line (soft-broken if quoted-printable).
        var width: Int?
        /// Written at the start of every line (`> ` for a quote).
        var linePrefix: [UInt8] = []
        /// Written before a paragraph's first word and after its last (`<p>`, `</p>`).
        var lead: [UInt8] = []
        var trail: [UInt8] = []
        /// Written between paragraphs (an empty line, or `>` in a quote).
        var separator: [UInt8] = crlf
    }

    /// Writes paragraphs of two to five sentences drawn from `random`, about `target`
    /// bytes of text, and tells whether they have 8-bit bytes. The same generator state
    /// gives the same words, so a text part and its HTML twin replay one state.
    @discardableResult
    static func writeParagraphs(
        _ vocabulary: Vocabulary,
        target: Int,
        random: inout SplitMix64,
        layout: Layout,
        to writer: ByteWriter
    ) -> Bool {
        let softBreakColumn = 72
        let quotedPrintable = layout.encoding == .quotedPrintable
        let plainForm: Vocabulary.Form = quotedPrintable ? .quotedPrintable : .raw
        let capitalForm: Vocabulary.Form = quotedPrintable ? .quotedPrintableCapitalized : .capitalized
        let width = layout.width ?? 0
        let softBreaks = quotedPrintable && layout.width == nil
        let prefix = layout.linePrefix
        let prefixCount = prefix.count
        // A paragraph has at most 5 sentences of 15 words; each word may bring a line
        // break and a prefix.
        let paragraphBound = 75 * (vocabulary.maxLength + 8 + prefixCount)
            + layout.lead.count + layout.trail.count + layout.separator.count + 16
        var eightBit = false
        var total = 0
        var firstParagraph = true
        while total < target {
            if !firstParagraph {
                writer.append(layout.separator)
            }
            firstParagraph = false
            writer.append(prefix)
            writer.append(layout.lead)
            var column = prefixCount + layout.lead.count
            // The words go straight into the buffer: this loop runs for every word of
            // every generated message.
            writer.appendDirectly(maxCount: paragraphBound) { start in
                var cursor = start
                var firstWord = true
                let sentences = 2 + random.below(4)
                for _ in 0..<sentences {
                    let words = 6 + random.below(10)
                    for position in 0..<words {
                        let word = random.below(vocabulary.count)
                        let form = position == 0 ? capitalForm : plainForm
                        let last = position == words - 1
                        let wordLength = vocabulary.length(word, form)
                        let length = wordLength + (last ? 1 : 0)
                        if !firstWord {
                            if width > 0 && column + 1 + length > width {
                                cursor[0] = 13
                                cursor[1] = 10
                                cursor += 2
                                for byte in prefix {
                                    cursor.pointee = byte
                                    cursor += 1
                                }
                                column = prefixCount
                            } else if softBreaks && column + 1 + length > softBreakColumn {
                                // The space stays before the soft break, so it is not
                                // trailing white space.
                                cursor[0] = 32
                                cursor[1] = 61
                                cursor[2] = 13
                                cursor[3] = 10
                                cursor += 4
                                column = 0
                            } else {
                                cursor.pointee = 32
                                cursor += 1
                                column += 1
                            }
                        }
                        memcpy(cursor, vocabulary.bytes(word, form), wordLength)
                        cursor += wordLength
                        if last {
                            cursor.pointee = random.percent(10) ? 63 : 46  // "?" or "."
                            cursor += 1
                        }
                        column += length
                        total += length + 1
                        firstWord = false
                        if vocabulary.isEightBit(word) {
                            eightBit = true
                        }
                    }
                }
                return cursor - start
            }
            if softBreaks && column + layout.trail.count > softBreakColumn {
                writer.append(softBreak)
            }
            writer.append(layout.trail)
            writer.append(crlf)
        }
        return eightBit
    }

    static let softBreak: [UInt8] = Array("=\r\n".utf8)
}
