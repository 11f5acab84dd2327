import ArgumentParser
import Foundation
import OrderSources
import OrderTUI
import OrderViewModel

/// `orderscope browse FILE...` (and `orderscope FILE...`): the interactive browser on dumps.
struct BrowseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "browse",
        abstract: "Browse orders from dump files, or from the Dintero API with --api, in the terminal UI."
    )

    @Argument(
        help: "Dump files to open (JSON, NDJSON, {\"orders\": [...]}, optionally gzipped).",
        completion: .file())
    var files: [String] = []

    @OptionGroup var apiOptions: APIOptions

    @OptionGroup var display: DisplayOptions

    func validate() throws {
        if let follow = apiOptions.follow {
            guard apiOptions.api else { throw ValidationError("--follow needs --api") }
            guard (1...86_400).contains(follow) else {
                throw ValidationError("--follow takes 1...86400 seconds.")
            }
        }
        if apiOptions.api {
            if !files.isEmpty { throw ValidationError("give either dump files or --api, not both") }
            return
        }
        if files.isEmpty {
            throw ValidationError(
                "give at least one dump file, use --api, or run `orderscope demo` for the bundled dataset")
        }
    }

    func run() throws {
        if apiOptions.api {
            let source: DinteroAPISource
            let config = try display.loadConfig()
            do {
                source = try apiOptions.query.makeSource(config: config)
            } catch {
                throw OrderScopeExit.fail(error)
            }
            try TerminalSession.run(
                source: source, origin: source.origin,
                label: "Dintero " + APIQueryOptions.label(for: source, environment: false),
                display: display, followEvery: apiOptions.follow)
            return
        }
        let source: DumpSource
        do {
            // The first screenful is indexed before the UI starts; the rest in the background.
            source = try DumpSource.openInBackground(paths: files)
        } catch {
            throw OrderScopeExit.fail(error)
        }
        let label = files.count == 1 ? files[0] : "\(files.count) files"
        try TerminalSession.run(
            source: source, origin: .files(files), label: label, display: display,
            backgroundWork: AnomalyScan.work(for: source))
    }
}

/// `orderscope demo`: the browser on the bundled dataset, with no network and no credentials.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Browse the bundled demo dataset (no network, no credentials)."
    )

    @OptionGroup var display: DisplayOptions

    func run() throws {
        guard let path = BundledResources.demoDataset() else {
            OrderScopeExit.printError(
                "the demo dataset (Resources/demo-orders.json) was not found next to the binary; "
                    + "set ORDERSCOPE_RESOURCES to the folder that holds it")
            throw OrderScopeExit.unusableInput
        }
        let source: DumpSource
        do {
            source = try DumpSource.open(paths: [path])
        } catch {
            throw OrderScopeExit.fail(error)
        }
        try TerminalSession.run(
            source: source, origin: .demo, label: "demo dataset", display: display,
            backgroundWork: AnomalyScan.work(for: source))
    }
}

/// Options shared by every command that opens the terminal UI.
struct DisplayOptions: ParsableArguments {
    @Flag(name: .long, help: "No colours (also when NO_COLOR is set).")
    var noColor = false

    @Flag(name: .long, help: "Do not capture the mouse (leaves text selection to the terminal).")
    var noMouse = false

    @Flag(name: .long, help: "Draw boxes with ASCII characters instead of Unicode line drawing.")
    var ascii = false

    @Flag(
        name: .long,
        help: ArgumentHelp(
            "Mask customer personal data (names, emails, phones, addresses, birth dates, coordinates, "
                + "comments) on every screen and in copies and exports; the x key cannot turn it off."))
    var redact = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Settings file (default $ORDERSCOPE_CONFIG, else $XDG_CONFIG_HOME/orderscope/config.toml).",
            valueName: "FILE"),
        completion: .file(extensions: ["toml"]))
    var config: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Render the screen as text at this size (e.g. 120x40) without a terminal, after the keys "
                + "given with --keys, print it and exit (status 1 when the input was damaged).",
            valueName: "WxH"))
    var screenDump: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Keys to press before --screen-dump, separated by spaces (names as in the help screen: "
                + "j, G, Enter, Tab, Esc, /, :, PgDn ...). Text after / or : is typed as is.",
            valueName: "KEYS"))
    var keys: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Replay a key script (one line per step: key names, `type TEXT`, `sleep SECONDS`) for "
                + "recorded demos; with --screen-dump its keys play without the pauses.", valueName: "FILE"),
        completion: .file())
    var script: String?

    /// The key script named by --script; a problem stops here with exit status 2.
    func loadScript() throws -> KeyScript? {
        guard let script else { return nil }
        // FileHandle, not FileManager.contents(atPath:), which leaks a 4 KB buffer for an empty
        // file on Linux (found by LeakSanitizer).
        guard let handle = FileHandle(forReadingAtPath: script), let data = try? handle.readToEnd() ?? Data()
        else {
            OrderScopeExit.printError("\(script): cannot read the key script")
            throw OrderScopeExit.unusableInput
        }
        try? handle.close()
        do {
            return try KeyScript.parse(String(decoding: data, as: UTF8.self))
        } catch {
            OrderScopeExit.printError("\(script): \(error.description)")
            throw OrderScopeExit.unusableInput
        }
    }

    /// The config file's settings; a problem stops here with exit status 2, before the
    /// terminal is taken.
    func loadConfig() throws -> AppConfig {
        do {
            return try AppConfig.load(flag: config, environment: ProcessInfo.processInfo.environment)
        } catch {
            OrderScopeExit.printError(error.description)
            throw OrderScopeExit.unusableInput
        }
    }

    func validate() throws {
        if let screenDump, ScreenDump.parseSize(screenDump) == nil {
            throw ValidationError("--screen-dump needs a size like 120x40 (at least 1x1)")
        }
        if keys != nil && screenDump == nil {
            throw ValidationError("--keys needs --screen-dump")
        }
        if let keys, case .failure(let error) = ScreenDump.parseKeys(keys) {
            throw ValidationError(error.message)
        }
    }
}
