import Testing
@testable import MIME

@Suite struct FlowedTextTests {
    @Test(arguments: [
        ("one \ntwo \nthree\n", false, "one two three", #line),
        ("fixed\nlines\n", false, "fixed\nlines", #line),
        ("del \nsp\n", true, "delsp", #line),
        (" From stuffed\n", false, "From stuffed", #line),
        ("> quoted \n> more\nreply\n", false, "> quoted more\nreply", #line),
        (">> deep \n>> er\n> shallow\n", false, ">> deep er\n> shallow", #line),
        ("> depth \n>> change\n", false, "> depth\n>> change", #line),
        ("para \n\nnext\n", false, "para\nnext", #line),
        ("para\n\nnext\n", false, "para\n\nnext", #line),
        ("text \n-- \nsig\n", false, "text\n-- \nsig", #line),
        ("last line flowed ", false, "last line flowed", #line),
        ("a \r\nb\r\n", false, "a b", #line),
        (">\n> x\n", false, ">\n> x", #line),
    ])
    func reflows(input: String, delSp: Bool, expected: String, line: Int) {
        #expect(FlowedText.decode(input, delSp: delSp) == expected, "line \(line)")
    }
}
