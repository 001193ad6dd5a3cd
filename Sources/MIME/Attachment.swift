#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A part the reader lists as an attachment: name, type, size and its
/// decoded bytes, ready to be saved.
///
/// ```swift
/// for attachment in ReadableBody(message).attachments {
///     let path = try attachment.save(inDirectory: "/home/ann/Downloads")
/// }
/// ```
public struct Attachment: Sendable, Hashable {
    /// The name to show: the sender's file name decoded (RFC 2231, RFC 2047
    /// or `name=`), else one made from the subject or the media type. Not
    /// safe as a path; `save(inDirectory:)` sanitises it.
    public var name: String
    /// `type/subtype`, lowercased.
    public var mediaType: String
    /// Decoded size in bytes.
    public var size: Int { data.count }
    /// Where the part is in the MIME tree (see `MIMEPart.part(at:)`).
    public var path: [Int]
    /// Whether the sender marked it inline (an image in the HTML, say).
    public var isInline: Bool
    /// The `Content-ID`, for `cid:` references.
    public var contentID: String?
    /// The decoded bytes.
    public var data: [UInt8]

    /// Makes an attachment.
    public init(name: String, mediaType: String, path: [Int], isInline: Bool = false,
                contentID: String? = nil, data: [UInt8]) {
        self.name = name
        self.mediaType = mediaType
        self.path = path
        self.isInline = isInline
        self.contentID = contentID
        self.data = data
    }

    /// Why saving failed.
    public enum SaveError: Error, Sendable, Hashable {
        /// The file exists and `overwrite` was false.
        case fileExists(path: String)
        /// The system refused; `errno` says why.
        case systemError(path: String, errno: Int32)
    }

    /// Writes the decoded bytes to `path`, refusing to replace an existing
    /// file unless `overwrite` is true (checked atomically with `O_EXCL`).
    public func save(to path: String, overwrite: Bool = false) throws {
        var flags = O_WRONLY | O_CREAT
        flags |= overwrite ? O_TRUNC : O_EXCL
        let fd = open(path, flags, 0o644)
        if fd < 0 {
            let code = errno
            if code == EEXIST { throw SaveError.fileExists(path: path) }
            throw SaveError.systemError(path: path, errno: code)
        }
        defer { close(fd) }
        var written = 0
        while written < data.count {
            let n = data.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return write(fd, base.advanced(by: written), raw.count - written)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw SaveError.systemError(path: path, errno: errno)
            }
            written += n
        }
    }

    /// Saves into `directory` under the sanitised name and returns the path.
    ///
    /// When that file exists and `overwrite` is false, `uniquing` picks the
    /// first free `name (1).ext`, `name (2).ext`…; without it the save fails
    /// with `SaveError.fileExists`.
    public func save(inDirectory directory: String, overwrite: Bool = false, uniquing: Bool = false) throws -> String {
        var dir = directory
        while dir.count > 1, dir.hasSuffix("/") { dir.removeLast() }
        let prefix = (dir == "/" ? "" : dir) + "/"
        let fileName = Attachment.sanitizedFileName(name)
        let path = prefix + fileName
        do {
            try save(to: path, overwrite: overwrite)
            return path
        } catch SaveError.fileExists where uniquing && !overwrite {
            var stem = fileName
            var ext = ""
            if let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex {
                stem = String(fileName[..<dot])
                ext = String(fileName[dot...])
            }
            for n in 1...999 {
                let candidate = prefix + "\(stem) (\(n))\(ext)"
                do {
                    try save(to: candidate)
                    return candidate
                } catch SaveError.fileExists {
                    continue
                }
            }
            throw SaveError.fileExists(path: path)
        }
    }

    /// `name` made safe as one file name: the last path component only (`/`
    /// and `\`), no control or bidi-override characters, no `..`, no leading
    /// dot, at most 200 bytes (the extension kept); `attachment` when
    /// nothing is left.
    public static func sanitizedFileName(_ name: String) -> String {
        var base = Substring(name)
        if let slash = base.lastIndex(where: { $0 == "/" || $0 == "\\" }) {
            base = base[base.index(after: slash)...]
        }
        var cleaned = String.UnicodeScalarView()
        for scalar in base.unicodeScalars {
            let v = scalar.value
            if v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v)
                || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F {
                continue
            }
            cleaned.append(scalar)
        }
        var result = String(cleaned)
        while result.contains("..") { result = result.replacingAll("..", with: ".") }
        result = result.trimmingSpaces()
        while result.hasPrefix(".") || result.hasPrefix(" ") { result.removeFirst() }
        while result.hasSuffix(" ") { result.removeLast() }
        if result.utf8.count > 200 {
            var stem = result
            var ext = ""
            if let dot = result.lastIndex(of: "."), result.utf8.distance(from: dot, to: result.endIndex) <= 16 {
                stem = String(result[..<dot])
                ext = String(result[dot...])
            }
            while stem.utf8.count + ext.utf8.count > 200 { stem.removeLast() }
            result = stem + ext
        }
        return result.isEmpty ? "attachment" : result
    }
}
