import ArgumentParser
import Foundation
import OrderTUI

/// `orderscope config`: shows where the settings file is, checks it, and prints every setting
/// with its default.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Check the settings file (config.toml) or print every setting with its default.",
        discussion: """
            The file is --config FILE, else $ORDERSCOPE_CONFIG, else \
            $XDG_CONFIG_HOME/orderscope/config.toml (~/.config/orderscope/config.toml). Exit status \
            2 when it has a problem (reported with file, line and column).
            """
    )

    @Flag(name: .long, help: "Print every setting with its default, as a config.toml.")
    var printDefaults = false

    @Option(
        name: .long, help: ArgumentHelp("The settings file to check.", valueName: "FILE"),
        completion: .file(extensions: ["toml"]))
    var config: String?

    func run() throws {
        if printDefaults {
            FileHandleOutput.standardOutput.write(AppConfig.defaultsText())
            return
        }
        let environment = ProcessInfo.processInfo.environment
        guard let (path, _) = AppConfig.locate(flag: config, environment: environment) else {
            FileHandleOutput.standardOutput.write(
                "no config file location (HOME is not set); defaults apply\n")
            return
        }
        do {
            let loaded = try AppConfig.load(flag: config, environment: environment)
            let exists = FileManager.default.fileExists(atPath: path)
            let overrides = loaded.keyOverrides.map(\.name).joined(separator: ", ")
            FileHandleOutput.standardOutput.write(
                exists
                    ? "\(path): ok" + (overrides.isEmpty ? "" : " (keys changed: \(overrides))") + "\n"
                    : "\(path): not there; defaults apply\n")
        } catch {
            OrderScopeExit.printError(error.description)
            throw OrderScopeExit.unusableInput
        }
    }
}
