/// How a cell looks: foreground and background colours and attributes.
///
/// Colours are terminal palette indexes (0–255) or the terminal's default;
/// a backend maps them to colour pairs. Styles are values, so a theme can
/// hand the same one to many cells.
public struct Style: Hashable, Sendable {
    /// A terminal colour.
    public enum Color: Hashable, Sendable {
        /// The terminal's own foreground or background.
        case `default`
        /// A palette index: 0–7 the basic colours, 8–15 their bright forms, 16–255 the 256-colour cube and greys.
        case index(UInt8)
    }

    /// Text attributes, combinable.
    public struct Attributes: OptionSet, Hashable, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let bold = Attributes(rawValue: 1 << 0)
        public static let reverse = Attributes(rawValue: 1 << 1)
        public static let underline = Attributes(rawValue: 1 << 2)
        public static let dim = Attributes(rawValue: 1 << 3)
    }

    public var foreground: Color
    public var background: Color
    public var attributes: Attributes

    /// Creates a style; everything defaults to the terminal's own look.
    public init(foreground: Color = .default, background: Color = .default, attributes: Attributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// The terminal's default look.
    public static let plain = Style()

    /// This style with `other`'s colours where they are set and both attribute sets.
    public func merged(with other: Style) -> Style {
        Style(foreground: other.foreground == .default ? foreground : other.foreground,
              background: other.background == .default ? background : other.background,
              attributes: attributes.union(other.attributes))
    }

    /// The same attributes without colours (for `NO_COLOR` and monochrome terminals).
    public var monochrome: Style { Style(attributes: attributes) }
}
