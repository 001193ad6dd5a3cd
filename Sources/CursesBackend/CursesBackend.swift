import CNCurses
import TerminalKit

/// The only module that touches ncurses. Filled in by the UI issue.
public enum CursesBackend {
    /// The ncurses version the binary is linked against.
    public static var version: String { String(cString: curses_version()) }
}
