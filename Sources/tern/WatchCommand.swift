import ArgumentParser
import Foundation
import MailSync

/// `tern watch`: the pool and the IDLE watchers, headless; each event one
/// line on stdout until SIGINT/SIGTERM, then DONE and LOGOUT everywhere.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Watch the configured folders (IDLE, NOTIFY or polling) and print each event as a line."
    )

    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("account"), help: "Watch only this account (repeatable).") var accounts: [String] = []
    @Flag(help: "Print JSON lines (ts, event, account, folder, uids…).") var json = false

    func run() async throws {
        let (environment, endpoints) = try AppEnvironment.loadWithAccounts(global, only: accounts)
        let (folders, watching) = environment.watchPlan(endpoints)
        let engine = SyncEngine(accounts: endpoints, cache: environment.cache, configuration: environment.engineConfiguration)
        let printer = EventPrinter(json: json)
        _ = await EngineRunner.run(engine, showProgress: false) { engine in
            await withDiscardingTaskGroup { group in
                group.addTask { await engine.watch(folders, configuration: watching) }
                group.addTask {
                    for await event in engine.events { printer.print(event) }
                }
            }
        }
        try? environment.cache.close()
    }
}
