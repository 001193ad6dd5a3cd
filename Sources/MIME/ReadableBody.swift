/// What the reader shows for a message: the body as text, and the
/// attachments.
///
/// The body is chosen the way terminal readers do: in a
/// `multipart/alternative` the `text/plain` version wins (reflowed when
/// `format=flowed`), otherwise `text/html` goes through `HTMLToText`;
/// `multipart/related` shows its root, `multipart/signed` its content,
/// `multipart/mixed` every inline text part in order, and an embedded
/// `message/rfc822` is shown as a forwarded message with its own headers.
/// Every other leaf is listed as an attachment.
///
/// ```swift
/// let body = ReadableBody(MessageParser.parse(raw))
/// print(body.text)
/// for a in body.attachments { print(a.name, a.mediaType, a.size) }
/// ```
public struct ReadableBody: Sendable, Hashable {
    /// Where the text came from.
    public enum Source: Sendable, Hashable {
        /// A `text/plain` part (maybe several, maybe reflowed).
        case plain
        /// A `text/html` part converted to text.
        case html
        /// Nothing readable (only attachments, or an encrypted message).
        case none
    }

    /// The text to show, lines separated by `\n`, with no control
    /// characters other than line breaks and tabs (no terminal escapes).
    public var text: String
    /// Where `text` came from (for mixed messages, the first text part).
    public var source: Source
    /// The parts listed as attachments, in message order.
    public var attachments: [Attachment]
    /// True when some shown text was decoded with a guessed charset.
    public var charsetFallback: Bool

    /// Builds the readable body of `message`.
    public init(_ message: Message) {
        var builder = Builder()
        let rendered = builder.render(message.root, path: [])
        text = rendered?.text.removingControlCharacters(keepLineBreaks: true).trimmingBlankLines() ?? ""
        source = rendered?.source ?? .none
        charsetFallback = rendered?.fallback ?? false
        attachments = builder.attachments(in: message.root)
    }

    struct Rendered {
        var text: String
        var source: Source
        var fallback: Bool
    }

    struct Builder {
        var used: Set<[Int]> = []
        var hidden: Set<[Int]> = []

        mutating func render(_ part: MIMEPart, path: [Int]) -> Rendered? {
            let type = part.contentType
            if type.isMultipart {
                return renderMultipart(part, path: path)
            }
            if type.isMessage {
                guard let inner = part.children.first else { return nil }
                let body = render(inner, path: path + [0])
                var lines = ["---------- Forwarded message ----------"]
                let innerMessage = Message(root: inner)
                if let from = inner.header["From"] { lines.append("From: " + ReadableBody.headerLine(from)) }
                if let date = inner.header["Date"] { lines.append("Date: " + date) }
                if let subject = innerMessage.subject { lines.append("Subject: " + subject) }
                if let to = inner.header["To"] { lines.append("To: " + ReadableBody.headerLine(to)) }
                let text = lines.joined(separator: "\n") + "\n\n" + (body?.text ?? "")
                return Rendered(text: text, source: body?.source ?? .plain, fallback: body?.fallback ?? false)
            }
            guard isBodyText(part) else { return nil }
            used.insert(path)
            let raw = part.text ?? ""
            if type.subtype == "html" {
                return Rendered(text: HTMLToText.convert(raw), source: .html, fallback: part.charsetFallback)
            }
            var text = raw
            if type.parameters["format"]?.lowercased() == "flowed" {
                text = FlowedText.decode(raw, delSp: type.parameters["delsp"]?.lowercased() == "yes")
            }
            return Rendered(text: text, source: .plain, fallback: part.charsetFallback)
        }

        /// A text/plain or text/html leaf not marked as an attachment.
        func isBodyText(_ part: MIMEPart) -> Bool {
            let type = part.contentType
            guard type.isText, type.subtype == "plain" || type.subtype == "html" else { return false }
            return !(part.disposition?.isAttachment ?? false)
        }

