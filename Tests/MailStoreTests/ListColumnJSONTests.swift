import Foundation
import Testing
@testable import MailStore

/// The fast JSON of list columns writes what Foundation reads and reads what
/// Foundation writes; anything else falls back to Foundation.
@Suite struct ListColumnJSONTests {
    static let strings: [[String]] = [
        [], [""], ["<a@b>", "<c@d>"], ["quote \" backslash \\ slash /"], ["tab\tline\nreturn\rbell\u{7}"],
        ["日本語", "emoji 🦊 and 👩‍👩‍👧", "combining e\u{301}"], ["\u{0}nul", "\u{1F}"],
    ]

    @Test(arguments: strings)
    func stringListsRoundTripBothWays(_ list: [String]) throws {
        let fast = ListColumnJSON.encode(list)
        #expect(try JSONDecoder().decode([String].self, from: Data(fast.utf8)) == list)
        let foundation = String(decoding: try JSONEncoder().encode(list), as: UTF8.self)
        #expect(ListColumnJSON.decodeStrings(foundation) == list)
        #expect(ListColumnJSON.decodeStrings(fast) == list)
    }

    @Test func addressListsRoundTripBothWays() throws {
        let list = [
            CachedAddress(name: "Zoë \"Z\" Ångström", email: "zoe@example.com"),
            CachedAddress(email: "bare@example.com"),
            CachedAddress(name: "", email: "empty-name@example.com"),
            CachedAddress(name: "田中 🦊", email: "tanaka@example.jp"),
        ]
        let fast = ListColumnJSON.encode(list)
        #expect(try JSONDecoder().decode([CachedAddress].self, from: Data(fast.utf8)) == list)
        let foundation = String(decoding: try JSONEncoder().encode(list), as: UTF8.self)
        #expect(ListColumnJSON.decodeAddresses(foundation) == list)
        #expect(ListColumnJSON.decodeAddresses("[{\"name\":null,\"email\":\"a@b\"}]") == [CachedAddress(email: "a@b")])
    }

    @Test(arguments: ["", "[", "[\"a\"", "[\"a\",]", "[1]", "{}", "[\"a\"] x", "[\"\\x\"]", "[\"\\ud800\"]",
                      "[{\"email\":\"a@b\",\"other\":1}]", "[{\"name\":\"n\"}]"])
    func unexpectedTextIsNotGuessed(_ text: String) {
        #expect(ListColumnJSON.decodeStrings(text) == nil)
        #expect(ListColumnJSON.decodeAddresses(text) == nil)
    }

    @Test func theColumnDecoderFallsBackAndNeverFails() {
        let decoder = JSONColumnDecoder()
        let spaced: [String] = decoder.list("[ \"a\" , \"b\" ]")
        #expect(spaced == ["a", "b"])
        let broken: [String] = decoder.list("[\"unterminated")
        #expect(broken == [])
        let numbers: [Int] = decoder.list("[1,2]")
        #expect(numbers == [1, 2])
    }
}
