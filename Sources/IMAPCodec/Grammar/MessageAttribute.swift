import NIOCore

/// One item of a FETCH response (RFC 3501 §7.4.2, RFC 7162, Gmail's X-GM-EXT-1).
public enum MessageAttribute: Hashable, Sendable {
    case uid(UID)
    case flags([Flag])
    /// INTERNALDATE as sent, e.g. `17-Jul-1996 02:44:25 -0700`.
    case internalDate(InternalDate)
    case rfc822Size(Int)
    case envelope(Envelope)
    /// BODYSTRUCTURE, or BODY without extension data (`hasExtensionData` false).
    case bodyStructure(BodyStructure, hasExtensionData: Bool)
    /// `BODY[section]<origin>`: the bytes, or `nil` for NIL.
    case bodySection(SectionSpecifier, origin: Int?, data: ByteBuffer?)
    /// `BINARY[section]<origin>` (RFC 3516).
    case binarySection([Int], origin: Int?, data: ByteBuffer?)
    /// `BINARY.SIZE[section]`
    case binarySize([Int], size: Int)
    /// RFC822, RFC822.HEADER, RFC822.TEXT (old forms of BODY[], BODY[HEADER], BODY[TEXT]).
    case rfc822(ByteBuffer?)
    case rfc822Header(ByteBuffer?)
    case rfc822Text(ByteBuffer?)
    case modSeq(ModSeq)
    case gmailMessageID(UInt64)
    case gmailThreadID(UInt64)
    /// X-GM-LABELS: labels as astrings (system labels keep their backslash).
    case gmailLabels([String])
}

/// An INTERNALDATE, kept as its parts so no time-zone database is needed.
public struct InternalDate: Hashable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    /// Offset from UTC in minutes (e.g. -420 for `-0700`).
    public var zoneMinutes: Int

    public init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, zoneMinutes: Int) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.zoneMinutes = zoneMinutes
    }

    /// Seconds since 1970-01-01 UTC.
    public var secondsSince1970: Int64 {
        // Days from civil (Howard Hinnant's algorithm), proleptic Gregorian.
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146097 + doe - 719468
        return days * 86400 + Int64(hour * 3600 + minute * 60 + second) - Int64(zoneMinutes * 60)
    }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The wire form, `dd-Mon-yyyy hh:mm:ss +zzzz`.
    public var description: String {
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let sign = zoneMinutes < 0 ? "-" : "+"
        let z = abs(zoneMinutes)
        let name = (1...12).contains(month) ? Self.monthNames[month - 1] : "Jan"
        return "\(two(day))-\(name)-\(year) \(two(hour)):\(two(minute)):\(two(second)) \(sign)\(two(z / 60))\(two(z % 60))"
    }
}
