import Testing
@testable import MIME

@Suite struct DateParserTests {
    /// 2003-07-01 08:52:37 UTC.
    static let reference: Int64 = 1_057_049_557

    @Test(arguments: [
        ("Tue, 1 Jul 2003 10:52:37 +0200", reference, #line),
        ("1 Jul 2003 10:52:37 +0200", reference, #line),
        ("Tue, 01 Jul 2003 08:52:37 GMT", reference, #line),
        ("Tue, 1 Jul 2003 08:52:37 UTC", reference, #line),
        ("Tue, 1 Jul 2003 08:52:37 +0000 (UTC)", reference, #line),
        ("Tue, 1 Jul 2003 04:52:37 EDT", reference, #line),
        ("Tue, 1 Jul 2003 03:52:37 EST", reference, #line),
        ("Tue, 1 Jul 2003 01:52:37 PDT", reference, #line),
        ("Tue, 1 Jul 2003 10:52:37 CEST", reference, #line),
        ("Tue, 1 Jul 03 10:52:37 +0200", reference, #line),
        ("Tue,  1   Jul  2003   10:52:37   +0200", reference, #line),
        ("tue, 1 jul 2003 10:52:37 +0200", reference, #line),
        ("Tuesday, 1 July 2003 10:52:37 +0200", reference, #line),
        ("Tue, 1 Jul 2003 10:52 +0200", reference - 37, #line),
        ("Tue, 1 Jul 2003 10:52:37 +02:00", reference, #line),
        ("Tue, 01-Jul-2003 10:52:37 +0200", reference, #line),
        ("Tue Jul  1 08:52:37 2003", reference, #line),
        ("2003-07-01T08:52:37Z", reference, #line),
        ("2003-07-01T10:52:37+02:00", reference, #line),
        ("Tue, 1 Jul 2003 08:52:37", reference, #line),
        ("Tue, 1 Jul 2003 08:52:37 -0000", reference, #line),
        ("Tue, 1 Jul 2003 08:52:37 Z", reference, #line),
        ("Mon, 30 Jun 2003 22:52:37 -1000", reference, #line),
        ("Tue, 1 Jul 2003 10:52:37 GMT+0200", reference, #line),
        ("Tue, 1 Jul 2003 13:22:37 +0430", reference, #line),
        ("Tue, 1 Jul 2003 10:52:37 +0200 (Mitteleurop\u{e4}ische Sommerzeit)", reference, #line),
        ("Tue, 1 Jul 2003 8:52 GMT", reference - 37, #line),
        ("01-Jul-2003 10:52:37 +0200", reference, #line),  // IMAP INTERNALDATE
        ("Thu, 1 Jan 1970 00:00:00 +0000", 0, #line),
        ("Wed, 31 Dec 1997 23:59:59 +0000", 883_612_799, #line),
        ("Sat, 29 Feb 2020 12:00:00 +0000", 1_582_977_600, #line),
        ("1 Jan 99 00:00:00 GMT", 915_148_800, #line),
        ("1 Jan 103 00:00:00 GMT", 1_041_379_200, #line),
    ])
    func parses(input: String, expected: Int64, line: Int) {
        #expect(DateParser.parse(input) == expected, "line \(line): \(input)")
    }

    @Test(arguments: [
        ("", #line),
        ("not a date", #line),
        ("Tue, 32 Foo 2003", #line),
        ("Tue, 1 Jul 2003 25:99:00 +0000", #line),
        ("12:00:00", #line),
        ("2003-13-45T00:00:00Z", #line),
    ])
    func rejects(input: String, line: Int) {
        #expect(DateParser.parse(input) == nil, "line \(line): \(input)")
    }
}
