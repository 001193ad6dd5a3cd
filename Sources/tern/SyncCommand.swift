import ArgumentParser
import Foundation
import MailSync

/// `tern sync`: one sync of all (or the named) accounts into the cache, then
/// exit; exit 1 if any account failed, after the others finished.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Sync all (or the named) accounts into the cache once, then exit."
    )

    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("account"), help: "Sync only this account (repeatable).") var accounts: [String] = []
    @Flag(help: "Print one JSON object per account.") var json = false

    /// One account's outcome as `--json` prints it.
    struct Line: Encodable {
        var account: String
        var ok: Bool
        var folders: Int
        var added: Int
        var newMail: Int
        var flagsChanged: Int
        var expunged: Int
        var pushed: Int
        var durationMs: Int
        var error: String?
        var failedFolders: [[String: String]]

        enum CodingKeys: String, CodingKey {
            case account, ok, folders, added, error
            case newMail = "new_mail", flagsChanged = "flags_changed", expunged, pushed
            case durationMs = "duration_ms", failedFolders = "failed_folders"
        }
    }

    func run() async throws {
        let (environment, endpoints) = try AppEnvironment.loadWithAccounts(global, only: accounts)
        let engine = SyncEngine(accounts: endpoints, cache: environment.cache,
                                configuration: environment.engineConfiguration)
        let reports = await EngineRunner.run(engine) { engine in
            await engine.syncAll(accounts: endpoints.map(\.name))
        } ?? []
        try? environment.cache.close()
        for report in reports { try output(report) }
        if reports.contains(where: { !$0.succeeded }) || reports.count < endpoints.count { throw ExitCode.failure }
    }

    private func output(_ report: AccountSyncReport) throws {
        let ms = Int(report.duration.components.seconds * 1000 + report.duration.components.attoseconds / 1_000_000_000_000_000)
        if json {
            try Terminal.printJSON(Line(
                account: report.account, ok: report.succeeded, folders: report.folders.count, added: report.added,
                newMail: report.newMail, flagsChanged: report.flagsChanged, expunged: report.expunged,
                pushed: report.pushed, durationMs: ms, error: report.error,
                failedFolders: report.failedFolders.map { ["folder": $0.folder, "error": $0.error] }))
            return
        }
        if let error = report.error {
            // The error usually names the account already.
            let text = error.hasPrefix(report.account + ":") ? error : "\(report.account): \(error)"
            Terminal.printLine("FAILED: \(text)")
            return
        }
        var parts = ["\(report.folders.count) folder\(report.folders.count == 1 ? "" : "s")"]
        parts.append("\(report.added) added")
        if report.newMail > 0 { parts.append("\(report.newMail) new") }
        parts.append("\(report.flagsChanged) flag change\(report.flagsChanged == 1 ? "" : "s")")
        parts.append("\(report.expunged) removed")
        if report.pushed > 0 { parts.append("\(report.pushed) local change\(report.pushed == 1 ? "" : "s") sent") }
        let seconds = String(format: "%.2f s", Double(ms) / 1000)
        Terminal.printLine("\(report.account): ok: \(parts.joined(separator: ", ")) in \(seconds)")
        for failed in report.failedFolders {
            Terminal.printLine("\(report.account): folder \"\(failed.folder)\" FAILED: \(failed.error)")
        }
    }
}
