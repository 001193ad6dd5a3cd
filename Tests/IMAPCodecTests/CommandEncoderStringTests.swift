import NIOCore
import Testing
@testable import IMAPCodec

extension CommandEncoderTests {
    /// Each quoting decision (RFC 3501 §4.1–4.3, §9; RFC 6855 §3): atom, quoted
    /// with escapes, literal for CR/LF, NUL, 8-bit, long strings.
    @Suite struct Strings {
        @Test func astringForms() {
            func create(_ name: String) -> Command { .create(encoderMailbox(name)) }
            expectEncoderRows([
                // Atoms: any CHAR except atom-specials; "]" is an ASTRING-CHAR.
                EncoderRow(create("Archive"), "A1 CREATE Archive\r\n"),
                EncoderRow(create("a]b"), "A1 CREATE a]b\r\n"),
                EncoderRow(create("[Gmail]/Sent Mail"), "A1 CREATE \"[Gmail]/Sent Mail\"\r\n"),
                EncoderRow(create("[Gmail]/Drafts"), "A1 CREATE [Gmail]/Drafts\r\n"),
                EncoderRow(create("~!#$&'+,-./:;<=>?@[^_`|}"), "A1 CREATE ~!#$&'+,-./:;<=>?@[^_`|}\r\n"),
                // Each atom-special forces a quoted string.
                EncoderRow(create("a(b"), "A1 CREATE \"a(b\"\r\n"),
                EncoderRow(create("a)b"), "A1 CREATE \"a)b\"\r\n"),
                EncoderRow(create("a{b"), "A1 CREATE \"a{b\"\r\n"),
                EncoderRow(create("a b"), "A1 CREATE \"a b\"\r\n"),
                EncoderRow(create("a%b"), "A1 CREATE \"a%b\"\r\n"),
                EncoderRow(create("a*b"), "A1 CREATE \"a*b\"\r\n"),
                EncoderRow(create("a\tb"), "A1 CREATE \"a\tb\"\r\n"),
                EncoderRow(create("a\u{7F}b"), "A1 CREATE \"a\u{7F}b\"\r\n"),
                EncoderRow(create("a\u{01}b"), "A1 CREATE \"a\u{01}b\"\r\n"),
                // Quoted-specials are escaped.
                EncoderRow(create("a\"b"), "A1 CREATE \"a\\\"b\"\r\n"),
                EncoderRow(create("a\\b"), "A1 CREATE \"a\\\\b\"\r\n"),
                EncoderRow(create("\\\""), "A1 CREATE \"\\\\\\\"\"\r\n"),
                // The empty string.
                EncoderRow(create(""), "A1 CREATE \"\"\r\n"),
                // CR, LF and NUL are never in a quoted string.
                EncoderRow(create("a\rb"), "A1 CREATE {3}\r\n", "a\rb\r\n"),
                EncoderRow(create("a\nb"), "A1 CREATE {3}\r\n", "a\nb\r\n"),
                EncoderRow(create("a\r\nb"), "A1 CREATE {4}\r\n", "a\r\nb\r\n"),
                EncoderRow(create("a\u{0}b"), "A1 CREATE {3}\r\n", "a\u{0}b\r\n"),
                // 8-bit without UTF8=ACCEPT.
                EncoderRow(create("café"), "A1 CREATE {5}\r\n", "café\r\n"),
            ])
        }

        @Test func utf8AcceptedQuotesUTF8ButNotCRLF() {
            let utf8 = CommandEncoder(utf8Accepted: true)
            expectEncoderRows([
                EncoderRow(.create(encoderMailbox("café")), "A1 CREATE \"café\"\r\n", encoder: utf8),
                EncoderRow(.create(encoderMailbox("日本語 \"x\"")), "A1 CREATE \"日本語 \\\"x\\\"\"\r\n", encoder: utf8),
                EncoderRow(.create(encoderMailbox("🎉")), "A1 CREATE \"🎉\"\r\n", encoder: utf8),
                EncoderRow(.create(encoderMailbox("café\r\n")), "A1 CREATE {7}\r\n", "café\r\n\r\n", encoder: utf8),
                EncoderRow(.create(encoderMailbox("é\u{0}")), "A1 CREATE {3}\r\n", "é\u{0}\r\n", encoder: utf8),
                // Atoms stay 7-bit even with UTF8=ACCEPT.
                EncoderRow(.create(encoderMailbox("plain")), "A1 CREATE plain\r\n", encoder: utf8),
            ])
        }

