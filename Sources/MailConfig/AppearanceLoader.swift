import Foundation
import TOMLKit

/// Loads themes (`Themes/NAME.toml`) and keymaps (`Keymaps/NAME.toml`):
/// the shipped file, then the user's file of the same name, which
/// overrides single keys. Every problem is a ``ConfigError`` naming the
/// file and the key.
///
/// ```swift
/// let dirs = DataDirectories.current()
/// let theme = try AppearanceLoader.theme(named: "dark", in: dirs)
/// let keys = try AppearanceLoader.keymap(named: "vim", in: dirs,
///     actions: ["move_down", …], isKey: { KeyEvent(notation: $0) != nil })
/// ```
public enum AppearanceLoader {
    static let basicColors = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]
    static let attributes: Set<String> = ["bold", "reverse", "underline", "dim"]

    /// The theme `name`: shipped, then the user's overrides.
    public static func theme(named name: String, in directories: DataDirectories) throws -> ThemeSpec {
        let files = [directories.shippedFile("Themes", name), directories.userFile("themes", name)].compactMap { $0 }
        guard !files.isEmpty else {
            throw ConfigError(file: "Themes/\(name).toml", key: "general.theme",
                              message: "no theme named \"\(name)\" (looked in \(directories.shipped.first ?? "") and \(directories.user)/themes)")
        }
        var spec = ThemeSpec(files: files)
        var aliases: [String: ThemeSpec.Color] = [:]
        for file in files {
            try parseTheme(try readTable(file), file: file, into: &spec, aliases: &aliases)
        }
        return spec
    }

    /// The keymap `name`: shipped, then the user's overrides. `actions` are
    /// the valid action names; `isKey` says whether a key notation is valid.
    public static func keymap(named name: String, in directories: DataDirectories, actions: Set<String>,
                              isKey: (String) -> Bool) throws -> KeymapSpec {
        let files = [directories.shippedFile("Keymaps", name), directories.userFile("keymaps", name)].compactMap { $0 }
        guard !files.isEmpty else {
            throw ConfigError(file: "Keymaps/\(name).toml", key: "general.keymap",
                              message: "no keymap named \"\(name)\" (looked in \(directories.shipped.first ?? "") and \(directories.user)/keymaps)")
        }
        var spec = KeymapSpec(files: files)
        for file in files {
            try parseKeymap(try readTable(file), file: file, into: &spec, actions: actions, isKey: isKey)
        }
        return spec
    }

    static func readTable(_ file: String) throws -> TOMLTable {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw ConfigError(file: file, message: "cannot be read as UTF-8 text")
        }
        return try ConfigLoader.parseTOML(text, file: file)
    }

    /// Parses one theme file into `spec` (its styles override earlier ones, key by key).
    public static func parseTheme(_ root: TOMLTable, file: String, into spec: inout ThemeSpec,
                                  aliases: inout [String: ThemeSpec.Color]) throws {
        let reader = TableReader(table: root, file: file, path: "")
        try reader.rejectUnknownKeys(["colors", "styles"])
        if let colors = try reader.table("colors") {
            for key in colors.table.keys.sorted() {
                guard let value = try colors.string(key) else { continue }
                aliases[key] = try color(value, key: colors.keyPath(key), file: file, aliases: aliases)
            }
        }
        guard let styles = try reader.table("styles") else { return }
        for key in styles.table.keys.sorted() {
            let path = styles.keyPath(key)
            guard key.split(separator: ".").allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } }) else {
                throw ConfigError(file: file, key: path, message: "a style key is dotted words, like \"list.row.selected\"")
            }
            guard let table = try styles.table(key) else { continue }
            try table.rejectUnknownKeys(["fg", "bg", "attrs"])
            var style = ThemeSpec.Style()
            if let fg = try table.string("fg") { style.foreground = try color(fg, key: table.keyPath("fg"), file: file, aliases: aliases) }
            if let bg = try table.string("bg") { style.background = try color(bg, key: table.keyPath("bg"), file: file, aliases: aliases) }
            for attribute in try table.stringArray("attrs") ?? [] {
                guard attributes.contains(attribute) else {
                    throw ConfigError(file: file, key: table.keyPath("attrs"),
                                      message: "unknown attribute \"\(attribute)\"; use bold, reverse, underline or dim")
                }
                style.attributes.insert(attribute)
            }
            spec.styles[key] = style
        }
    }

    /// A colour by name (`red`, `bright_blue`, `default`), alias, or index (`"208"`).
    static func color(_ value: String, key: String, file: String, aliases: [String: ThemeSpec.Color]) throws -> ThemeSpec.Color {
        let name = value.lowercased()
        if name == "default" || name == "none" { return .default }
        if let alias = aliases[name] { return alias }
        if let index = basicColors.firstIndex(of: name) { return .index(UInt8(index)) }
        if name == "bright_black" || name == "grey" || name == "gray" { return .index(8) }
        if name.hasPrefix("bright_"), let index = basicColors.firstIndex(of: String(name.dropFirst(7))) {
            return .index(UInt8(index + 8))
        }
        if let index = Int(name), (0...255).contains(index) { return .index(UInt8(index)) }
        throw ConfigError(file: file, key: key,
                          message: "unknown colour \"\(value)\"; use a name (red, bright_blue…), an alias from [colors], or 0-255")
    }

    /// Parses one keymap file into `spec` (its bindings override earlier ones, key by key).
    public static func parseKeymap(_ root: TOMLTable, file: String, into spec: inout KeymapSpec, actions: Set<String>,
                                   isKey: (String) -> Bool) throws {
        let reader = TableReader(table: root, file: file, path: "")
        try reader.rejectUnknownKeys(["keys"])
        guard let keys = try reader.table("keys") else { return }
        for key in keys.table.keys.sorted() {
            guard let action = try keys.string(key) else { continue }
            guard isKey(key) else {
                throw keys.error(key, "not a key; write a character, <Down>, <PageUp>, <Enter>, <F5>, C-x…")
            }
            guard action == "none" || actions.contains(action) else {
                let suggestion = actions.min { editDistance($0, action) < editDistance($1, action) }
                var message = "unknown action \"\(action)\""
                if let suggestion, editDistance(suggestion, action) <= 3 { message += "; did you mean \"\(suggestion)\"?" }
                throw keys.error(key, message)
            }
            spec.bindings[key] = action
        }
    }
}
