/// Modified UTF-7 for mailbox names (RFC 3501 §5.1.3).
///
/// Printable US-ASCII (0x20–0x7e) stands for itself, except `&`, written `&-`.
/// Any other run of characters is written `&` + modified BASE64 of its UTF-16BE
/// code units (`,` instead of `/`, no `=` padding) + `-`.
///
/// ```swift
/// ModifiedUTF7.encode("~peter/mail/台北/日本語")   // "~peter/mail/&U,BTFw-/&ZeVnLIqe-"
/// ModifiedUTF7.decode("&U,BTFw-")                  // "台北"
/// ```
public enum ModifiedUTF7 {
    /// The modified BASE64 alphabet (RFC 2152 with `,` for `/`).
    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,".utf8)

    private static let ampersand = UInt8(ascii: "&")
    private static let minus = UInt8(ascii: "-")

    /// Encodes a name for the wire.
    ///
    /// Total: every Swift string has an encoding, and `decode` gives it back.
    public static func encode(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 8)
        var shifted = false
        var bits: UInt32 = 0
        var bitCount = 0

        func emitUnit(_ unit: UInt16) {
            bits = (bits << 16) | UInt32(unit)
            bitCount += 16
            while bitCount >= 6 {
                bitCount -= 6
                out.append(alphabet[Int((bits >> UInt32(bitCount)) & 0x3F)])
            }
            bits &= (1 << UInt32(bitCount)) - 1
        }

        /// Flushes the last 2 or 4 bits, zero-padded, and shifts back.
        func shiftBack() {
            if bitCount > 0 { out.append(alphabet[Int((bits << UInt32(6 - bitCount)) & 0x3F)]) }
            out.append(minus)
            shifted = false
            bits = 0
            bitCount = 0
        }

        for scalar in text.unicodeScalars {
            let value = scalar.value
            if (0x20...0x7E).contains(value) {
                if shifted { shiftBack() }
                out.append(UInt8(value))
                if value == UInt32(ampersand) { out.append(minus) }
            } else {
                if !shifted {
                    out.append(ampersand)
                    shifted = true
                }
                if value >= 0x1_0000 {
                    let offset = value - 0x1_0000
                    emitUnit(UInt16(0xD800 + (offset >> 10)))
                    emitUnit(UInt16(0xDC00 + (offset & 0x3FF)))
                } else {
                    emitUnit(UInt16(value))
                }
            }
        }
        if shifted { shiftBack() }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes a wire name, or `nil` when it is not valid modified UTF-7.
    ///
    /// A name without `&` is returned unchanged: there is nothing to decode,
    /// and a UTF-8 name (UTF8=ACCEPT) thus displays as it is. Otherwise the
    /// decoding is strict, so that `encode(decode(w)!) == w` for every
    /// accepted `w`: `nil` for raw bytes outside 0x20–0x7e, an unterminated
    /// `&`, characters outside the modified BASE64 alphabet, an odd number of
    /// UTF-16 bytes, non-zero or surplus padding bits, unpaired surrogates,
    /// printable ASCII inside a shifted run, and two shifted runs in a row
    /// (`&…-&…-`, which must be one run; Dovecot rejects it too).
    public static func decode(_ wire: String) -> String? {
        let bytes = wire.utf8
        guard bytes.contains(ampersand) else { return wire }

        var out = String.UnicodeScalarView()
        var index = bytes.startIndex
        var previousWasShifted = false
        while index != bytes.endIndex {
            let byte = bytes[index]
            bytes.formIndex(after: &index)
            guard byte == ampersand else {
                guard (0x20...0x7E).contains(byte) else { return nil }
                out.append(Unicode.Scalar(byte))
                previousWasShifted = false
                continue
            }
            guard index != bytes.endIndex else { return nil }
            if bytes[index] == minus {
                bytes.formIndex(after: &index)
                out.append("&")
                previousWasShifted = false
                continue
            }
            guard !previousWasShifted else { return nil }
            guard decodeShiftedRun(bytes, from: &index, into: &out) else { return nil }
            previousWasShifted = true
        }
        return String(out)
    }

    /// Decodes the modified BASE64 after `&` up to and including `-`.
    private static func decodeShiftedRun(
        _ bytes: String.UTF8View, from index: inout String.UTF8View.Index, into out: inout String.UnicodeScalarView
    ) -> Bool {
        var bits: UInt32 = 0
        var bitCount = 0
        var highSurrogate: UInt32?
        var unitCount = 0
        while true {
            guard index != bytes.endIndex else { return false }  // unterminated
            let byte = bytes[index]
            bytes.formIndex(after: &index)
            if byte == minus { break }
            guard let sextet = sextetValue(byte) else { return false }
            bits = (bits << 6) | sextet
            bitCount += 6
            guard bitCount >= 16 else { continue }
            bitCount -= 16
            let unit = (bits >> UInt32(bitCount)) & 0xFFFF
            bits &= (1 << UInt32(bitCount)) - 1
            unitCount += 1

            let scalarValue: UInt32
            if let high = highSurrogate {
                guard (0xDC00...0xDFFF).contains(unit) else { return false }
                scalarValue = 0x1_0000 + ((high - 0xD800) << 10) + (unit - 0xDC00)
                highSurrogate = nil
            } else if (0xD800...0xDBFF).contains(unit) {
                highSurrogate = unit
                continue
            } else if (0xDC00...0xDFFF).contains(unit) {
                return false
            } else {
                // Printable ASCII must stand for itself, never inside a run.
                guard !(0x20...0x7E).contains(unit) else { return false }
                scalarValue = unit
            }
            guard let scalar = Unicode.Scalar(scalarValue) else { return false }
            out.append(scalar)
        }
        // At least one code unit, no dangling surrogate, and only the 0, 2 or
        // 4 zero bits that pad the last BASE64 character.
        return unitCount > 0 && highSurrogate == nil && bitCount < 6 && bits == 0
    }

    /// The value of a modified BASE64 character, or `nil`.
    private static func sextetValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return UInt32(byte - UInt8(ascii: "A"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return UInt32(byte - UInt8(ascii: "a")) + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0")) + 52
        case UInt8(ascii: "+"): return 62
        case UInt8(ascii: ","): return 63
        default: return nil
        }
    }
}
