/// Modified UTF-7 for mailbox names (RFC 3501 §5.1.3).
public enum ModifiedUTF7 {
    /// Encodes a name for the wire.
    public static func encode(_ text: String) -> String {
        fatalError("implemented by the encoder")
    }

    /// Decodes a wire name, or `nil` when it is not valid modified UTF-7.
    public static func decode(_ wire: String) -> String? {
        fatalError("implemented by the encoder")
    }
}
