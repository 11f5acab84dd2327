import ArgumentParser
import CursesBackend
import TerminalCore

#if canImport(Glibc)
    import Glibc
#endif

/// The `orderscope` command line: picks a source, validates arguments and hands over to the
/// TUI or a plain-text command. Holds no UI or domain logic itself.
@main
struct OrderScopeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orderscope",
        abstract: "Browse Dintero orders in the terminal: from dumps, the Dintero API or a demo dataset.",
        version: OrderScopeVersion.current,
        subcommands: [
            BrowseCommand.self, DemoCommand.self, PrintCommand.self, CheckCommand.self, ExportCommand.self,
            SummaryCommand.self, FetchCommand.self,
            ConfigCommand.self, ManCommand.self,
            GenerateCommand.self, MockAPICommand.self,
        ],
        defaultSubcommand: BrowseCommand.self
    )

    /// Sets up what every command relies on before any of them runs, then runs the command.
    static func main() async {
        FileHandleOutput.install()
        CrashSignals.install()
        do {
            var command = try await asyncParseAsRoot(nil)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(usageErrorsAs2: error)
        }
    }

    /// ArgumentParser ends a usage error (an unknown option, a missing argument, a `validate()`
    /// that failed) with 64 (EX_USAGE); orderscope's exit status for a bad option is 2, the same
    /// as for unusable input (README, Exit status), so a script has one code to test. The message
    /// is ArgumentParser's (error, usage, the `--help` hint), sanitized: it can quote argv bytes.
    /// Everything else (help, `--version`, completion scripts, `ExitCode`) exits as before.
    static func exit(usageErrorsAs2 error: Error) -> Never {
        guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
        let lines = Sanitizer.sanitizeLines(fullMessage(for: error))
        FileHandleOutput.standardError.write(lines.joined(separator: "\n") + "\n")
        Glibc.exit(OrderScopeExit.unusableInput.rawValue)
    }
}

/// The version printed by `--version`.
enum OrderScopeVersion {
    static let current = "0.1.0-dev"
}