        mutating func renderMultipart(_ part: MIMEPart, path: [Int]) -> Rendered? {
            let children = part.children
            switch part.contentType.subtype {
            case "alternative":
                var best: (index: Int, rendered: Rendered, state: Builder)?
                // Plain text first, then the richest other version (the last).
                if let plain = children.indices.first(where: { isPlainCandidate(children[$0]) }) {
                    let (r, state) = renderAlone(children[plain], path: path + [plain])
                    if let r, !r.text.allSatisfy(\.isWhitespace) { best = (plain, r, state) }
                }
                if best == nil {
                    for index in children.indices.reversed() {
                        let (r, state) = renderAlone(children[index], path: path + [index])
                        if let r, !r.text.allSatisfy(\.isWhitespace) {
                            best = (index, r, state)
                            break
                        }
                    }
                }
                guard let best else { return nil }
                self = best.state
                for index in children.indices where index != best.index {
                    hidden.insert(path + [index])
                }
                return best.rendered
            case "related":
                guard !children.isEmpty else { return nil }
                var rootIndex = 0
                if let start = part.contentType.parameters["start"] {
                    let id = Message.messageIDs(in: start).first ?? start
                    rootIndex = children.firstIndex { $0.contentID == id } ?? 0
                }
                return render(children[rootIndex], path: path + [rootIndex])
            case "signed":
                guard let first = children.first else { return nil }
                return render(first, path: path + [0])
            case "encrypted":
                return Rendered(text: "[This message is encrypted.]", source: .none, fallback: false)
            default:
                var texts: [String] = []
                var source: Source?
                var fallback = false
                for (index, child) in children.enumerated() {
                    guard let r = render(child, path: path + [index]) else { continue }
                    if r.text.allSatisfy(\.isWhitespace) { continue }
                    texts.append(r.text.trimmingBlankLines())
                    if source == nil { source = r.source }
                    fallback = fallback || r.fallback
                }
                guard let source else { return nil }
                return Rendered(text: texts.joined(separator: "\n\n"), source: source, fallback: fallback)
            }
        }

        func isPlainCandidate(_ part: MIMEPart) -> Bool {
            part.contentType.mimeType == "text/plain" && isBodyText(part)
        }

        /// Renders on a copy, so a version not chosen leaves no trace.
        func renderAlone(_ part: MIMEPart, path: [Int]) -> (Rendered?, Builder) {
            var scratch = self
            let rendered = scratch.render(part, path: path)
            return (rendered, scratch)
        }

        func attachments(in root: MIMEPart) -> [Attachment] {
            var result: [Attachment] = []
            func walk(_ part: MIMEPart, _ path: [Int]) {
                if hidden.contains(path) { return }
                if part.contentType.isMessage {
                    result.append(attachment(part, path: path))
                    for (i, child) in part.children.enumerated() { walk(child, path + [i]) }
                    return
                }
                if part.contentType.isMultipart || !part.children.isEmpty {
                    for (i, child) in part.children.enumerated() { walk(child, path + [i]) }
                    return
                }
                if used.contains(path) { return }
                result.append(attachment(part, path: path))
            }
            walk(root, [])
            return result
        }

        func attachment(_ part: MIMEPart, path: [Int]) -> Attachment {
            let type = part.contentType
            var name = part.fileName?.trimmingSpaces() ?? ""
            if name.isEmpty, type.isMessage, let inner = part.children.first {
                let subject = Message(root: inner).subject?.trimmingSpaces() ?? ""
                name = (subject.isEmpty ? "message" : subject) + ".eml"
            }
            if name.isEmpty {
                let number = path.isEmpty ? "1" : path.map { String($0 + 1) }.joined(separator: ".")
                name = "part-\(number)" + ReadableBody.fileExtension(for: type.mimeType)
            }
            return Attachment(name: name.removingControlCharacters(keepLineBreaks: false), mediaType: type.mimeType, path: path,
                              isInline: part.disposition?.isInline ?? false,
                              contentID: part.contentID, data: part.body)
        }
    }

    /// A file extension for media types that often come without a name.
    static func fileExtension(for mediaType: String) -> String {
        switch mediaType {
        case "text/plain": return ".txt"
        case "text/html": return ".html"
        case "text/calendar": return ".ics"
        case "image/png": return ".png"
        case "image/jpeg", "image/jpg": return ".jpg"
        case "image/gif": return ".gif"
        case "application/pdf": return ".pdf"
        case "application/pgp-signature": return ".asc"
        case "message/rfc822", "message/global": return ".eml"
        case "message/delivery-status": return ".txt"
        default: return ".bin"
        }
    }

    /// A forwarded header value on one line: an encoded line break must not
    /// let a sender forge further header lines in the shown body.
    static func headerLine(_ value: String) -> String {
        EncodedWordDecoder.decode(value).removingControlCharacters(keepLineBreaks: false)
    }
}
