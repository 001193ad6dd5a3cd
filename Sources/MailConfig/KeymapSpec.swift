/// A keymap as files describe it: key notation → action name, already
/// validated against the names and notations `tern` passes in.
public struct KeymapSpec: Hashable, Sendable {
    /// Bindings: `"<Down>"` → `"move_down"`; an action `"none"` unbinds a key.
    public var bindings: [String: String]
    /// The files read, in order (shipped first, the user's override last).
    public var files: [String]

    public init(bindings: [String: String] = [:], files: [String] = []) {
        self.bindings = bindings
        self.files = files
    }
}
