import ArgumentParser
import Foundation
import Logging
import MIME
import MailStore

/// `tern folders`: folders with roles and counts, from the cache.
struct FoldersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "folders",
        abstract: "List folders with their roles and message counts, from the cache."
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "Only this account.") var account: String?
    @Flag(help: "Print one JSON object per folder.") var json = false

    /// One folder as `--json` prints it.
    struct Line: Encodable {
        var account: String
        var folder: String
        var role: String?
        var total: Int
        var unread: Int
        var lastSync: Date?

        enum CodingKeys: String, CodingKey {
            case account, folder, role, total, unread
            case lastSync = "last_sync"
        }
    }

    func run() async throws {
        do {
            let cache = try CacheCommand.openCache(global)
            defer { try? cache.close() }
            var accounts = try cache.accounts()
            if let account {
                accounts = accounts.filter { $0.name == account }
                guard !accounts.isEmpty else {
                    throw CommandFailure("no account named \"\(account)\" in the cache (run `tern sync` first)")
                }
            }
            for record in accounts {
                let folders = try cache.folders(account: record.id).sorted {
                    ($0.role.sortOrder, $0.name) < ($1.role.sortOrder, $1.name)
                }
                for folder in folders where folder.selectable {
                    let role = folder.role == .none ? nil : folder.role.rawValue
                    if json {
                        try Terminal.printJSON(Line(account: record.name, folder: folder.name, role: role,
                                                    total: folder.totalCount, unread: folder.unreadCount,
                                                    lastSync: folder.lastFullSync))
                    } else {
                        let name = folder.name.removingControlCharacters(keepLineBreaks: false)
                        let padded = name.count >= 28 ? name : name.padding(toLength: 28, withPad: " ", startingAt: 0)
                        let roleText = (role ?? "").padding(toLength: 8, withPad: " ", startingAt: 0)
                        Terminal.printLine("\(record.name)  \(padded) \(roleText) \(folder.unreadCount) unread / \(folder.totalCount)")
                    }
                }
            }
        } catch let failure as CommandFailure {
            Terminal.warn(failure.description)
            throw ExitCode.failure
        }
    }
}

/// Helpers of the commands that only read the cache.
enum CacheCommand {
    static func openCache(_ global: GlobalOptions) throws -> MailCache {
        try FileLogHandler.bootstrap(path: global.logFile,
                                     level: global.logLevel.flatMap { Logger.Level(rawValue: $0) } ?? .warning)
        let path = global.cachePath()
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure("no cache at \(path) yet (run `tern sync` first)")
        }
        return try AppEnvironment.openCache(path)
    }

    static func folder(_ cache: MailCache, account: String, folder: String) throws -> FolderRecord {
        guard let record = try cache.account(named: account) else {
            throw CommandFailure("no account named \"\(account)\" in the cache (run `tern sync` first)")
        }
        guard let folderRecord = try cache.folder(account: record.id, name: folder) else {
            let names = try cache.folders(account: record.id).map(\.name).sorted()
            throw CommandFailure("no folder \"\(folder)\" in account \"\(account)\" (folders: \(names.joined(separator: ", ")))")
        }
        return folderRecord
    }
}
