import Testing
@testable import TerminalKit

@Suite struct ViewStateTests {
    @Test func listKeepsSelectionVisible() {
        var list = ListViewState(count: 100)
        #expect(list.visibleRange(height: 10) == 0..<10)
        list.move(by: 15)
        #expect(list.visibleRange(height: 10) == 6..<16)
        list.move(by: -100)
        #expect(list.selected == 0)
        #expect(list.visibleRange(height: 10) == 0..<10)
        list.move(by: 1000)
        #expect(list.selected == 99)
        #expect(list.visibleRange(height: 10) == 90..<100)
        list.setCount(5)
        #expect(list.selected == 4)
        #expect(list.visibleRange(height: 10) == 0..<5)
        list.setCount(0)
        #expect(list.visibleRange(height: 10) == 0..<0)
    }

    @Test func textScrollsWithinBounds() {
        var text = TextViewState()
        let lines = (0..<30).map(String.init)
        text.scroll(by: 100, lineCount: lines.count, height: 10)
        #expect(text.top == 20)
        #expect(Array(text.visible(lines, height: 10)) == (20..<30).map(String.init))
        text.scroll(by: -5, lineCount: lines.count, height: 10)
        #expect(text.top == 15)
    }

    @Test func keyNotation() {
        #expect(KeyEvent(notation: "<Down>") == .down)
        #expect(KeyEvent(notation: "C-d") == .control("d"))
        #expect(KeyEvent(notation: "<C-u>") == .control("u"))
        #expect(KeyEvent(notation: "G") == .character("G"))
        #expect(KeyEvent(notation: "<Space>") == .character(" "))
        #expect(KeyEvent(notation: "<F5>") == .function(5))
        #expect(KeyEvent(notation: "<Nope>") == nil)
        for key in [KeyEvent.pageDown, .control("x"), .character("q"), .function(2)] {
            #expect(KeyEvent(notation: key.description) == key)
        }
    }

    @Test func themeFallsBackAlongTheDottedPath() {
        var theme = Theme(styles: ["list.row": Style(attributes: [.bold]), "list.row.selected": Style(foreground: .index(3))])
        #expect(theme.style("list.row.unread") == Style(attributes: [.bold]))
        #expect(theme.style("list.row.selected") == Style(foreground: .index(3)))
        #expect(theme.style("pool") == .plain)
        theme.monochrome = true
        #expect(theme.style("list.row.selected") == .plain)
    }

    @Test func keymapHelpListsEveryBoundAction() {
        let help = Keymap.standard.helpLines
        #expect(help.first?.action == .moveDown)
        #expect(help.contains { $0.action == .quit && $0.keys == ["q"] })
        #expect(help.contains { $0.action == .pageDown && $0.keys == ["<PageDown>", "<Space>"] })
    }
}
