import Foundation
import MailStore
@testable import MailUI
import TerminalKit

/// Cache records for UI tests, built through their Codable form (the
/// records have no public memberwise initialisers).
enum Fixture {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)  // 2026-05-28 20:26 UTC
    static let context = RenderContext(theme: .standard, keymap: .standard, timeZone: TimeZone(identifier: "UTC")!)

    static func decode<T: Decodable>(_ type: T.Type, _ object: [String: Any]) -> T {
        let data = try! JSONSerialization.data(withJSONObject: object)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try! decoder.decode(T.self, from: data)
    }

    static func folder(_ id: Int64, account: Int64 = 1, _ name: String, role: FolderRole = .none,
                       total: Int = 0, unread: Int = 0) -> FolderRecord {
        decode(FolderRecord.self, [
            "id": id, "accountID": account, "name": name, "delimiter": "/", "role": role.rawValue,
            "subscribed": true, "selectable": true, "totalCount": total, "unreadCount": unread,
        ])
    }

    static func message(_ id: Int64, folder: Int64 = 1, account: Int64 = 1, uid: Int64? = nil, from: String,
                        email: String = "someone@example.org", subject: String, hoursAgo: Double,
                        flags: MessageFlags = [], attachments: Bool = false, thread: Int64? = nil) -> MessageRecord {
        var object: [String: Any] = [
            "id": id, "accountID": account, "folderID": folder, "uid": uid ?? id, "uidValidity": 1,
            "references": [String](), "date": now.timeIntervalSince1970 - hoursAgo * 3600,
            "from": [["name": from, "email": email]], "fromDisplay": from,
            "to": [["name": "Alice", "email": "alice@tern.test"]], "cc": [[String: String]](),
            "subject": subject, "flags": flags.rawValue, "keywords": [String](), "size": 1000,
            "hasAttachments": attachments, "snippet": "", "gmailLabels": [String](), "needsIndex": false,
        ]
        if let thread { object["threadID"] = thread }
        return decode(MessageRecord.self, object)
    }

    static let inbox = folder(1, "INBOX", role: .inbox, total: 5, unread: 2)
    static let archive = folder(2, "Archive", role: .archive, total: 120)
    static let trash = folder(3, "Trash", role: .trash)
    static let projects = folder(4, "Projects/Tern", total: 3, unread: 1)

    static let messages: [MessageRecord] = [
        message(1, from: "Grace Hopper", subject: "Compiler notes", hoursAgo: 1, attachments: true, thread: 10),
        message(2, from: "山田太郎", subject: "会議の議事録について", hoursAgo: 30, flags: [.seen], thread: 11),
        message(3, from: "Ada Lovelace", subject: "Re: Compiler notes", hoursAgo: 50, flags: [.seen, .answered], thread: 10),
        message(4, from: "Émile Zola", subject: "Café 📬 demain? Une très longue ligne d'objet qui ne tient pas", hoursAgo: 400, flags: [.flagged]),
        message(5, from: "Evil \u{1B}[2J Sender", subject: "Free\u{1B}[31m money", hoursAgo: 9000, flags: [.seen]),
    ]

    /// Two accounts, the first with its folders and inbox messages shown.
    static func state(width: Int = 100, height: Int = 20) -> AppState {
        var state = AppState(accounts: ["work", "home"], width: width, height: height)
        state.now = now
        let reducer = Reducer(keymap: .standard)
        _ = reducer.reduce(&state, .folders(account: "work", FolderListing(
            folders: [inbox, archive, trash, projects], accountCounts: MailCounts(total: 128, unread: 3))))
        _ = reducer.reduce(&state, .folders(account: "home", FolderListing(
            folders: [folder(5, account: 2, "INBOX", role: .inbox, total: 1, unread: 1)],
            accountCounts: MailCounts(total: 1, unread: 1))))
        _ = reducer.reduce(&state, .messages(folder: inbox.id, messages))
        return state
    }

    static func render(_ state: AppState) -> String {
        Renderer.render(state, context: context).text
    }
}
