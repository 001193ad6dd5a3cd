import Testing
@testable import TerminalKit

@Suite struct CellGridTests {
    @Test func writesAndPads() {
        var grid = CellGrid(width: 10, height: 2)
        grid.write("Hello", x: 1, y: 0)
        #expect(grid.text == " Hello\n")
        #expect(grid.lines[1] == String(repeating: " ", count: 10))
    }

    @Test func wideCharactersTakeTwoCells() {
        var grid = CellGrid(width: 8, height: 1)
        let used = grid.write("日本語x", x: 0, y: 0)
        #expect(used == 7)
        #expect(grid.text == "日本語x")
        #expect(grid.rows[0][1].isContinuation)
    }

    @Test func truncatesWithEllipsisNeverMidCharacter() {
        var grid = CellGrid(width: 6, height: 1)
        grid.write("日本語です", x: 0, y: 0)
        // 5 columns available before the ellipsis: two wide characters fit, the third does not.
        #expect(grid.text == "日本…")
        #expect(TextFit.truncate("abcdef", width: 4) == "abc…")
        #expect(TextFit.truncate("abc", width: 3) == "abc")
    }

    @Test func combiningMarksStayWithTheirBase() {
        let decomposed = "e\u{301}te\u{301}"  // été with combining acute accents
        #expect(DisplayWidth.of(decomposed) == 3)
        var grid = CellGrid(width: 3, height: 1)
        grid.write(decomposed, x: 0, y: 0)
        #expect(grid.rows[0][0].text == "e\u{301}")
        #expect(TextFit.truncate(decomposed + "abc", width: 3) == "e\u{301}t…")
    }

    @Test func emojiWidths() {
        #expect(DisplayWidth.of("📬") == 2)
        #expect(DisplayWidth.of("👍🏽") == 2)
        #expect(DisplayWidth.of("✉\u{FE0F}") == 2)
        #expect(DisplayWidth.of("한국어") == 6)
        #expect(DisplayWidth.of("Ａ") == 2)
    }

    @Test func controlCharactersAreNeutralised() {
        var grid = CellGrid(width: 20, height: 1)
        grid.write("a\u{1B}[31mred\u{7}\tb\u{202E}c", x: 0, y: 0)
        #expect(grid.text == "a?[31mred? bc")
        #expect(!grid.lines[0].contains("\u{1B}"))
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var grid = CellGrid(width: 4, height: 1)
        grid.write("世界", x: 0, y: 0)
        grid.write("x", x: 1, y: 0)
        #expect(grid.text == " x界")
        grid.write("y", x: 2, y: 0)
        #expect(grid.text == " xy")
    }

    @Test func wideCharacterAtTheEdgeIsNotSplit() {
        var grid = CellGrid(width: 3, height: 1)
        grid.write("ab世", x: 0, y: 0)
        #expect(grid.text == "ab…")
    }

    @Test func changedRowsDiff() {
        var a = CellGrid(width: 5, height: 3)
        a.write("one", x: 0, y: 0)
        var b = a
        b.write("two", x: 0, y: 2)
        #expect(b.changedRows(from: a) == [2])
        #expect(b.changedRows(from: nil) == [0, 1, 2])
        #expect(b.changedRows(from: CellGrid(width: 4, height: 3)) == [0, 1, 2])
    }

    @Test func box() {
        var grid = CellGrid(width: 8, height: 3)
        grid.box(grid.bounds, title: "Hi")
        #expect(grid.text == """
            ┌─ Hi ─┐
            │      │
            └──────┘
            """)
    }

    @Test func wrapsAtSpaces() {
        #expect(TextFit.wrap("the quick brown fox", width: 9) == ["the quick", "brown fox"])
        #expect(TextFit.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        #expect(TextFit.wrap("a\n\nb", width: 4) == ["a", "", "b"])
        #expect(TextFit.wrap("一二三四五", width: 4) == ["一二", "三四", "五"])
    }
}
