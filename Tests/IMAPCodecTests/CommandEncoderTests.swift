import NIOCore
import Testing
@testable import IMAPCodec

/// Every `Command` case, written as RFC 3501 and its extensions say.
/// Strings, literals, FETCH/STORE and SEARCH have their own files.
@Suite struct CommandEncoderTests {
    @Test func commandsWithoutArguments() {
        expectEncoderRows([
            EncoderRow(.capability, "A1 CAPABILITY\r\n"),
            EncoderRow(.noop, "A1 NOOP\r\n"),
            EncoderRow(.logout, "A1 LOGOUT\r\n"),
            EncoderRow(.startTLS, "A1 STARTTLS\r\n"),
            EncoderRow(.check, "A1 CHECK\r\n"),
            EncoderRow(.close, "A1 CLOSE\r\n"),
            EncoderRow(.unselect, "A1 UNSELECT\r\n"),
            EncoderRow(.expunge, "A1 EXPUNGE\r\n"),
            EncoderRow(.namespace, "A1 NAMESPACE\r\n"),
            EncoderRow(.idle, "A1 IDLE\r\n"),
        ])
    }

    @Test func tagIsWrittenAsGiven() {
        let encoded = CommandEncoder().encode(.noop, tag: Tag("tern.42"))
        #expect(encoded.chunks.map { String(buffer: $0) } == ["tern.42 NOOP\r\n"])
    }

    @Test func doneEndsIdle() {
        #expect(String(buffer: CommandEncoder.done) == "DONE\r\n")
    }

    @Test func login() {
        expectEncoderRows([
            EncoderRow(.login(username: "alice", password: "secret"), "A1 LOGIN alice secret\r\n"),
            EncoderRow(.login(username: "alice@example.org", password: "pa]ss"), "A1 LOGIN alice@example.org pa]ss\r\n"),
            EncoderRow(.login(username: "NIL", password: "NIL"), "A1 LOGIN NIL NIL\r\n"),
            EncoderRow(.login(username: "", password: ""), "A1 LOGIN \"\" \"\"\r\n"),
        ])
    }

    @Test func authenticate() {
        expectEncoderRows([
            EncoderRow(.authenticate(mechanism: "PLAIN", initialResponse: nil), "A1 AUTHENTICATE PLAIN\r\n"),
            EncoderRow(
                .authenticate(mechanism: "PLAIN", initialResponse: "AGFsaWNlAHNlY3JldA=="),
                "A1 AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==\r\n"),
            EncoderRow(
                .authenticate(mechanism: "XOAUTH2", initialResponse: "dXNlcj1h+/0="),
                "A1 AUTHENTICATE XOAUTH2 dXNlcj1h+/0=\r\n"),
            // SASL-IR (RFC 4959 §3): an empty initial response is "=".
            EncoderRow(.authenticate(mechanism: "EXTERNAL", initialResponse: ""), "A1 AUTHENTICATE EXTERNAL =\r\n"),
            // Not base64: written as a string, never as raw syntax.
            EncoderRow(
                .authenticate(mechanism: "PLAIN", initialResponse: "bad data\r\nA2 LOGOUT"),
                "A1 AUTHENTICATE PLAIN {19}\r\n", "bad data\r\nA2 LOGOUT\r\n"),
            EncoderRow(.authenticate(mechanism: "X Y", initialResponse: nil), "A1 AUTHENTICATE \"X Y\"\r\n"),
        ])
    }

    @Test func selectAndExamine() {
        let qresync = SelectParameters.qresync(
            uidValidity: UIDValidity(67_890_007), modSeq: ModSeq(20_050_715_194_045_000),
            knownUIDs: UIDSet(ranges: [.init(UID(41)), .init(UID(43), UID(211)), .init(UID(214), UID(541))]))
        expectEncoderRows([
            EncoderRow(.select(.inbox, nil), "A1 SELECT INBOX\r\n"),
            EncoderRow(.select(encoderMailbox("inbox"), nil), "A1 SELECT inbox\r\n"),
            EncoderRow(.select(.inbox, .condStore), "A1 SELECT INBOX (CONDSTORE)\r\n"),
            EncoderRow(
                .select(encoderMailbox("Archive"), qresync),
                "A1 SELECT Archive (QRESYNC (67890007 20050715194045000 41,43:211,214:541))\r\n"),
            EncoderRow(
                .select(.inbox, .qresync(uidValidity: UIDValidity(1), modSeq: ModSeq(2), knownUIDs: nil)),
                "A1 SELECT INBOX (QRESYNC (1 2))\r\n"),
            EncoderRow(.examine(encoderMailbox("Sent Items"), nil), "A1 EXAMINE \"Sent Items\"\r\n"),
            EncoderRow(.examine(.inbox, .condStore), "A1 EXAMINE INBOX (CONDSTORE)\r\n"),
        ])
    }

