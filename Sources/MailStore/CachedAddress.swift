/// One address of a From/To/Cc header, as stored in the cache (JSON `{name,email}`).
public struct CachedAddress: Hashable, Sendable, Codable {
    /// The display name, if the header had one (already decoded from RFC 2047).
    public var name: String?
    /// The address itself (`local@domain`).
    public var email: String

    /// Creates an address.
    public init(name: String? = nil, email: String) {
        self.name = name
        self.email = email
    }

    /// What a message list shows: the display name, or the address when there is none.
    public var displayName: String {
        if let name, !name.isEmpty { return name }
        return email
    }
}
