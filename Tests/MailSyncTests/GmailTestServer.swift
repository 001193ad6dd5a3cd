import Foundation
import IMAPClient
import NIOConcurrencyHelpers
import TernTestSupport
@testable import MailSync

/// A scripted server with Gmail's folder layout and X-GM-EXT-1: one message
/// appears in the folder of each of its labels under a different UID, with
/// the same X-GM-MSGID. It records which UIDs each folder was asked for in
/// full (ENVELOPE and body bytes) and which only lightly.
final class GmailTestServer: Sendable {
    struct Message: Sendable {
        let gmailID: UInt64
        let threadID: UInt64
        let subject: String
        let body: String
        let labels: [String]
    }

    /// A folder: its LIST attributes and its UID → message.
    struct Folder: Sendable {
        let attributes: String
        let messages: [UInt32: Message]
    }

    static let alpha = Message(gmailID: 1_266_894_439_832_287_001, threadID: 1_266_894_439_832_287_001,
                               subject: "Alpha", body: "Alpha body", labels: ["\\Inbox", "\\Important"])
    static let beta = Message(gmailID: 1_266_894_439_832_287_002, threadID: 1_266_894_439_832_287_001,
                              subject: "Re: Alpha", body: "Beta body", labels: ["\\Inbox", "Project X"])
    static let gamma = Message(gmailID: 17_293_822_569_102_704_640, threadID: 17_293_822_569_102_704_640,
                               subject: "Gamma", body: "Gamma body", labels: ["\\Sent"])

    /// Gmail's layout: INBOX, a user label, and the [Gmail] system folders.
    static let folders: [String: Folder] = [
        "INBOX": Folder(attributes: "\\HasNoChildren", messages: [1: alpha, 2: beta]),
        "Project X": Folder(attributes: "\\HasNoChildren", messages: [3: beta]),
        "[Gmail]": Folder(attributes: "\\HasChildren \\Noselect", messages: [:]),
        "[Gmail]/All Mail": Folder(attributes: "\\All \\HasNoChildren", messages: [10: alpha, 11: beta, 12: gamma]),
        "[Gmail]/Drafts": Folder(attributes: "\\Drafts \\HasNoChildren", messages: [:]),
        "[Gmail]/Sent Mail": Folder(attributes: "\\HasNoChildren \\Sent", messages: [5: gamma]),
        "[Gmail]/Spam": Folder(attributes: "\\HasNoChildren \\Junk", messages: [:]),
        "[Gmail]/Starred": Folder(attributes: "\\Flagged \\HasNoChildren", messages: [:]),
        "[Gmail]/Trash": Folder(attributes: "\\HasNoChildren \\Trash", messages: [:]),
    ]

    static let greeting = "* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN AUTH=XOAUTH2] Gimap ready"
    static let capabilities = "IMAP4rev1 UNSELECT IDLE NAMESPACE ID CHILDREN X-GM-EXT-1 UIDPLUS ENABLE MOVE"

    private let selected = NIOLockedValueBox<[Int: String]>([:])
    private let relabelled = NIOLockedValueBox<[UInt64: [String]]>([:])

    /// Changes a message's labels, as the web interface would.
    func setLabels(_ labels: [String], of message: Message) {
        relabelled.withLockedValue { $0[message.gmailID] = labels }
    }
    private let fetches = NIOLockedValueBox<[(folder: String, uids: [UInt32], full: Bool)]>([])

    /// (folder, UIDs) of every FETCH that asked for the envelope and body bytes.
    var fullFetches: [(folder: String, uids: [UInt32])] {
        fetches.withLockedValue { $0.filter(\.full).map { ($0.folder, $0.uids) } }
    }

