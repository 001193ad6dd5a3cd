/// A key the user pressed, independent of the terminal library.
///
/// Written in keymap files as a character (`q`, `/`, `G`), `<Name>` for a
/// named key (`<Down>`, `<PageUp>`, `<Enter>`, `<Tab>`, `<Esc>`, `<Space>`,
/// `<Backspace>`, `<Home>`, `<End>`, `<Left>`, `<Right>`, `<Up>`, `<BackTab>`,
/// `<F1>`…`<F12>`), or `C-x` for Ctrl with a letter.
public enum KeyEvent: Hashable, Sendable, CustomStringConvertible {
    case character(Character)
    case control(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, tab, backTab, escape, backspace, delete
    case function(Int)
    /// The terminal changed size (not a key a user binds).
    case resize

    static let names: [String: KeyEvent] = [
        "up": .up, "down": .down, "left": .left, "right": .right, "pageup": .pageUp, "pagedown": .pageDown,
        "home": .home, "end": .end, "enter": .enter, "return": .enter, "tab": .tab, "backtab": .backTab,
        "esc": .escape, "escape": .escape, "backspace": .backspace, "delete": .delete, "del": .delete,
        "space": .character(" "),
    ]

    /// Parses the keymap notation; `nil` when it names no key.
    public init?(notation: String) {
        if notation.count == 1, let c = notation.first {
            self = .character(c)
            return
        }
        if notation.hasPrefix("C-"), notation.count == 3, let c = notation.last, c.isLetter {
            self = .control(Character(c.lowercased()))
            return
        }
        guard notation.hasPrefix("<"), notation.hasSuffix(">"), notation.count > 2 else { return nil }
        let name = notation.dropFirst().dropLast().lowercased()
        if let key = Self.names[name] {
            self = key
        } else if name.hasPrefix("f"), let n = Int(name.dropFirst()), (1...12).contains(n) {
            self = .function(n)
        } else if name.hasPrefix("c-"), name.count == 3, let c = name.last, c.isLetter {
            self = .control(c)
        } else {
            return nil
        }
    }

    /// The keymap notation (what the help overlay shows).
    public var description: String {
        switch self {
        case .character(" "): return "<Space>"
        case .character(let c): return String(c)
        case .control(let c): return "C-\(c)"
        case .up: return "<Up>"
        case .down: return "<Down>"
        case .left: return "<Left>"
        case .right: return "<Right>"
        case .pageUp: return "<PageUp>"
        case .pageDown: return "<PageDown>"
        case .home: return "<Home>"
        case .end: return "<End>"
        case .enter: return "<Enter>"
        case .tab: return "<Tab>"
        case .backTab: return "<BackTab>"
        case .escape: return "<Esc>"
        case .backspace: return "<Backspace>"
        case .delete: return "<Delete>"
        case .function(let n): return "<F\(n)>"
        case .resize: return "<Resize>"
        }
    }
}
