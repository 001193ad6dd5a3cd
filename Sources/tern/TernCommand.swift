import ArgumentParser

/// The `tern` command line: the interactive client and its headless commands.
@main
struct TernCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tern",
        abstract: "A fast, trustworthy terminal mail client.",
        subcommands: [UICommand.self, SyncCommand.self, WatchCommand.self, ListCommand.self, FoldersCommand.self,
                      PeekCommand.self, AuthCommand.self],
        defaultSubcommand: UICommand.self
    )
}
