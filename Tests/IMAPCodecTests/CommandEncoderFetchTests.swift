import NIOCore
import Testing
@testable import IMAPCodec

extension CommandEncoderTests {
    /// FETCH and STORE (RFC 3501 §6.4.5–6.4.6, RFC 3516, RFC 7162, X-GM-EXT-1).
    @Suite struct FetchAndStore {
        static let one = SequenceSet(SequenceNumber(1))
        static let all = UIDSet.all

        @Test func fetchItems() {
            func fetch(_ items: [FetchItem]) -> Command { .fetch(Self.one, items, .none) }
            let fromTo = SectionSpecifier(text: .headerFields(["FROM", "TO"]))
            expectEncoderRows([
                // One item goes bare, several in parentheses.
                EncoderRow(fetch([.uid]), "A1 FETCH 1 UID\r\n"),
                EncoderRow(fetch([.flags]), "A1 FETCH 1 FLAGS\r\n"),
                EncoderRow(
                    fetch([.uid, .flags, .internalDate, .rfc822Size, .envelope, .bodyStructure]),
                    "A1 FETCH 1 (UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE)\r\n"),
                EncoderRow(
                    fetch([.modSeq, .gmailMessageID, .gmailThreadID, .gmailLabels]),
                    "A1 FETCH 1 (MODSEQ X-GM-MSGID X-GM-THRID X-GM-LABELS)\r\n"),
                EncoderRow(fetch([]), "A1 FETCH 1 ()\r\n"),
                // Sections.
                EncoderRow(fetch([.bodySection(.complete, peek: false, partial: nil)]), "A1 FETCH 1 BODY[]\r\n"),
                EncoderRow(fetch([.bodySection(.complete, peek: true, partial: nil)]), "A1 FETCH 1 BODY.PEEK[]\r\n"),
                EncoderRow(fetch([.bodySection(.header, peek: true, partial: nil)]), "A1 FETCH 1 BODY.PEEK[HEADER]\r\n"),
                EncoderRow(fetch([.bodySection(.text, peek: false, partial: nil)]), "A1 FETCH 1 BODY[TEXT]\r\n"),
                EncoderRow(
                    fetch([.bodySection(fromTo, peek: true, partial: 0...1023)]),
                    "A1 FETCH 1 BODY.PEEK[HEADER.FIELDS (FROM TO)]<0.1024>\r\n"),
                EncoderRow(
                    fetch([.bodySection(SectionSpecifier(text: .headerFieldsNot(["RECEIVED"])), peek: false, partial: nil)]),
                    "A1 FETCH 1 BODY[HEADER.FIELDS.NOT (RECEIVED)]\r\n"),
                EncoderRow(
                    fetch([.bodySection(SectionSpecifier(part: [1, 2], text: .mime), peek: true, partial: nil)]),
                    "A1 FETCH 1 BODY.PEEK[1.2.MIME]\r\n"),
                EncoderRow(
                    fetch([.bodySection(SectionSpecifier(part: [4, 2, 2], text: .header), peek: false, partial: nil)]),
                    "A1 FETCH 1 BODY[4.2.2.HEADER]\r\n"),
                EncoderRow(
                    fetch([.bodySection(SectionSpecifier(part: [3]), peek: true, partial: 100...199)]),
                    "A1 FETCH 1 BODY.PEEK[3]<100.100>\r\n"),
                EncoderRow(
                    fetch([.bodySection(.complete, peek: true, partial: 5...5)]), "A1 FETCH 1 BODY.PEEK[]<5.1>\r\n"),
                // Header field names are astrings.
                EncoderRow(
                    fetch([.bodySection(SectionSpecifier(text: .headerFields(["X Odd", "LIST-ID"])), peek: true, partial: nil)]),
                    "A1 FETCH 1 BODY.PEEK[HEADER.FIELDS (\"X Odd\" LIST-ID)]\r\n"),
                // BINARY (RFC 3516).
                EncoderRow(fetch([.binary([1, 2], peek: true)]), "A1 FETCH 1 BINARY.PEEK[1.2]\r\n"),
                EncoderRow(fetch([.binary([], peek: false)]), "A1 FETCH 1 BINARY[]\r\n"),
                EncoderRow(fetch([.binarySize([3])]), "A1 FETCH 1 BINARY.SIZE[3]\r\n"),
            ])
        }

        @Test func fetchModifiers() {
            expectEncoderRows([
                EncoderRow(
                    .uidFetch(Self.all, [.uid, .flags], FetchModifiers(changedSince: ModSeq(12345))),
                    "A1 UID FETCH 1:* (UID FLAGS) (CHANGEDSINCE 12345)\r\n"),
                EncoderRow(
                    .uidFetch(Self.all, [.flags], FetchModifiers(changedSince: ModSeq(12345), vanished: true)),
                    "A1 UID FETCH 1:* FLAGS (CHANGEDSINCE 12345 VANISHED)\r\n"),
                EncoderRow(
                    .uidFetch(UIDSet(ranges: [.init(UID(300), UID(500))]), [.uid], .none), "A1 UID FETCH 300:500 UID\r\n"),
                EncoderRow(.fetch(Self.one, [.uid], FetchModifiers(vanished: true)), "A1 FETCH 1 UID (VANISHED)\r\n"),
            ])
        }

        @Test func store() {
            let uids = UIDSet(ranges: [.init(UID(1), UID(3))])
            var labels = StoreAction.add([])
            labels.gmailLabels = ["\\Inbox", "My Label", "Work", "\\Bad Label"]
            var removeLabels = StoreAction.remove([], silent: true)
            removeLabels.gmailLabels = ["\\Important"]
            expectEncoderRows([
                EncoderRow(.store(Self.one, .none, .add([.seen], silent: true)), "A1 STORE 1 +FLAGS.SILENT (\\Seen)\r\n"),
                EncoderRow(.store(Self.one, .none, .remove([.flagged, .deleted])), "A1 STORE 1 -FLAGS (\\Flagged \\Deleted)\r\n"),
                EncoderRow(
                    .store(Self.one, .none, .replace([.answered, .draft, .keyword("$MDNSent")])),
                    "A1 STORE 1 FLAGS (\\Answered \\Draft $MDNSent)\r\n"),
                EncoderRow(.store(Self.one, .none, .replace([])), "A1 STORE 1 FLAGS ()\r\n"),
                EncoderRow(
                    .uidStore(uids, StoreModifiers(unchangedSince: ModSeq(200)), .add([.seen], silent: true)),
                    "A1 UID STORE 1:3 (UNCHANGEDSINCE 200) +FLAGS.SILENT (\\Seen)\r\n"),
                EncoderRow(
                    .uidStore(uids, .none, labels),
                    "A1 UID STORE 1:3 +X-GM-LABELS (\\Inbox \"My Label\" Work \"\\\\Bad Label\")\r\n"),
                EncoderRow(
                    .uidStore(uids, StoreModifiers(unchangedSince: ModSeq(7)), removeLabels),
                    "A1 UID STORE 1:3 (UNCHANGEDSINCE 7) -X-GM-LABELS.SILENT (\\Important)\r\n"),
            ])
        }
    }
}
