import ArgumentParser
import CursesBackend
import Foundation
import MailConfig
import MailStore
import MailSync
import MailUI
import TerminalKit

/// `tern` (the default command): the interactive client. Composition:
/// config → sync engine (first sync of every account, IDLE watchers) → UI.
/// Logs go to the log file, never to the screen.
struct UICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui",
        abstract: "The interactive client (the default when no command is given)."
    )
    @OptionGroup var global: GlobalOptions
    @Option(help: "Theme name (overrides general.theme): default, dark, light, monochrome, or your own.") var theme: String?
    @Option(help: "Keymap name (overrides general.keymap): default, vim, or your own.") var keymap: String?
    @Flag(help: "Ring the terminal bell when new mail arrives.") var bell = false
    @Flag(help: "Do not sync at start (show the cache; IDLE watchers still run).") var noSync = false

    func run() async throws {
        var options = global
        // FileLogHandler.bootstrap (in AppEnvironment) makes the file and its folder.
        if options.logFile == nil { options.logFile = GlobalOptions.defaultLogPath() }
        let (environment, endpoints) = try AppEnvironment.loadWithAccounts(options, only: [])
        let context: RenderContext
        do {
            let directories = DataDirectories.current()
            context = RenderContext(
                theme: try Appearance.theme(named: theme ?? environment.config.general.theme, directories: directories),
                keymap: try Appearance.keymap(named: keymap ?? environment.config.general.keymap, directories: directories))
        } catch let error as ConfigError {
            Terminal.warn(error.description)
            throw ExitCode.failure
        }
        // Checked after the config, theme and keymap, so their errors show anywhere.
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            Terminal.warn("the interactive client needs a terminal; for scripts use `tern sync`, `tern list` or `tern watch`")
            throw ExitCode.failure
        }
        let (folders, watchConfiguration) = environment.watchPlan(endpoints)
        let engine = SyncEngine(accounts: endpoints, cache: environment.cache, configuration: environment.engineConfiguration)
        let services = UIServices(
            cache: environment.cache, events: engine.events,
            perform: { await engine.perform($0) },
            fetchBody: { try await engine.fetchBody($0) },
            poolStatus: { (await engine.pool.snapshot(), await engine.watchStatuses()) })
        guard let app = MailApp(accounts: endpoints.map(\.name), services: services, context: context, bellOnNewMail: bell) else {
            Terminal.warn("cannot create a wake-up pipe (out of file descriptors?)")
            throw ExitCode.failure
        }
        let syncFirst = !noSync
        _ = await EngineRunner.run(engine, showProgress: false, announcesSignals: false) { engine in
            await withDiscardingTaskGroup { group in
                group.addTask { await engine.watch(folders, configuration: watchConfiguration) }
                if syncFirst { group.addTask { _ = await engine.syncAll() } }
                await app.run { CursesTerminal() }
                group.cancelAll()
            }
        }
        try? environment.cache.close()
    }
}
