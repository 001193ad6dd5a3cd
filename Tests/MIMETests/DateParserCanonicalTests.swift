import Testing
@testable import MIME

/// The fast path for the canonical RFC 5322 date agrees with the general
/// parser on everything it accepts, and leaves the rest to it.
@Suite struct DateParserCanonicalTests {
    @Test(arguments: [
        "Tue, 1 Jul 2003 10:52:37 +0200", "1 Jul 2003 10:52:37 +0200", "Wed, 25 Nov 2026 09:30:00 +0000",
        "Mon, 31 Dec 1999 23:59:59 -0800", "Sat, 29 Feb 2020 12:00 +0530", "Fri, 02 Jan 2026 00:00:00 +0000 (UTC)",
        "thu, 01 JAN 2015 01:02:03 -0000", "Sun,  7 Jun 2020  08:09:10  +0100", "Tue, 1 Jul 2003 10:52:60 +0200",
    ])
    func canonicalDatesAgreeWithTheGeneralParser(_ text: String) throws {
        let fast = try #require(DateParser.parseCanonical(text))
        #expect(fast == DateParser.parseGeneral(text))
    }

    @Test(arguments: [
        "Tue, 1 Jul 2003 10:52:37 GMT", "Tue, 1 Jul 03 10:52:37 +0200", "2003-07-01T10:52:37Z", "Tue Jul  1 10:52:37 2003",
        "Tue, 1 Jul 2003 10:52:37 +02:00", "Tue, 1 Jul 2003 10:52:37", "Tue, 1 Jul 2003 10:52:37 +0200 extra", "",
        "Tue, 1 Xyz 2003 10:52:37 +0200", "Tue, 123 Jul 2003 10:52:37 +0200", "Tue, 1 Jul 2003 10:52:37 +0299",
    ])
    func otherFormsGoToTheGeneralParser(_ text: String) {
        #expect(DateParser.parseCanonical(text) == nil)
    }
}
