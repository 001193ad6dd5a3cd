/// The panes that can have the keyboard focus.
public enum Pane: Hashable, Sendable {
    case sidebar, list, reader
}
