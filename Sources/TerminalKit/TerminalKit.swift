/// An ncurses-free terminal toolkit: cells, a virtual screen, views, keys.
/// Filled in by the UI issue.
public enum TerminalKit {}
