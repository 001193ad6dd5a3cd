import ArgumentParser
import Foundation
import MIME
import MailStore

/// `tern list`: a folder's messages from the cache, newest first.
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List a folder's messages from the cache (uid, flags, date, from, subject), newest first."
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "The account.") var account: String
    @Option(help: "The folder, e.g. INBOX.") var folder: String
    @Option(help: "At most this many messages.") var limit = 50
    @Flag(help: "Print one JSON object per message.") var json = false

    /// One message as `--json` prints it.
    struct Line: Encodable {
        var uid: Int64
        var flags: [String]
        var date: Date
        var from: String
        var fromAddress: String?
        var subject: String
        var snippet: String
        var hasAttachments: Bool

        enum CodingKeys: String, CodingKey {
            case uid, flags, date, from, subject, snippet
            case fromAddress = "from_address", hasAttachments = "has_attachments"
        }
    }

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be positive") }
    }

    func run() async throws {
        do {
            let cache = try CacheCommand.openCache(global)
            defer { try? cache.close() }
            let folderRecord = try CacheCommand.folder(cache, account: account, folder: folder)
            let page = try cache.messagePage(folder: folderRecord.id, limit: limit)
            for message in page {
                if json {
                    try Terminal.printJSON(Line(
                        uid: message.uid.rawValue, flags: Self.flagNames(message.flags) + message.keywords,
                        date: message.date, from: message.fromDisplay.removingControlCharacters(keepLineBreaks: false),
                        fromAddress: message.from.first?.email, subject: message.subject.removingControlCharacters(keepLineBreaks: false),
                        snippet: message.snippet.removingControlCharacters(keepLineBreaks: false), hasAttachments: message.hasAttachments))
                } else {
                    Terminal.printLine(Self.row(message))
                }
            }
        } catch let failure as CommandFailure {
            Terminal.warn(failure.description)
            throw ExitCode.failure
        }
    }

    static func flagNames(_ flags: MessageFlags) -> [String] {
        var names: [String] = []
        if flags.contains(.seen) { names.append("\\Seen") }
        if flags.contains(.answered) { names.append("\\Answered") }
        if flags.contains(.flagged) { names.append("\\Flagged") }
        if flags.contains(.deleted) { names.append("\\Deleted") }
        if flags.contains(.draft) { names.append("\\Draft") }
        if flags.contains(.forwarded) { names.append("$Forwarded") }
        return names
    }

    /// `  812 N*A 2026-11-24 09:12  Alice Example         Subject`
    static func row(_ message: MessageRecord) -> String {
        let marks = (message.isUnread ? "N" : " ") + (message.flags.contains(.flagged) ? "*" : " ")
            + (message.flags.contains(.answered) ? "r" : " ") + (message.hasAttachments ? "@" : " ")
        let date = Self.dateFormatter.string(from: message.date)
        let uid = String(message.uid.rawValue)
        let from = message.fromDisplay.removingControlCharacters(keepLineBreaks: false)
        let paddedFrom = from.count >= 24 ? String(from.prefix(23)) + "…" : from.padding(toLength: 24, withPad: " ", startingAt: 0)
        return String(repeating: " ", count: max(0, 6 - uid.count)) + uid + " " + marks + " " + date + "  "
            + paddedFrom + " " + message.subject.removingControlCharacters(keepLineBreaks: false)
    }

    static let dateFormatter: DateFormatter = {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return f
    }()
}
