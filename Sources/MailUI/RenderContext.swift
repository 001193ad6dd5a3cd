import Foundation
import TerminalKit

/// What drawing needs besides the state: the theme, the keymap (for hints
/// and help) and the time zone dates are shown in.
public struct RenderContext: Sendable {
    public var theme: Theme
    public var keymap: Keymap
    public var timeZone: TimeZone

    public init(theme: Theme = .standard, keymap: Keymap = .standard, timeZone: TimeZone = .current) {
        self.theme = theme
        self.keymap = keymap
        self.timeZone = timeZone
    }

    /// The first key bound to an action, for hints (`?` for help).
    func key(for action: Action) -> String? {
        keymap.helpLines.first { $0.action == action }?.keys.first
    }
}
