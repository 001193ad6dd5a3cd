/// An ESEARCH reply (RFC 4731 / RFC 9051 §7.3.4).
public struct ESearchResponse: Hashable, Sendable {
    /// The tag of the command this answers, when the server names it.
    public var correlator: Tag?
    /// Whether the numbers are UIDs.
    public var uid: Bool
    public var min: UInt32?
    public var max: UInt32?
    public var count: Int?
    /// `ALL`: the matching numbers as a set.
    public var all: NumberSet<UID>?
    public var modSeq: ModSeq?

    public init(correlator: Tag? = nil, uid: Bool = false, min: UInt32? = nil, max: UInt32? = nil,
                count: Int? = nil, all: NumberSet<UID>? = nil, modSeq: ModSeq? = nil) {
        self.correlator = correlator
        self.uid = uid
        self.min = min
        self.max = max
        self.count = count
        self.all = all
        self.modSeq = modSeq
    }
}
