import IMAPCodec
import NIOCore

/// One `* n FETCH (…)` reply with typed accessors for its attributes.
public struct FetchedMessage: Hashable, Sendable {
    public var sequenceNumber: SequenceNumber
    public var attributes: [MessageAttribute]

    public init(sequenceNumber: SequenceNumber, attributes: [MessageAttribute]) {
        self.sequenceNumber = sequenceNumber
        self.attributes = attributes
    }

    public var uid: UID? {
        for case .uid(let v) in attributes { return v }
        return nil
    }
    public var flags: [Flag]? {
        for case .flags(let v) in attributes { return v }
        return nil
    }
    public var envelope: Envelope? {
        for case .envelope(let v) in attributes { return v }
        return nil
    }
    public var bodyStructure: BodyStructure? {
        for case .bodyStructure(let v, _) in attributes { return v }
        return nil
    }
    public var size: Int? {
        for case .rfc822Size(let v) in attributes { return v }
        return nil
    }
    public var internalDate: InternalDate? {
        for case .internalDate(let v) in attributes { return v }
        return nil
    }
    public var modSeq: ModSeq? {
        for case .modSeq(let v) in attributes { return v }
        return nil
    }
    public var gmailMessageID: UInt64? {
        for case .gmailMessageID(let v) in attributes { return v }
        return nil
    }
    public var gmailThreadID: UInt64? {
        for case .gmailThreadID(let v) in attributes { return v }
        return nil
    }
    public var gmailLabels: [String]? {
        for case .gmailLabels(let v) in attributes { return v }
        return nil
    }

    /// The bytes of `BODY[section]`, if fetched.
    public func body(_ section: SectionSpecifier = .complete) -> ByteBuffer? {
        for case .bodySection(let s, _, let data) in attributes where s == section { return data }
        if section == .complete { for case .rfc822(let data) in attributes { return data } }
        return nil
    }
}