        @Test func invalidUTF8IsALiteralEvenWithUTF8Accepted() {
            let utf8 = CommandEncoder(utf8Accepted: true)
            let cases: [(bytes: [UInt8], location: SourceLocation)] = [
                ([0x61, 0xFF], #_sourceLocation),  // never valid
                ([0xC3], #_sourceLocation),  // truncated
                ([0xC0, 0xAF], #_sourceLocation),  // overlong "/"
                ([0xED, 0xA0, 0x80], #_sourceLocation),  // surrogate
                ([0xF4, 0x90, 0x80, 0x80], #_sourceLocation),  // above U+10FFFF
                ([0x80], #_sourceLocation),  // lone continuation byte
            ]
            for (bytes, location) in cases {
                let chunks = encoderChunkBytes(.create(MailboxName(bytes: bytes)), encoder: utf8)
                #expect(chunks == [Array("A1 CREATE {\(bytes.count)}\r\n".utf8), bytes + [13, 10]], sourceLocation: location)
            }
            // The valid neighbours of those bytes are quoted.
            for bytes: [UInt8] in [[0xC3, 0xA9], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xF4, 0x8F, 0xBF, 0xBF]] {
                let chunks = encoderChunkBytes(.create(MailboxName(bytes: bytes)), encoder: utf8)
                #expect(chunks == [Array("A1 CREATE \"".utf8) + bytes + Array("\"\r\n".utf8)])
            }
        }

        @Test func longStringsBecomeLiterals() {
            let quotable1000 = String(repeating: "a b ", count: 250)
            let quotable1001 = quotable1000 + "c"
            let atom1000 = String(repeating: "x", count: 1000)
            let atom1001 = atom1000 + "x"
            expectEncoderRows([
                EncoderRow(.create(encoderMailbox(quotable1000)), "A1 CREATE \"\(quotable1000)\"\r\n"),
                EncoderRow(.create(encoderMailbox(quotable1001)), "A1 CREATE {1001}\r\n", "\(quotable1001)\r\n"),
                EncoderRow(.create(encoderMailbox(atom1000)), "A1 CREATE \(atom1000)\r\n"),
                EncoderRow(.create(encoderMailbox(atom1001)), "A1 CREATE {1001}\r\n", "\(atom1001)\r\n"),
            ])
        }

        @Test func passwordsWithSpecialCharacters() {
            expectEncoderRows([
                EncoderRow(.login(username: "bob", password: "p\"ss\\word"), "A1 LOGIN bob \"p\\\"ss\\\\word\"\r\n"),
                EncoderRow(.login(username: "bob", password: "two words"), "A1 LOGIN bob \"two words\"\r\n"),
                EncoderRow(.login(username: "bob", password: "(x){1}%*"), "A1 LOGIN bob \"(x){1}%*\"\r\n"),
                EncoderRow(.login(username: "bob", password: "]"), "A1 LOGIN bob ]\r\n"),
                EncoderRow(.login(username: "bob", password: "päss"), "A1 LOGIN bob {5}\r\n", "päss\r\n"),
                // An injection attempt stays inside its literal.
                EncoderRow(
                    .login(username: "bob", password: "x\r\nA2 DELETE INBOX"),
                    "A1 LOGIN bob {18}\r\n", "x\r\nA2 DELETE INBOX\r\n"),
                EncoderRow(
                    .login(username: "bøb", password: "x\"\r"),
                    "A1 LOGIN {4}\r\n", "bøb {3}\r\n", "x\"\r\r\n"),
                EncoderRow(
                    .login(username: "bøb", password: "x\"\r"),
                    "A1 LOGIN {4+}\r\nbøb {3+}\r\nx\"\r\r\n", encoder: CommandEncoder(literalMode: .literalPlus)),
            ])
        }

        @Test func atomOnlyPositionsFallBackToStrings() {
            // Flag keywords, capabilities and search return options must be atoms;
            // a value that is not one is written as a string (the server answers
            // BAD) rather than as protocol syntax.
            let one = SequenceSet(SequenceNumber(1))
            expectEncoderRows([
                EncoderRow(.store(one, .none, .add([.keyword("$Label1")])), "A1 STORE 1 +FLAGS ($Label1)\r\n"),
                EncoderRow(.store(one, .none, .add([.keyword("two words")])), "A1 STORE 1 +FLAGS (\"two words\")\r\n"),
                EncoderRow(.store(one, .none, .add([.keyword("a]")])), "A1 STORE 1 +FLAGS (\"a]\")\r\n"),
                EncoderRow(.store(one, .none, .add([.keyword("x)\r\n")])), "A1 STORE 1 +FLAGS ({4}\r\n", "x)\r\n)\r\n"),
                EncoderRow(.store(one, .none, .add([.extension("Important")])), "A1 STORE 1 +FLAGS (\\Important)\r\n"),
                EncoderRow(.store(one, .none, .add([.extension("Bad Flag")])), "A1 STORE 1 +FLAGS (\"\\\\Bad Flag\")\r\n"),
                EncoderRow(.enable([Capability("X Y")]), "A1 ENABLE \"X Y\"\r\n"),
                EncoderRow(.search(.keyword("Junk"), returnOptions: nil), "A1 SEARCH KEYWORD Junk\r\n"),
                EncoderRow(.search(.keyword("a b"), returnOptions: nil), "A1 SEARCH KEYWORD \"a b\"\r\n"),
            ])
        }

        @Test func formClassification() {
            let plain = CommandEncodeBuffer(literalMode: .synchronising, utf8Accepted: false, binary: false)
            let cases: [(String, CommandEncodeBuffer.BareForm, CommandEncodeBuffer.StringForm, SourceLocation)] = [
                ("abc", .astring, .atom, #_sourceLocation),
                ("abc", .atom, .atom, #_sourceLocation),
                ("abc", .listMailbox, .atom, #_sourceLocation),
                ("abc", .none, .quoted, #_sourceLocation),
                ("a]", .astring, .atom, #_sourceLocation),
                ("a]", .atom, .quoted, #_sourceLocation),
                ("a]", .listMailbox, .atom, #_sourceLocation),
                ("a*", .astring, .quoted, #_sourceLocation),
                ("a*", .listMailbox, .atom, #_sourceLocation),
                ("a%", .listMailbox, .atom, #_sourceLocation),
                ("a%", .atom, .quoted, #_sourceLocation),
                ("", .astring, .quoted, #_sourceLocation),
                ("", .listMailbox, .quoted, #_sourceLocation),
                ("\r", .none, .literal, #_sourceLocation),
                ("é", .astring, .literal, #_sourceLocation),
            ]
            for (text, bare, expected, location) in cases {
                #expect(plain.form(of: text.utf8, bare: bare) == expected, sourceLocation: location)
            }
        }
    }
}
