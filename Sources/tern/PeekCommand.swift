import ArgumentParser
import Foundation
import IMAPClient
import IMAPCodec
import Logging
import MIME

/// `tern peek`: connects to one IMAP server and prints its folders and the
/// newest messages of one folder, straight from the server (no cache yet).
struct PeekCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "peek",
        abstract: "Show a server's folders and its newest messages (no cache, no config file)."
    )

    @Option(help: "Server host name or address.") var host = "127.0.0.1"
    @Option(help: "Server port (default 993 for tls, 143 otherwise).") var port: Int?
    @Option(help: "tls, starttls or plain (plain only to loopback).") var security = "tls"
    @Option(help: "User name.") var user: String
    @Option(help: "Environment variable holding the password (never pass it as an argument).")
    var passwordEnv = "TERN_PASSWORD"
    @Option(help: "Extra trust root (PEM) for the server's certificate.") var caFile: String?
    @Option(help: "Folder whose newest messages to list.") var folder = "INBOX"
    @Option(help: "How many messages to list.") var limit = 15

    func run() async throws {
        guard let sec = ConnectionConfiguration.Security(rawValue: security) else {
            throw ValidationError("--security must be tls, starttls or plain")
        }
        guard let password = ProcessInfo.processInfo.environment[passwordEnv], !password.isEmpty else {
            throw ValidationError("set the password in $\(passwordEnv)")
        }
        let config = ConnectionConfiguration(
            host: host, port: port ?? (sec == .tls ? 993 : 143), security: sec, caFile: caFile)
        var logger = Logger(label: "tern.peek")
        logger.logLevel = .error
        let user = self.user, folder = self.folder, limit = self.limit
        do {
            try await IMAPConnection.withConnection(config, logger: logger) { imap in
                try await imap.login(username: user, password: password)
                try await Self.printFolders(imap)
                try await Self.printNewest(imap, folder: folder, limit: limit)
            }
        } catch let error as IMAPCommandError {
            FileHandle.standardError.write(Data("tern: \(error)\n".utf8))
            throw ExitCode.failure
        } catch let error as IMAPConnection.Error {
            FileHandle.standardError.write(Data("tern: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }

    static func printFolders(_ imap: IMAPConnection) async throws {
        let folders = try await imap.listWithStatus([.messages, .unseen])
        print("Folders")
        for (listing, status) in folders.sorted(by: { order($0.listing) < order($1.listing) }) {
            let role = listing.specialUse.map { "\($0)" } ?? (listing.name.isInbox ? "inbox" : "")
            let counts = status.map { "\($0.unseen ?? 0) unread / \($0.messages ?? 0)" } ?? ""
            print("  " + pad(listing.name.displayName.removingControlCharacters(keepLineBreaks: false), 28) + pad(role, 10) + counts)
        }
        print("")
    }

    static func order(_ listing: MailboxListing) -> String {
        (listing.name.isInbox ? "0" : "1") + listing.name.displayName
    }

    static func printNewest(_ imap: IMAPConnection, folder: String, limit: Int) async throws {
        let selected = try await imap.examine(MailboxName(displayName: folder))
        print("\(folder): \(selected.exists) messages")
        guard selected.exists > 0 else { return }
        let first = UInt32(max(1, selected.exists - limit + 1))
        var messages: [FetchedMessage] = []
        let reply = try await imap.execute(.fetch(
            SequenceSet(ranges: [.init(SequenceNumber(first), nil)]),
            [.uid, .flags, .internalDate, .envelope], .none))
        for u in reply.untagged {
            if case .fetch(let seq, let attrs) = u { messages.append(FetchedMessage(sequenceNumber: seq, attributes: attrs)) }
        }
        for m in messages.sorted(by: { $0.sequenceNumber > $1.sequenceNumber }) {
            let flags = m.flags ?? []
            let marks = (flags.contains(.seen) ? " " : "N") + (flags.contains(.flagged) ? "!" : " ")
                + (flags.contains(.answered) ? "r" : " ")
            let date = m.internalDate.map { "\($0.year)-\(two($0.month))-\(two($0.day))" } ?? "          "
            let from = m.envelope?.from.first.map { $0.name.map(EncodedWordDecoder.decode) ?? $0.email ?? "" } ?? ""
            let subject = EncodedWordDecoder.decode(m.envelope?.subject ?? "")
            print("  \(pad(String(m.uid?.rawValue ?? 0), 6)) \(marks) \(date)  \(pad(from.removingControlCharacters(keepLineBreaks: false), 24)) \(cut(subject.removingControlCharacters(keepLineBreaks: false), 60))")
        }
    }

    static func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }

    static func cut(_ s: String, _ width: Int) -> String {
        s.count > width ? String(s.prefix(width - 1)) + "…" : s
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? String(s.prefix(width - 2)) + "… " : s + String(repeating: " ", count: width - s.count)
    }
}
