import Foundation
import Testing
@testable import MailConfig

/// Themes and keymaps: the shipped files load, a user's file overrides
/// single keys, and a bad file is an error naming the file and the key.
@Suite struct AppearanceLoaderTests {
    /// The source tree's root (holding Themes/ and Keymaps/).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let actions: Set<String> = ["move_down", "move_up", "page_down", "page_up", "move_top", "move_bottom",
        "next_pane", "previous_pane", "open", "back", "next_unread", "previous_unread", "sync_all", "sync_account",
        "toggle_read", "toggle_flag", "delete", "archive", "move", "search", "toggle_threads", "toggle_pool_pane",
        "help", "quit"]
    static func isKey(_ key: String) -> Bool {
        key.count == 1 || key.hasPrefix("<") && key.hasSuffix(">") || key.hasPrefix("C-")
    }

    func userDirectory(_ files: [String: String]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tern-appearance-\(UUID().uuidString)").path
        for (path, text) in files {
            let full = dir + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: full, atomically: true, encoding: .utf8)
        }
        return dir
    }

    @Test(arguments: ["default", "dark", "light", "monochrome"])
    func shippedThemesLoad(name: String) throws {
        let spec = try AppearanceLoader.theme(named: name, in: DataDirectories(shipped: [Self.root], user: "/nonexistent"))
        #expect(spec.styles["list.row.selected"] != nil)
        #expect(spec.files == ["\(Self.root)/Themes/\(name).toml"])
    }

    @Test(arguments: ["default", "vim"])
    func shippedKeymapsLoad(name: String) throws {
        let spec = try AppearanceLoader.keymap(named: name, in: DataDirectories(shipped: [Self.root], user: "/nonexistent"),
                                               actions: Self.actions, isKey: Self.isKey)
        #expect(Set(spec.bindings.values).isSuperset(of: ["quit", "help", "open", "sync_all", "toggle_pool_pane"]))
    }

    @Test func colourNamesAliasesAndIndexes() throws {
        let spec = try AppearanceLoader.theme(named: "default", in: DataDirectories(shipped: [Self.root], user: "/nonexistent"))
        #expect(spec.styles["sidebar.account"] == ThemeSpec.Style(foreground: .index(6), attributes: ["bold"]))
        #expect(spec.styles["list.title"]?.foreground == .index(8))
        let dark = try AppearanceLoader.theme(named: "dark", in: DataDirectories(shipped: [Self.root], user: "/nonexistent"))
        #expect(dark.styles["list.row.selected"] == ThemeSpec.Style(foreground: .index(255), background: .index(24)))
    }

    @Test func userFileOverridesSingleKeys() throws {
        let user = try userDirectory([
            "themes/default.toml": "[styles]\n\"list.row.selected\" = { fg = \"magenta\", attrs = [\"underline\"] }\n",
            "keymaps/default.toml": "[keys]\n\"j\" = \"move_down\"\n\"q\" = \"none\"\n",
        ])
        let directories = DataDirectories(shipped: [Self.root], user: user)
        let theme = try AppearanceLoader.theme(named: "default", in: directories)
        #expect(theme.styles["list.row.selected"] == ThemeSpec.Style(foreground: .index(5), attributes: ["underline"]))
        #expect(theme.styles["sidebar.account"] != nil, "the rest of the shipped theme stays")
        let keymap = try AppearanceLoader.keymap(named: "default", in: directories, actions: Self.actions, isKey: Self.isKey)
        #expect(keymap.bindings["j"] == "move_down")
        #expect(keymap.bindings["q"] == "none")
        #expect(keymap.bindings["<Down>"] == "move_down")
        #expect(keymap.files.count == 2)
    }

    @Test func badFilesNameTheFileAndKey() throws {
        let user = try userDirectory([
            "themes/bad-colour.toml": "[styles]\n\"list.row\" = { fg = \"chartreuse\" }\n",
            "themes/bad-attr.toml": "[styles]\n\"status\" = { attrs = [\"blink\"] }\n",
            "themes/bad-syntax.toml": "[styles\n",
            "keymaps/bad-action.toml": "[keys]\n\"x\" = \"sync_al\"\n",
            "keymaps/bad-key.toml": "[keys]\n\"<Nope\" = \"quit\"\n",
        ])
        let directories = DataDirectories(shipped: [Self.root], user: user)
        func message(_ body: () throws -> Void) -> String {
            do { try body() } catch { return "\(error)" }
            return "no error"
        }
        #expect(message { _ = try AppearanceLoader.theme(named: "bad-colour", in: directories) }
            == "\(user)/themes/bad-colour.toml: styles.list.row.fg: unknown colour \"chartreuse\"; use a name (red, bright_blue…), an alias from [colors], or 0-255")
        #expect(message { _ = try AppearanceLoader.theme(named: "bad-attr", in: directories) }
            == "\(user)/themes/bad-attr.toml: styles.status.attrs: unknown attribute \"blink\"; use bold, reverse, underline or dim")
        #expect(message { _ = try AppearanceLoader.theme(named: "bad-syntax", in: directories) }.hasPrefix("\(user)/themes/bad-syntax.toml:1:"))
        #expect(message { _ = try AppearanceLoader.keymap(named: "bad-action", in: directories, actions: Self.actions, isKey: Self.isKey) }
            == "\(user)/keymaps/bad-action.toml: keys.x: unknown action \"sync_al\"; did you mean \"sync_all\"?")
        #expect(message { _ = try AppearanceLoader.keymap(named: "bad-key", in: directories, actions: Self.actions, isKey: Self.isKey) }
            .contains("keys.<Nope: not a key"))
        #expect(message { _ = try AppearanceLoader.theme(named: "missing", in: directories) }
            .contains("general.theme: no theme named \"missing\""))
    }

    @Test func searchOrderStartsWithTheEnvironment() {
        let dirs = DataDirectories.current(environment: ["TERN_DATA_DIR": "/src/tern", "HOME": "/home/u"],
                                           executable: "/opt/tern/bin/tern")
        #expect(Array(dirs.shipped.prefix(3)) == ["/src/tern", "/opt/tern/bin", "/opt/tern/share/tern"])
        #expect(dirs.user == "/home/u/.config/tern")
    }
}
