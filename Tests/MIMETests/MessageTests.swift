import Testing
@testable import MIME

@Suite struct MessageTests {
    @Test(arguments: [
        ("Plans", "Plans", #line),
        ("Re: Plans", "Plans", #line),
        ("RE: re: Fwd: Plans", "Plans", #line),
        ("Re[2]: Plans", "Plans", #line),
        ("AW: WG: Plans", "Plans", #line),
        ("[dev] Re: [dev] Plans (fwd)", "Plans", #line),
        ("Re:Plans", "Plans", #line),
        ("Regarding plans", "Regarding plans", #line),
        ("[only a tag]", "[only a tag]", #line),
        ("  Re:   spaced    out ", "spaced out", #line),
        ("", "", #line),
    ])
    func baseSubject(input: String, expected: String, line: Int) {
        #expect(Message.baseSubject(input) == expected, "line \(line)")
    }
}
