/// A set of UIDs or sequence numbers as IMAP writes it: `1:5,7,9:*`.
///
/// `*` (the largest number in use) is kept symbolic as `nil` upper bound,
/// because its value is only known to the server.
public struct NumberSet<Element: NumberSetElement>: Hashable, Sendable, CustomStringConvertible {
    /// One range of the set; `upper == nil` means `*`.
    public struct Range: Hashable, Sendable {
        public var lower: Element
        public var upper: Element?
        /// `isStarOnly` ranges are written `*`.
        public var isStarOnly: Bool

        public init(_ single: Element) { lower = single; upper = single; isStarOnly = false }
        public init(_ lower: Element, _ upper: Element?) { self.lower = lower; self.upper = upper; isStarOnly = false }
        /// The range `*`: only the largest number in use.
        public static var star: Range { var r = Range(Element(rawValue: 0), nil); r.isStarOnly = true; return r }

        /// Whether `value` lies in the range (`*` counts as unbounded).
        public func contains(_ value: Element) -> Bool {
            if isStarOnly { return false }
            let lo = min(lower.rawValue, upper?.rawValue ?? UInt32.max)
            let hi = max(lower.rawValue, upper?.rawValue ?? UInt32.max)
            return value.rawValue >= lo && value.rawValue <= hi
        }
    }

    public var ranges: [Range]

    public init(ranges: [Range]) { self.ranges = ranges }
    public init(_ single: Element) { ranges = [Range(single)] }
    /// `lower:*`
    public init(from lower: Element) { ranges = [Range(lower, nil)] }
    /// `1:*`
    public static var all: NumberSet { NumberSet(from: Element(rawValue: 1)) }

    /// Builds the shortest set of ranges covering `values` (sorted, merged).
    public init<S: Sequence>(_ values: S) where S.Element == Element {
        let sorted = Set(values.map(\.rawValue)).sorted()
        var result: [Range] = []
        var start: UInt32? = nil
        var last: UInt32 = 0
        for v in sorted {
            if let s = start, v == last &+ 1, last != UInt32.max {
                last = v
                _ = s
            } else {
                if let s = start { result.append(Range(Element(rawValue: s), Element(rawValue: last))) }
                start = v
                last = v
            }
        }
        if let s = start { result.append(Range(Element(rawValue: s), Element(rawValue: last))) }
        ranges = result
    }

    public var isEmpty: Bool { ranges.isEmpty }

    public func contains(_ value: Element) -> Bool { ranges.contains { $0.contains(value) } }

    /// The explicit members, when the set has no `*`; `nil` otherwise.
    /// Bounded by `limit` so a hostile `1:4294967295` cannot exhaust memory.
    public func members(limit: Int = 1_000_000) -> [Element]? {
        var out: [Element] = []
        for r in ranges {
            guard let upper = r.upper, !r.isStarOnly else { return nil }
            let lo = min(r.lower.rawValue, upper.rawValue), hi = max(r.lower.rawValue, upper.rawValue)
            if out.count + Int(hi - lo) + 1 > limit { return nil }
            for v in lo...hi { out.append(Element(rawValue: v)) }
        }
        return out
    }

    /// The IMAP text form, e.g. `1:5,7,9:*`.
    public var description: String {
        ranges.map { r -> String in
            if r.isStarOnly { return "*" }
            guard let upper = r.upper else { return "\(r.lower.rawValue):*" }
            return upper == r.lower ? "\(r.lower.rawValue)" : "\(r.lower.rawValue):\(upper.rawValue)"
        }.joined(separator: ",")
    }
}

/// What a `NumberSet` may hold: UIDs or sequence numbers.
public protocol NumberSetElement: RawRepresentable, Hashable, Sendable where RawValue == UInt32 {
    init(rawValue: UInt32)
}

extension UID: NumberSetElement {}
extension SequenceNumber: NumberSetElement {}

/// A set of UIDs, as in `UID FETCH 1:*` or `* VANISHED 3:5`.
public typealias UIDSet = NumberSet<UID>
/// A set of message sequence numbers.
public typealias SequenceSet = NumberSet<SequenceNumber>
