import CNCurses
#if canImport(Glibc)
import Glibc
#endif
import TerminalKit

/// The terminal through ncurses: draws ``CellGrid`` frames, reads keys.
///
/// The only type that touches ncurses; create it, use it and drop it on
/// one thread (the UI thread). A frame redraws only the rows that changed
/// since the previous one (`wnoutrefresh` + `doupdate`, no flicker). The
/// terminal is restored on ``restore()``, on exit and on a crash (fatal
/// signals run `endwin` before the default action). Keys arrive raw, so
/// Ctrl-Z reaches the UI as a key and ``suspend()`` stops the process on
/// this thread; a SIGTSTP sent from outside is handled by ncurses' own
/// handler, which restores and re-enters the screen the same way.
///
/// ```swift
/// let terminal = CursesTerminal()
/// defer { terminal.restore() }
/// terminal.present(grid)
/// let keys = terminal.waitForKeys(wakeup: wakeup, timeoutMilliseconds: -1)
/// ```
public final class CursesTerminal: Terminal {
    private var previous: CellGrid?
    private var pairs: [PairKey: Int32] = [:]
    private let colorCount: Int
    private var restored = false
    public private(set) var isClosed = false

    struct PairKey: Hashable {
        var foreground: Int16
        var background: Int16
    }

    /// Enters curses mode on the controlling terminal.
    public init() {
        setlocale(LC_ALL, "")
        tern_install_restore_handlers()
        tern_set_escdelay(25)
        initscr()
        raw()
        noecho()
        nonl()
        keypad(tern_stdscr(), true)
        nodelay(tern_stdscr(), true)
        curs_set(0)
        if has_colors() {
            start_color()
            use_default_colors()
            colorCount = Int(tern_colors())
        } else {
            colorCount = 0
        }
    }

    /// The ncurses version linked in.
    public static var version: String { String(cString: curses_version()) }

    /// Whether the terminal shows colours (false on a monochrome terminal).
    public var hasColors: Bool { colorCount >= 8 }

    public var size: (width: Int, height: Int) {
        var y: Int32 = 0, x: Int32 = 0
        tern_getmaxyx(tern_stdscr(), &y, &x)
        return (Int(x), Int(y))
    }

    public func present(_ grid: CellGrid) {
        let rows = grid.changedRows(from: previous)
        guard !rows.isEmpty else { return }
        var text = [wchar_t](repeating: 0, count: Int(tern_ccharw_max()) + 1)
        let maxScalars = Int(tern_ccharw_max()) - 1
        for y in rows {
            for (x, cell) in grid.rows[y].enumerated() where !cell.isContinuation {
                var count = 0
                for scalar in cell.text.unicodeScalars where count < maxScalars {
                    text[count] = wchar_t(bitPattern: scalar.value)
                    count += 1
                }
                if count == 0 { text[0] = 0x20; count = 1 }
                text[count] = 0
                _ = tern_put_cell(Int32(y), Int32(x), text, attributes(cell.style), pair(cell.style))
            }
        }
        wnoutrefresh(tern_stdscr())
        doupdate()
        previous = grid
    }

    public func waitForKeys(wakeup: Wakeup, timeoutMilliseconds: Int32) -> [KeyEvent] {
        var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: wakeup.readDescriptor, events: Int16(POLLIN), revents: 0)]
        let ready = poll(&fds, 2, timeoutMilliseconds)
        if ready > 0, fds[1].revents != 0 { wakeup.drain() }
        if ready > 0, fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
            isClosed = true
            return []
        }
        // Also read after EINTR: SIGWINCH interrupts poll and ncurses then reports KEY_RESIZE.
        guard ready != 0 else { return [] }
        return readKeys()
    }

    public func suspend() {
        endwin()
        kill(0, SIGSTOP)  // the whole job stops, as the shell expects; continues after `fg`
        // The shell may have set its own modes meanwhile: take raw mode back.
        reset_prog_mode()
        raw()
        noecho()
        nonl()
        refresh()
        previous = nil
        clearok(tern_stdscr(), true)
    }

    public func bell() {
        beep()
    }

    public func restore() {
        guard !restored else { return }
        restored = true
        curs_set(1)
        endwin()
    }

    /// Reads every key waiting (non-blocking).
    private func readKeys() -> [KeyEvent] {
        var keys: [KeyEvent] = []
        var value: wint_t = 0
        while true {
            let status = wget_wch(tern_stdscr(), &value)
            if status == tern_err() { break }
            let key = status == tern_key_code_yes() ? Self.translate(code: Int32(value)) : Self.translate(character: UInt32(value))
            if let key {
                if key == .resize { previous = nil }
                keys.append(key)
            }
        }
        return keys
    }

    static func translate(code: Int32) -> KeyEvent? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case tern_key_resize(): return .resize
        case KEY_F0 + 1...KEY_F0 + 12: return .function(Int(code - KEY_F0))
        default: return nil
        }
    }

    static func translate(character value: UInt32) -> KeyEvent? {
        switch value {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return Unicode.Scalar(value + 96).map { .control(Character($0)) }
        default: return Unicode.Scalar(value).map { .character(Character($0)) }
        }
    }

    private func attributes(_ style: Style) -> attr_t {
        var attrs = tern_a_normal()
        if style.attributes.contains(.bold) { attrs |= tern_a_bold() }
        if style.attributes.contains(.reverse) { attrs |= tern_a_reverse() }
        if style.attributes.contains(.underline) { attrs |= tern_a_underline() }
        if style.attributes.contains(.dim) { attrs |= tern_a_dim() }
        return attrs
    }

    /// The colour pair for a style's colours, created on first use.
    private func pair(_ style: Style) -> Int32 {
        let key = PairKey(foreground: color(style.foreground), background: color(style.background))
        if key.foreground == -1, key.background == -1 { return 0 }
        if let known = pairs[key] { return known }
        let number = Int32(pairs.count + 1)
        guard number < tern_color_pairs(), number < Int32(Int16.max) else { return 0 }
        init_pair(Int16(number), key.foreground, key.background)
        pairs[key] = number
        return number
    }

    /// A palette index the terminal has: 256 colours as they are, bright
    /// colours folded onto the basic eight on an 8-colour terminal, none on a monochrome one.
    private func color(_ color: Style.Color) -> Int16 {
        guard case .index(let index) = color, colorCount >= 8 else { return -1 }
        if Int(index) < colorCount { return Int16(index) }
        if index < 16 { return Int16(index - 8) }
        return -1
    }
}
