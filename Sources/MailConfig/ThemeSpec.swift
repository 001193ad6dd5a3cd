/// A theme as files describe it, colours resolved to palette indexes:
/// what `tern` turns into TerminalKit's `Theme`.
///
/// MailConfig does not depend on the UI modules, so it has its own small
/// value types; the style keys are the UI's dotted semantic keys
/// (`list.row.selected`), kept as text.
public struct ThemeSpec: Hashable, Sendable {
    /// A colour: the terminal's default, or a palette index 0–255.
    public enum Color: Hashable, Sendable {
        case `default`
        case index(UInt8)
    }

    /// One element's look.
    public struct Style: Hashable, Sendable {
        public var foreground: Color?
        public var background: Color?
        /// `bold`, `reverse`, `underline`, `dim`.
        public var attributes: Set<String>

        public init(foreground: Color? = nil, background: Color? = nil, attributes: Set<String> = []) {
            self.foreground = foreground
            self.background = background
            self.attributes = attributes
        }
    }

    /// Styles by dotted key.
    public var styles: [String: Style]
    /// The files read, in order (shipped first, the user's override last).
    public var files: [String]

    public init(styles: [String: Style] = [:], files: [String] = []) {
        self.styles = styles
        self.files = files
    }
}
