#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns bytes in a named charset into a String through iconv, which knows
/// every charset mail uses (Foundation does not decode EUC-JP, for one).
///
/// An unknown charset or invalid bytes never drop text: `decode` returns
/// `nil` for an unknown charset, and invalid sequences become U+FFFD.
public enum CharsetDecoder {
    /// Decodes `bytes` from `charset` (case-insensitive, e.g. `ISO-8859-1`).
    /// Returns `nil` only when iconv does not know the charset.
    public static func decode(_ bytes: [UInt8], charset: String) -> String? {
        let name = normalise(charset)
        if name == "UTF-8" || name == "US-ASCII" {
            return String(decoding: bytes, as: UTF8.self)
        }
        if name == "ISO-8859-1" || name == "WINDOWS-1252" || name == "CP1252" {
            // Without iconv (opening a converter costs more than decoding a
            // header), and as browsers read both labels: windows-1252, whose
            // 0x80–0x9F are curly quotes and the euro where Latin-1 has C1 controls.
            return HeaderParser.latin1(bytes)
        }
        let cd = iconv_open("UTF-8", name)
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 2)
        var scratch = [UInt8](repeating: 0, count: min(max(64, bytes.count * 4), 1 << 16))
        var input = bytes
        var inOffset = 0
        while true {
            let (status, consumed, produced, err) = input.withUnsafeMutableBytes { inRaw -> (Int, Int, Int, Int32) in
                scratch.withUnsafeMutableBytes { outRaw -> (Int, Int, Int, Int32) in
                    var inPtr: UnsafeMutablePointer<CChar>? = inOffset < inRaw.count
                        ? inRaw.baseAddress?.advanced(by: inOffset).assumingMemoryBound(to: CChar.self) : nil
                    var inLeft = inRaw.count - inOffset
                    var outPtr: UnsafeMutablePointer<CChar>? = outRaw.baseAddress?.assumingMemoryBound(to: CChar.self)
                    var outLeft = outRaw.count
                    let rc = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                    return (rc, (inRaw.count - inOffset) - inLeft, outRaw.count - outLeft, rc == -1 ? errno : 0)
                }
            }
            output.append(contentsOf: scratch[0..<produced])
            inOffset += consumed
            if status != -1 {
                if inOffset >= input.count { break }
                continue
            }
            switch err {
            case E2BIG:
                // The output buffer is full: what fit was kept; go on.
                if produced == 0 { scratch = [UInt8](repeating: 0, count: scratch.count * 2) }
            case EILSEQ, EINVAL:
                // Invalid or truncated sequence: mark it and go on.
                output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                inOffset += 1
                if inOffset >= input.count { input = []; inOffset = 0 }
            default:
                return String(decoding: output, as: UTF8.self)
            }
            if input.isEmpty { break }
        }
        // Flush the shift state (ISO-2022-JP ends in ASCII mode).
        scratch.withUnsafeMutableBytes { outRaw in
            var outPtr: UnsafeMutablePointer<CChar>? = outRaw.baseAddress?.assumingMemoryBound(to: CChar.self)
            var outLeft = outRaw.count
            _ = iconv(cd, nil, nil, &outPtr, &outLeft)
            output.append(contentsOf: outRaw.prefix(outRaw.count - outLeft))
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Common aliases that iconv spells differently or mail gets wrong.
    static func normalise(_ charset: String) -> String {
        // Charset names are ASCII: upper-cased byte by byte (`uppercased()`
        // is Unicode-aware and costs more than the rest of a header's decoding).
        var bytes: [UInt8] = []
        bytes.reserveCapacity(charset.utf8.count)
        for byte in charset.utf8 {
            if byte == UInt8(ascii: "*") { break }  // RFC 2231 language
            bytes.append((UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) ? byte - 32 : byte)
        }
        let name = String(decoding: bytes, as: UTF8.self).trimmingSpaces()
        switch name {
        case "UTF8", "UTF-8": return "UTF-8"
        case "ASCII", "US-ASCII", "ANSI_X3.4-1968", "": return "US-ASCII"
        case "LATIN1", "LATIN-1", "ISO8859-1", "ISO_8859-1": return "ISO-8859-1"
        case "GB2312", "EUC-CN", "X-GBK": return "GBK"
        case "KS_C_5601-1987": return "CP949"
        case _ where name.hasPrefix("CP-"): return "CP" + name.dropFirst(3)
        case _ where name.hasPrefix("X-CP"): return String(name.dropFirst(2))
        case "SJIS", "X-SJIS", "SHIFT-JIS", "MS_KANJI", "CSSHIFTJIS": return "SHIFT_JIS"
        case "KS_C_5601-1989", "KSC5601", "KSC_5601", "MS949", "WINDOWS-949": return "CP949"
        case "GB_2312-80", "CSGB2312", "CHINESE": return "GBK"
        case "X-EUC-JP": return "EUC-JP"
        case "ISO-8859-8-I", "ISO-8859-8-E": return "ISO-8859-8"
        case "ISO-8859-6-I", "ISO-8859-6-E": return "ISO-8859-6"
        case "X-MAC-ROMAN", "MACROMAN", "MAC": return "MACINTOSH"
        case "WINDOWS-874", "X-WINDOWS-874": return "CP874"
        case "UNICODE-1-1-UTF-7", "X-UTF-7": return "UTF-7"
        default: return name
        }
    }
}
