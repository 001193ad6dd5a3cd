import Testing
@testable import MIME

@Suite struct AddressParserTests {
    @Test(arguments: [
        ("ann@example.com", [MailAddress(email: "ann@example.com")], #line),
        ("<ann@example.com>", [MailAddress(email: "ann@example.com")], #line),
        ("Ann Smith <ann@example.com>", [MailAddress(name: "Ann Smith", email: "ann@example.com")], #line),
        ("\"Smith, Ann\" <ann@example.com>", [MailAddress(name: "Smith, Ann", email: "ann@example.com")], #line),
        ("\"Ann \\\"the dev\\\" Smith\" <a@x.org>", [MailAddress(name: "Ann \"the dev\" Smith", email: "a@x.org")], #line),
        ("=?UTF-8?Q?Fran=C3=A7ois?= <f@x.fr>", [MailAddress(name: "François", email: "f@x.fr")], #line),
        ("\"=?ISO-8859-1?Q?Zo=EB?=\" <z@x.se>", [MailAddress(name: "Zoë", email: "z@x.se")], #line),
        ("ann@example.com (Ann Smith)", [MailAddress(name: "Ann Smith", email: "ann@example.com")], #line),
        ("Ann (work) <ann@example.com>", [MailAddress(name: "Ann", email: "ann@example.com")], #line),
        ("a@x, b@y,c@z", [MailAddress(email: "a@x"), MailAddress(email: "b@y"), MailAddress(email: "c@z")], #line),
        ("undisclosed-recipients:;", [], #line),
        ("Team: a@x, Bob <b@y>;", [MailAddress(email: "a@x"), MailAddress(name: "Bob", email: "b@y")], #line),
        ("Team: a@x;, c@z", [MailAddress(email: "a@x"), MailAddress(email: "c@z")], #line),
        ("<@relay.example:ann@example.com>", [MailAddress(email: "ann@example.com")], #line),
        ("Doe, John <john@x.com>", [MailAddress(name: "Doe, John", email: "john@x.com")], #line),
        ("Ümlaut Ärger <u@x.de>", [MailAddress(name: "Ümlaut Ärger", email: "u@x.de")], #line),
        ("'Ann' <ann@x>", [MailAddress(name: "Ann", email: "ann@x")], #line),
        ("<mailto:ann@x.com>", [MailAddress(email: "ann@x.com")], #line),
        ("\"\" <ann@x.com>", [MailAddress(email: "ann@x.com")], #line),
        ("root", [MailAddress(email: "root")], #line),
        ("a@x,,, ,b@y", [MailAddress(email: "a@x"), MailAddress(email: "b@y")], #line),
        ("Ann <ann@x", [MailAddress(name: "Ann", email: "ann@x")], #line),
        ("\"unterminated <ann@x>", [MailAddress(name: "unterminated <ann@x>", email: "")], #line),
        ("=?UTF-8?Q?Ann=1B[31m?= <ann@x>", [MailAddress(name: "Ann[31m", email: "ann@x")], #line),
        ("", [], #line),
    ])
    func parses(input: String, expected: [MailAddress], line: Int) {
        #expect(AddressParser.parse(input) == expected, "line \(line)")
    }

    @Test func displayNameAndDescription() {
        let named = MailAddress(name: "Ann", email: "ann@x")
        #expect(named.displayName == "Ann")
        #expect(named.description == "Ann <ann@x>")
        let bare = MailAddress(name: "  ", email: "b@y")
        #expect(bare.name == nil)
        #expect(bare.displayName == "b@y")
    }

    @Test func brokenInputNeverTraps() {
        let junk = ["<<<>>>", "\"", "(", "((a)", ":;:;", "@", "a@", "@b", ";;;", ">", "<", "=?utf-8?q?", "\u{0}"]
        for input in junk {
            _ = AddressParser.parse(input)
        }
    }
}
