import ArgumentParser
import CursesBackend

/// The `orderscope` command line: picks a source, validates arguments and hands over to the
/// TUI or a plain-text command. Holds no UI or domain logic itself.
@main
struct OrderScopeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orderscope",
        abstract: "Browse Dintero orders in the terminal: from dumps, the Dintero API or a demo dataset.",
        version: OrderScopeVersion.current,
        subcommands: [
            BrowseCommand.self, DemoCommand.self, PrintCommand.self, CheckCommand.self, ExportCommand.self, SummaryCommand.self, FetchCommand.self,
            ConfigCommand.self, ManCommand.self,
            GenerateCommand.self, MockAPICommand.self,
        ],
        defaultSubcommand: BrowseCommand.self
    )

    /// Sets up what every command relies on before any of them runs, then runs the command.
    static func main() async {
        FileHandleOutput.install()
        CrashSignals.install()
        await main(nil)
    }
}

/// The version printed by `--version`.
enum OrderScopeVersion {
    static let current = "0.1.0-dev"
}
