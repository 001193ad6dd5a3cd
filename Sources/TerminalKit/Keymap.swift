/// Keys bound to ``Action``s: what the UI consults for every key press.
///
/// Built from the shipped default (``standard``) and overridden binding by
/// binding from files (see MailConfig); unknown keys do nothing.
public struct Keymap: Hashable, Sendable {
    /// The bindings.
    public private(set) var bindings: [KeyEvent: Action]

    /// A keymap with exactly these bindings.
    public init(bindings: [KeyEvent: Action]) { self.bindings = bindings }

    /// The action bound to a key.
    public func action(for key: KeyEvent) -> Action? { bindings[key] }

    /// Binds (or rebinds) a key.
    public mutating func bind(_ key: KeyEvent, to action: Action) { bindings[key] = action }

    /// Removes a key's binding.
    public mutating func unbind(_ key: KeyEvent) { bindings[key] = nil }

    /// The keys bound to each action, for the help overlay; actions in declaration order.
    public var helpLines: [(action: Action, keys: [String])] {
        Action.allCases.compactMap { action in
            let keys = bindings.filter { $0.value == action }.map(\.key.description).sorted()
            return keys.isEmpty ? nil : (action, keys)
        }
    }

    /// The built-in keymap, the same as `Keymaps/default.toml`: used when no keymap file is found.
    public static let standard = Keymap(bindings: [
        .down: .moveDown, .up: .moveUp, .pageDown: .pageDown, .pageUp: .pageUp, .home: .moveTop, .end: .moveBottom,
        .tab: .nextPane, .backTab: .previousPane, .enter: .open, .escape: .back, .left: .back, .right: .open,
        .character("n"): .nextUnread, .character("p"): .previousUnread, .character("s"): .syncAll,
        .character("S"): .syncAccount, .character("r"): .toggleRead, .character("f"): .toggleFlag,
        .character("d"): .delete, .character("a"): .archive, .character("m"): .move, .character("/"): .search,
        .character("t"): .toggleThreads, .character("P"): .togglePoolPane, .character("?"): .help,
        .character("q"): .quit, .character(" "): .pageDown,
    ])
}
