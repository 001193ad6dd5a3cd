import CNCurses
@testable import CursesBackend
import TerminalKit
import Testing

/// ncurses key codes and characters to `KeyEvent`s (no terminal needed).
@Suite struct KeyTranslationTests {
    @Test func keyCodes() {
        #expect(CursesTerminal.translate(code: KEY_DOWN) == .down)
        #expect(CursesTerminal.translate(code: KEY_NPAGE) == .pageDown)
        #expect(CursesTerminal.translate(code: KEY_BTAB) == .backTab)
        #expect(CursesTerminal.translate(code: tern_key_resize()) == .resize)
        #expect(CursesTerminal.translate(code: KEY_F0 + 5) == .function(5))
        #expect(CursesTerminal.translate(code: KEY_MOUSE) == nil)
    }

    @Test func characters() {
        #expect(CursesTerminal.translate(character: 9) == .tab)
        #expect(CursesTerminal.translate(character: 13) == .enter)
        #expect(CursesTerminal.translate(character: 27) == .escape)
        #expect(CursesTerminal.translate(character: 127) == .backspace)
        #expect(CursesTerminal.translate(character: 4) == .control("d"))
        #expect(CursesTerminal.translate(character: 0x71) == .character("q"))
        #expect(CursesTerminal.translate(character: 0x00E9) == .character("é"))
        #expect(CursesTerminal.translate(character: 0x65E5) == .character("日"))
    }

    @Test func linkedNcursesIsWide() {
        #expect(CursesTerminal.version.hasPrefix("ncurses"))
    }
}
