/// Resolved styles for the UI's semantic elements.
///
/// Keys are dotted (`list.row.selected`); a key without a style of its own
/// falls back to its parent (`list.row`, then `list`), then to plain, so a
/// theme can be short. Colours are already resolved to palette indexes.
public struct Theme: Hashable, Sendable {
    /// The styles by key.
    public private(set) var styles: [String: Style]
    /// Whether colours are dropped (NO_COLOR or a monochrome terminal); attributes stay.
    public var monochrome: Bool

    /// A theme with these styles.
    public init(styles: [String: Style], monochrome: Bool = false) {
        self.styles = styles
        self.monochrome = monochrome
    }

    /// The style for `key`, falling back along the dotted path.
    public func style(_ key: String) -> Style {
        var path = Substring(key)
        while true {
            if let style = styles[String(path)] { return monochrome ? style.monochrome : style }
            guard let dot = path.lastIndex(of: ".") else { return .plain }
            path = path[..<dot]
        }
    }

    /// Sets one key's style.
    public mutating func set(_ key: String, _ style: Style) { styles[key] = style }

    /// The built-in theme, close to `Themes/default.toml`: used when no theme file is found.
    public static let standard: Theme = {
        let cyan = Style.Color.index(6), green = Style.Color.index(2), yellow = Style.Color.index(3)
        let red = Style.Color.index(1), grey = Style.Color.index(8)
        return Theme(styles: [
            "title": Style(attributes: [.bold]),
            "sidebar.account": Style(foreground: cyan, attributes: [.bold]),
            "sidebar.folder.unread": Style(attributes: [.bold]),
            "sidebar.folder.selected": Style(attributes: [.reverse]),
            "list.row.unread": Style(attributes: [.bold]),
            "list.row.new": Style(foreground: cyan, attributes: [.bold]),
            "list.row.selected": Style(attributes: [.reverse]),
            "list.row.flagged": Style(foreground: yellow),
            "reader.header.name": Style(foreground: grey),
            "reader.quote": Style(foreground: grey),
            "reader.attachment": Style(foreground: cyan),
            "status": Style(attributes: [.reverse]),
            "status.error": Style(foreground: red, attributes: [.bold, .reverse]),
            "pool.title": Style(attributes: [.bold]),
            "pool.connection.busy": Style(foreground: yellow),
            "pool.connection.idle": Style(foreground: green),
            "pool.connection.idling": Style(foreground: cyan),
            "pool.error": Style(foreground: red),
            "border": Style(foreground: grey),
            "border.focused": Style(foreground: cyan),
        ])
    }()
}
