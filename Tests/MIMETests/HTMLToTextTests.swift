import Testing
@testable import MIME

@Suite struct HTMLToTextTests {
    @Test(arguments: [
        ("<p>One</p><p>Two</p>", "One\n\nTwo", #line),
        ("a<br>b<br/>c<BR />d", "a\nb\nc\nd", #line),
        ("a<br><br>b", "a\n\nb", #line),
        ("<div>x</div><div>y</div>", "x\ny", #line),
        ("<h1>Title</h1><h2>Sub</h2>text", "# Title\n\n## Sub\n\ntext", #line),
        ("<ul><li>a</li><li>b</li></ul>", "• a\n• b", #line),
        ("<ol><li>a<li>b</ol>", "1. a\n2. b", #line),
        ("<ol start=\"3\"><li>c</li></ol>", "3. c", #line),
        ("<ul><li>a<ul><li>inner</li></ul></li></ul>", "• a\n  • inner", #line),
        ("<blockquote>quoted<p>para</p></blockquote>after", "> quoted\n>\n> para\n\nafter", #line),
        ("<blockquote>a<blockquote>b</blockquote></blockquote>", "> a\n>>\n>> b", #line),
        ("<pre>  keep\n    spacing</pre>", "  keep\n    spacing", #line),
        ("  lots   of \n\t whitespace  ", "lots of whitespace", #line),
        ("<a href=\"https://x.org/a\">link</a> and <a href=\"https://y.org\">other</a>",
         "link[1] and other[2]\n\n[1] https://x.org/a\n[2] https://y.org", #line),
        ("<a href=\"https://x.org\">a</a> <a href=\"https://x.org\">b</a>", "a[1] b[1]\n\n[1] https://x.org", #line),
        ("<a href=\"https://x.org/\">https://x.org</a>", "https://x.org", #line),
        ("<a href=\"mailto:a@x\">a@x</a>", "a@x", #line),
        ("<a href=\"#top\">top</a>", "top", #line),
        ("<a href=\"https://x.org\"><img src=\"logo.png\" alt=\"Logo\"></a>", "[Logo][1]\n\n[1] https://x.org", #line),
        ("<head><title>T</title><style>p{}</style></head><body>Body</body>", "Body", #line),
        ("<script type=\"text/javascript\">var a = '<p>';</script>shown", "shown", #line),
        ("<style>.a{}</style><STYLE>b{}</STYLE>ok", "ok", #line),
        ("<!-- comment <p>hidden</p> -->visible", "visible", #line),
        ("<!DOCTYPE html><?xml version=\"1.0\"?>x", "x", #line),
        ("&amp; &lt; &gt; &quot; &apos; &eacute; &euro; &nbsp;|", "& < > \" ' é € |", #line),
        ("&#233; &#xE9; &#X1F600; &#150; &#0;", "é é 😀 – \u{FFFD}", #line),
        ("&amp &copy 2024 &unknown; & alone", "& © 2024 &unknown; & alone", #line),
        ("a < b > c", "a < b > c", #line),
        ("<p>unclosed <b>bold <i>it", "unclosed bold it", #line),
        ("<div style=\"display: none\">hidden <div>nested</div> still</div>shown", "shown", #line),
        ("<p>Price<span>&zwnj;&#8203;</span>!</p>", "Price!", #line),
        ("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a b\nc", #line),
        ("<hr>", "--------------------", #line),
        ("<p >spaced</p ><p\nclass=x>attr</p>", "spaced\n\nattr", #line),
        ("<a href='single'>q</a>", "q[1]\n\n[1] single", #line),
        ("<", "<", #line),
        ("<p", "", #line),
        ("<a href=\"https://x.org\">never closed", "never closed[1]\n\n[1] https://x.org", #line),
        ("", "", #line),
    ])
    func converts(input: String, expected: String, line: Int) {
        #expect(HTMLToText.convert(input) == expected, "line \(line)")
    }

    @Test func noTagsSurviveInARealisticNewsletter() {
        let text = HTMLToText.convert(Corpus.newsletterHTML)
        #expect(!text.contains("<td") && !text.contains("<p") && !text.contains("</"))
        #expect(text.contains("Hello there, here is the news[1]."))
        #expect(text.hasSuffix("[1] https://example.com/news?a=1&b=2"))
    }

    @Test func hostileNestingIsShownShallow() {
        let lists = HTMLToText.convert(String(repeating: "<ul><li>x", count: 5_000))
        #expect(lists.split(separator: "\n").allSatisfy { $0.count <= 30 })
        let quotes = HTMLToText.convert(String(repeating: "<blockquote>x", count: 5_000))
        #expect(quotes.split(separator: "\n").allSatisfy { $0.count <= 30 })
    }

    @Test func entitiesInAttributesAreDecoded() {
        #expect(HTMLToText.decodeEntities("a&amp;b&#x3D;c") == "a&b=c")
    }
}
