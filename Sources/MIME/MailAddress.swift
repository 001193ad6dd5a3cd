/// An email address with an optional display name: `"Zoë Åberg" <zoe@example.com>`.
public struct MailAddress: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The display name, encoded words decoded and quotes removed; `nil` when absent.
    public var name: String?
    /// The address itself (`local@domain`); may lack a domain when the input did.
    public var email: String

    /// Makes an address; an empty name is stored as `nil`.
    public init(name: String? = nil, email: String) {
        let trimmed = name?.trimmingSpaces()
        self.name = (trimmed?.isEmpty ?? true) ? nil : trimmed
        self.email = email
    }

    /// What a list shows: the name, or the address when there is none.
    public var displayName: String {
        name ?? email
    }

    /// `Name <email>`, or the bare address.
    public var description: String {
        guard let name else { return email }
        return "\(name) <\(email)>"
    }
}
