/// A direction in a message list shown newest first.
public enum ListDirection: Hashable, Sendable {
    /// Down the list: older messages.
    case older
    /// Up the list: newer messages.
    case newer
}