    @Test func mailboxManagement() {
        let taipei = MailboxName(displayName: "~peter/mail/台北/日本語")
        expectEncoderRows([
            EncoderRow(.create(encoderMailbox("Archive/2024")), "A1 CREATE Archive/2024\r\n"),
            EncoderRow(.create(taipei), "A1 CREATE ~peter/mail/&U,BTFw-/&ZeVnLIqe-\r\n"),
            EncoderRow(.create(MailboxName(displayName: "Tom & Jerry")), "A1 CREATE \"Tom &- Jerry\"\r\n"),
            EncoderRow(.delete(encoderMailbox("Old Stuff")), "A1 DELETE \"Old Stuff\"\r\n"),
            EncoderRow(
                .rename(from: encoderMailbox("Drafts"), to: encoderMailbox("Drafts [old]")),
                "A1 RENAME Drafts \"Drafts [old]\"\r\n"),
            EncoderRow(.subscribe(encoderMailbox("Lists/swift")), "A1 SUBSCRIBE Lists/swift\r\n"),
            EncoderRow(.unsubscribe(encoderMailbox("Lists/swift")), "A1 UNSUBSCRIBE Lists/swift\r\n"),
        ])
    }

    @Test func mailboxNamesWithUTF8() {
        let utf8Name = MailboxName(displayName: "Entwürfe", utf8: true)
        let utf8 = CommandEncoder(utf8Accepted: true)
        expectEncoderRows([
            // UTF8=ACCEPT: UTF-8 names go quoted (RFC 6855 §3)…
            EncoderRow(.select(utf8Name, nil), "A1 SELECT \"Entwürfe\"\r\n", encoder: utf8),
            // …and without it, 8-bit bytes can only be a literal.
            EncoderRow(.select(utf8Name, nil), "A1 SELECT {9}\r\n", "Entwürfe\r\n"),
            EncoderRow(.select(MailboxName(displayName: "Entwürfe"), nil), "A1 SELECT Entw&APw-rfe\r\n"),
        ])
    }

    @Test func list() {
        expectEncoderRows([
            EncoderRow(.list(reference: encoderMailbox(""), pattern: "*", returnOptions: []), "A1 LIST \"\" *\r\n"),
            EncoderRow(.list(reference: encoderMailbox(""), pattern: "%", returnOptions: []), "A1 LIST \"\" %\r\n"),
            EncoderRow(
                .list(reference: encoderMailbox("Lists/"), pattern: "sw*ft%", returnOptions: []),
                "A1 LIST Lists/ sw*ft%\r\n"),
            EncoderRow(.list(reference: encoderMailbox(""), pattern: "", returnOptions: []), "A1 LIST \"\" \"\"\r\n"),
            EncoderRow(
                .list(reference: encoderMailbox(""), pattern: "Sent Items/*", returnOptions: []),
                "A1 LIST \"\" \"Sent Items/*\"\r\n"),
            EncoderRow(
                .list(reference: encoderMailbox(""), pattern: "a]b", returnOptions: []), "A1 LIST \"\" a]b\r\n"),
            EncoderRow(
                .list(reference: encoderMailbox(""), pattern: "*", returnOptions: [.specialUse]),
                "A1 LIST \"\" * RETURN (SPECIAL-USE)\r\n"),
            EncoderRow(
                .list(
                    reference: encoderMailbox(""), pattern: "*",
                    returnOptions: [.specialUse, .subscribed, .children, .status([.messages, .unseen])]),
                "A1 LIST \"\" * RETURN (SPECIAL-USE SUBSCRIBED CHILDREN STATUS (MESSAGES UNSEEN))\r\n"),
            EncoderRow(
                .list(
                    reference: encoderMailbox(""), pattern: "%",
                    returnOptions: [.status([.uidNext, .uidValidity, .highestModSeq])]),
                "A1 LIST \"\" % RETURN (STATUS (UIDNEXT UIDVALIDITY HIGHESTMODSEQ))\r\n"),
            EncoderRow(.lsub(reference: encoderMailbox(""), pattern: "*"), "A1 LSUB \"\" *\r\n"),
            EncoderRow(.lsub(reference: encoderMailbox("#news."), pattern: "comp.mail.%"), "A1 LSUB #news. comp.mail.%\r\n"),
        ])
    }