    var handler: ScriptedIMAPServer.Handler {
        { [self] frame, connection in
            guard case .line = frame, let tag = frame.tag else { return }
            let text = frame.text
            switch frame.command {
            case "AUTHENTICATE", "LOGIN":
                try await connection.sendLine("\(tag) OK [CAPABILITY \(Self.capabilities)] me@gmail.com authenticated (Success)")
            case "LIST":
                for name in Self.folders.keys.sorted() {
                    try await connection.sendLine(#"* LIST (\#(Self.folders[name]?.attributes ?? "")) "/" "\#(name)""#)
                }
                try await connection.sendLine("\(tag) OK Success")
            case "SELECT", "EXAMINE":
                let name = Self.quoted(text)
                guard let folder = Self.folders[name], !folder.attributes.contains("Noselect") else {
                    try await connection.sendLine("\(tag) NO [NONEXISTENT] Unknown Mailbox: \(name)")
                    return
                }
                selected.withLockedValue { $0[connection.id] = name }
                try await connection.sendLine("* FLAGS (\\Answered \\Flagged \\Draft \\Deleted \\Seen $NotPhishing $Phishing)")
                try await connection.sendLine("* OK [UIDVALIDITY 7] UIDs valid.")
                try await connection.sendLine("* \(folder.messages.count) EXISTS")
                try await connection.sendLine("* 0 RECENT")
                try await connection.sendLine("* OK [UIDNEXT \((folder.messages.keys.max() ?? 0) + 1)] Predicted next UID.")
                try await connection.sendLine("\(tag) OK [\(frame.command == "EXAMINE" ? "READ-ONLY" : "READ-WRITE")] \(name) selected. (Success)")
            case "UID" where text.uppercased().contains(" UID FETCH "):
                try await fetch(text, tag: tag, connection: connection)
            case "UID" where text.uppercased().contains(" UID SEARCH"):
                let name = selected.withLockedValue { $0[connection.id] } ?? ""
                let uids = (Self.folders[name]?.messages.keys.sorted() ?? []).map(String.init).joined(separator: " ")
                try await connection.sendLine("* SEARCH \(uids)")
                try await connection.sendLine("\(tag) OK SEARCH completed (Success)")
            default:
                try await GmailTestServer.answerOthers(frame, tag: tag, connection: connection)
            }
        }
    }

    private func fetch(_ text: String, tag: String, connection: ScriptedIMAPServer.Connection) async throws {
        let name = selected.withLockedValue { $0[connection.id] } ?? ""
        let folder = Self.folders[name]?.messages ?? [:]
        let words = text.split(separator: " ")
        let setText = words.count > 3 ? String(words[3]) : ""
        let upper = text.uppercased()
        let full = upper.contains("ENVELOPE")
        let uids = folder.keys.sorted().filter { Self.set(setText, contains: $0, max: folder.keys.max() ?? 0) }
        fetches.withLockedValue { $0.append((name, uids, full)) }
        for (index, uid) in uids.enumerated() {
            guard let message = folder[uid] else { continue }
            var items = ["UID \(uid)"]
            if upper.contains("X-GM-MSGID") { items.append("X-GM-MSGID \(message.gmailID)") }
            if upper.contains("X-GM-THRID") { items.append("X-GM-THRID \(message.threadID)") }
            if upper.contains("X-GM-LABELS") {
                let current = relabelled.withLockedValue { $0[message.gmailID] } ?? message.labels
                let labels = current.map { $0.hasPrefix("\\") ? $0 : "\"\($0)\"" }.joined(separator: " ")
                items.append("X-GM-LABELS (\(labels))")
            }
            if upper.contains("FLAGS") { items.append(name == "INBOX" && uid == 1 ? "FLAGS (\\Seen)" : "FLAGS ()") }
            if full {
                items.append("INTERNALDATE \"07-Feb-2026 21:52:25 +0000\"")
                items.append("RFC822.SIZE \(message.body.utf8.count + 200)")
                items.append(#"ENVELOPE ("Sat, 07 Feb 2026 21:52:25 +0000" "\#(message.subject)" (("Ann" NIL "ann" "example.com")) (("Ann" NIL "ann" "example.com")) (("Ann" NIL "ann" "example.com")) ((NIL NIL "me" "gmail.com")) NIL NIL NIL "<\#(message.gmailID)@example.com>")"#)
                items.append(#"BODYSTRUCTURE ("TEXT" "PLAIN" ("CHARSET" "UTF-8") NIL NIL "7BIT" \#(message.body.utf8.count) 1 NIL NIL NIL NIL)"#)
                items.append("BODY[1]<0> {\(message.body.utf8.count)}\r\n\(message.body)")
            }
            try await connection.sendLine("* \(index + 1) FETCH (\(items.joined(separator: " ")))")
        }
        try await connection.sendLine("\(tag) OK Success")
    }

    /// Gmail's LOGOUT, and OK to anything else.
    static func answerOthers(_ frame: IMAPFrame, tag: String, connection: ScriptedIMAPServer.Connection) async throws {
        guard frame.command == "LOGOUT" else {
            try await connection.sendLine("\(tag) OK Success")
            return
        }
        try await connection.sendLine("* BYE LOGOUT Requested")
        try await connection.sendLine("\(tag) OK 73 good day (Success)")
        await connection.close()
    }

    /// The first quoted string of a command (the mailbox name).
    static func quoted(_ text: String) -> String {
        let parts = text.split(separator: "\"", omittingEmptySubsequences: false)
        return parts.count >= 2 ? String(parts[1]) : String(text.split(separator: " ").last ?? "")
    }

    /// Whether an IMAP sequence set (`1:*`, `3,5:7`) contains `uid`.
    static func set(_ text: String, contains uid: UInt32, max: UInt32) -> Bool {
        text.split(separator: ",").contains { range in
            let ends = range.split(separator: ":").map { $0 == "*" ? max : UInt32($0) ?? 0 }
            guard let first = ends.first else { return false }
            let low = Swift.min(first, ends.last ?? first), high = Swift.max(first, ends.last ?? first)
            return (low...high).contains(uid) || (ends.count == 2 && range.hasSuffix("*") && uid >= first)
        }
    }
}
