import Foundation
import MailConfig
import TerminalKit

/// The UI's theme and keymap from the files `[general]` names, converted
/// from MailConfig's file types to TerminalKit's. `NO_COLOR` (any value)
/// drops colours and keeps attributes.
enum Appearance {
    static func theme(named name: String, directories: DataDirectories,
                      environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Theme {
        let spec: ThemeSpec
        do {
            spec = try AppearanceLoader.theme(named: name, in: directories)
        } catch let error as ConfigError where name == "default" && error.key == "general.theme" {
            // No data files installed: the built-in default still works.
            var theme = Theme.standard
            theme.monochrome = environment["NO_COLOR"] != nil
            return theme
        }
        var styles: [String: Style] = [:]
        for (key, style) in spec.styles {
            var attributes: Style.Attributes = []
            if style.attributes.contains("bold") { attributes.insert(.bold) }
            if style.attributes.contains("reverse") { attributes.insert(.reverse) }
            if style.attributes.contains("underline") { attributes.insert(.underline) }
            if style.attributes.contains("dim") { attributes.insert(.dim) }
            styles[key] = Style(foreground: color(style.foreground), background: color(style.background), attributes: attributes)
        }
        return Theme(styles: styles, monochrome: environment["NO_COLOR"] != nil)
    }

    static func color(_ color: ThemeSpec.Color?) -> Style.Color {
        switch color {
        case .index(let index)?: return .index(index)
        case .default?, nil: return .default
        }
    }

    static func keymap(named name: String, directories: DataDirectories) throws -> Keymap {
        let spec: KeymapSpec
        do {
            spec = try AppearanceLoader.keymap(named: name, in: directories, actions: Set(Action.allCases.map(\.rawValue)),
                                               isKey: { KeyEvent(notation: $0) != nil })
        } catch let error as ConfigError where name == "default" && error.key == "general.keymap" {
            return .standard
        }
        var keymap = Keymap(bindings: [:])
        for (notation, name) in spec.bindings {
            guard let key = KeyEvent(notation: notation) else { continue }
            if let action = Action(rawValue: name) { keymap.bind(key, to: action) } else { keymap.unbind(key) }
        }
        return keymap
    }
}