    @Test func status() {
        expectEncoderRows([
            EncoderRow(
                .status(.inbox, [.messages, .uidNext, .uidValidity, .unseen, .highestModSeq]),
                "A1 STATUS INBOX (MESSAGES UIDNEXT UIDVALIDITY UNSEEN HIGHESTMODSEQ)\r\n"),
            EncoderRow(
                .status(encoderMailbox("Sent Items"), [.recent, .deleted, .size]),
                "A1 STATUS \"Sent Items\" (RECENT DELETED SIZE)\r\n"),
        ])
    }

    @Test func expungeCopyMove() {
        let uids = UIDSet(ranges: [.init(UID(3), UID(5)), .init(UID(9))])
        let sequence = SequenceSet(ranges: [.init(SequenceNumber(2), nil)])
        expectEncoderRows([
            EncoderRow(.uidExpunge(uids), "A1 UID EXPUNGE 3:5,9\r\n"),
            EncoderRow(.copy(sequence, encoderMailbox("Archive")), "A1 COPY 2:* Archive\r\n"),
            EncoderRow(.uidCopy(uids, encoderMailbox("My Archive")), "A1 UID COPY 3:5,9 \"My Archive\"\r\n"),
            EncoderRow(.move(SequenceSet(SequenceNumber(1)), .inbox), "A1 MOVE 1 INBOX\r\n"),
            EncoderRow(.uidMove(UIDSet(ranges: [.star]), encoderMailbox("Trash")), "A1 UID MOVE * Trash\r\n"),
        ])
    }

    @Test func enable() {
        expectEncoderRows([
            EncoderRow(.enable([.qresync]), "A1 ENABLE QRESYNC\r\n"),
            EncoderRow(.enable([.condStore, .utf8Accept]), "A1 ENABLE CONDSTORE UTF8=ACCEPT\r\n"),
        ])
    }

    @Test func id() {
        expectEncoderRows([
            EncoderRow(.id(nil), "A1 ID NIL\r\n"),
            EncoderRow(.id([]), "A1 ID ()\r\n"),
            EncoderRow(
                .id([IDParameter(key: "name", value: "tern"), IDParameter(key: "version", value: "0.1")]),
                "A1 ID (\"name\" \"tern\" \"version\" \"0.1\")\r\n"),
            // nstring: an absent value is NIL, the text "NIL" is a string.
            EncoderRow(
                .id([IDParameter(key: "os", value: nil), IDParameter(key: "vendor", value: "NIL")]),
                "A1 ID (\"os\" NIL \"vendor\" \"NIL\")\r\n"),
            EncoderRow(
                .id([IDParameter(key: "support-url", value: "say \"hi\"")]),
                "A1 ID (\"support-url\" \"say \\\"hi\\\"\")\r\n"),
        ])
    }

    @Test func encoderFromCapabilities() {
        #expect(CommandEncoder(capabilities: [.imap4rev1]).literalMode == .synchronising)
        #expect(CommandEncoder(capabilities: [.literalMinus]).literalMode == .literalMinus)
        #expect(CommandEncoder(capabilities: [.literalMinus, .literalPlus]).literalMode == .literalPlus)
        #expect(CommandEncoder(capabilities: [.binary]).binary)
        #expect(!CommandEncoder(capabilities: [.literalPlus]).binary)
        #expect(CommandEncoder(capabilities: [], utf8Accepted: true).utf8Accepted)
    }

    @Test func joinedConcatenatesChunks() {
        let encoded = CommandEncoder().encode(.login(username: "a\nb", password: "c"), tag: Tag("A1"))
        #expect(encoded.chunks.count == 2)
        #expect(String(buffer: encoded.joined) == "A1 LOGIN {3}\r\na\nb c\r\n")
    }
}
