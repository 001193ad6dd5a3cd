import ArgumentParser

/// The `tern` command line: the interactive client and its headless commands.
@main
struct TernCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tern",
        abstract: "A fast, trustworthy terminal mail client.",
        subcommands: [SyncCommand.self, WatchCommand.self, ListCommand.self, FoldersCommand.self, PeekCommand.self, AuthCommand.self]
    )

    func run() async throws {
        throw ValidationError("the interactive client is not built yet; try `tern peek --help`")
    }
}
