import Foundation
import MIME
import MailSync

/// Prints sync events one per line: text for people, or JSON lines
/// (`ts`, `event`, `account`, `folder`, `uids`, …) for scripts.
struct EventPrinter: Sendable {
    let json: Bool

    /// One event as `--json` prints it.
    struct Line: Encodable {
        var ts: String
        var event: String
        var account: String
        var folder: String?
        var uids: [Int64]?
        var mode: String?
        var reason: String?
        var added: Int?
        var flagsChanged: Int?
        var expunged: Int?
        var error: String?

        enum CodingKeys: String, CodingKey {
            case ts, event, account, folder, uids, mode, reason, added, expunged, error
            case flagsChanged = "flags_changed"
        }
    }

    func print(_ event: SyncEvent) {
        guard let line = Self.line(event) else { return }
        if json {
            try? Terminal.printJSON(line)
        } else {
            Terminal.printLine(Self.text(line))
        }
    }

    static func line(_ event: SyncEvent, now: Date = Date()) -> Line? {
        let ts = now.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        var line = Line(ts: ts, event: "", account: event.account)
        switch event {
        case .progress, .started:
            return nil
        case .newMail(_, let folder, let uids):
            line.event = "newMail"
            line.folder = folder
            line.uids = uids.map(\.rawValue)
        case .folderUpdated(_, let result):
            guard result.added + result.flagsChanged + result.expunged > 0 else { return nil }
            line.event = "folderUpdated"
            line.folder = result.folder
            line.added = result.added
            line.flagsChanged = result.flagsChanged
            line.expunged = result.expunged
        case .watchMode(_, let folder, let mode):
            line.event = "watchMode"
            line.folder = folder
            line.mode = mode.name
            if case .polling(let reason) = mode { line.reason = reason }
            if case .reconnecting(let reason) = mode { line.reason = reason }
            if case .failed(let reason) = mode { line.reason = reason }
        case .finished(let report):
            line.event = report.succeeded ? "synced" : "syncedWithErrors"
            line.added = report.added
            line.flagsChanged = report.flagsChanged
            line.expunged = report.expunged
        case .failed(_, let error):
            line.event = "failed"
            line.error = error
        }
        return line
    }

    static func text(_ line: Line) -> String {
        var parts = [String(line.ts.prefix(19)).replacingOccurrences(of: "T", with: " "), line.event, line.account]
        if let folder = line.folder { parts.append(folder.removingControlCharacters(keepLineBreaks: false)) }
        if let uids = line.uids { parts.append("\(uids.count) new (uid \(uids.map(String.init).joined(separator: ", ")))") }
        if let mode = line.mode { parts.append(mode) }
        if let reason = line.reason { parts.append("(\(reason))") }
        if let added = line.added { parts.append("+\(added) ~\(line.flagsChanged ?? 0) -\(line.expunged ?? 0)") }
        if let error = line.error { parts.append(error) }
        return parts.joined(separator: "  ")
    }
}
