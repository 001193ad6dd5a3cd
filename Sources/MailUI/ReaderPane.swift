import MailStore
import TerminalKit

/// The reader: headers at once, the decoded body when cached (or a note
/// while it is fetched), attachments listed; scrolls by lines.
enum ReaderPane {
    static func headerLines(_ reader: ReaderState, context: RenderContext) -> [(name: String, value: String)] {
        let message = reader.message
        var lines: [(String, String)] = [("From", addresses(message.from, fallback: message.fromDisplay))]
        if !message.to.isEmpty { lines.append(("To", addresses(message.to, fallback: ""))) }
        if !message.cc.isEmpty { lines.append(("Cc", addresses(message.cc, fallback: ""))) }
        lines.append(("Date", DateText.long(message.date, zone: context.timeZone)))
        lines.append(("Subject", message.subject))
        return lines
    }

    static func addresses(_ list: [CachedAddress], fallback: String) -> String {
        guard !list.isEmpty else { return fallback }
        return list.map { address in
            if let name = address.name, !name.isEmpty { return "\(name) <\(address.email)>" }
            return address.email
        }.joined(separator: ", ")
    }

    /// The body area's lines: attachments, a blank line, the wrapped text.
    static func bodyLines(_ reader: ReaderState, width: Int) -> [String] {
        var lines: [String] = []
        let attachments = reader.detail?.parts.filter(\.isAttachment) ?? []
        for part in attachments {
            lines.append("@ \(part.fileName ?? "unnamed") (\(part.mimeType), \(size(part.size)))")
        }
        if !attachments.isEmpty { lines.append("") }
        if let text = reader.bodyText {
            lines += TextFit.wrap(text, width: max(1, width))
        } else if let error = reader.error {
            lines.append("The body could not be fetched: \(error)")
        } else {
            lines.append("Fetching the message body…")
        }
        return lines
    }

    static func size(_ bytes: Int64) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1024 * 1024 { return "\(bytes / 1024) KB" }
        return "\(bytes / (1024 * 1024)) MB"
    }

    /// The reader's rectangle's width for text, from the layout.
    static func textWidth(_ state: AppState) -> Int { Layout.compute(state).reader?.width ?? state.width }

    /// Rows for the body text, from the layout.
    static func textHeight(_ state: AppState) -> Int {
        guard let rect = Layout.compute(state).reader, let reader = state.reader else { return 1 }
        return max(1, rect.height - 2 - headerCount(reader.message))
    }

    /// How many header lines ``headerLines(_:context:)`` shows: From, Date, Subject, and
    /// To and Cc when present.
    static func headerCount(_ message: MessageRecord) -> Int {
        3 + (message.to.isEmpty ? 0 : 1) + (message.cc.isEmpty ? 0 : 1)
    }

    /// The body area's lines for `width`: the ones last wrapped when they still fit.
    static func lines(_ reader: ReaderState, width: Int) -> [String] {
        if let wrapped = reader.wrapped, wrapped.fits(reader, width: width) { return wrapped.lines }
        return bodyLines(reader, width: width)
    }

    /// Wraps the open message's body again when its text or the reader's width changed
    /// (the reducer calls it after every event).
    static func rewrap(_ state: inout AppState) {
        guard var reader = state.reader else { return }
        let width = textWidth(state)
        if let wrapped = reader.wrapped, wrapped.fits(reader, width: width) { return }
        reader.wrapped = WrappedBody(width: width, detail: reader.detail, error: reader.error,
                                     lines: bodyLines(reader, width: width))
        state.reader = reader
    }

    static func draw(_ state: AppState, in rect: Rect, context: RenderContext, grid: inout CellGrid) {
        guard let reader = state.reader, rect.height > 0 else { return }
        let theme = context.theme
        let rule = String(repeating: "─", count: max(0, rect.width))
        grid.write(rule, x: rect.x, y: rect.y, maxWidth: rect.width,
                   style: theme.style(state.focus == .reader ? "border.focused" : "border"))
        var y = rect.y + 1
        let headers = headerLines(reader, context: context)
        let nameWidth = 9
        for header in headers where y < rect.y + rect.height {
            grid.write(TextFit.pad(header.name + ":", width: nameWidth), x: rect.x, y: y, maxWidth: nameWidth,
                       style: theme.style("reader.header.name"))
            grid.write(header.value, x: rect.x + nameWidth, y: y, maxWidth: rect.width - nameWidth,
                       style: theme.style(header.name == "Subject" ? "reader.header.subject" : "reader.header.value"))
            y += 1
        }
        if y < rect.y + rect.height { y += 1 }
        let height = rect.y + rect.height - y
        let lines = lines(reader, width: rect.width)
        for line in reader.scroll.visible(lines, height: height) {
            let style: Style
            if line.hasPrefix(">") { style = theme.style("reader.quote") }
            else if line.hasPrefix("@ ") { style = theme.style("reader.attachment") }
            else { style = theme.style("reader.body") }
            grid.write(line, x: rect.x, y: y, maxWidth: rect.width, style: style)
            y += 1
        }
    }
}
