import Foundation
import OrderViewModel
import TerminalCore

#if canImport(Glibc)
    import Glibc
#endif

/// The settings of `config.toml`: theme, clipboard, redaction, page size for the API, the
/// default account and store, and key overrides. Precedence is flags > environment > this file >
/// the defaults below. Every problem (a syntax error, an unknown key, a bad value, a file others
/// may write) stops startup with exit status 2 before the terminal is touched: a typo in a config
/// should never silently run with other settings than the operator asked for.
public struct AppConfig: Sendable, Equatable {
    public var theme = "standard"
    public var pageSize = 100
    public var redact = false
    public var clipboard = "auto"
    public var clipboardMaxBytes = ClipboardSequence.defaultMaxBytes
    public var accountID: String?
    public var storeID: String?
    /// `[keys]`: command name → keys, in file order.
    public var keyOverrides: [(name: String, keys: [Key])] = []

    public init() {}

    public static func == (lhs: AppConfig, rhs: AppConfig) -> Bool {
        lhs.theme == rhs.theme && lhs.pageSize == rhs.pageSize && lhs.redact == rhs.redact
            && lhs.clipboard == rhs.clipboard && lhs.clipboardMaxBytes == rhs.clipboardMaxBytes
            && lhs.accountID == rhs.accountID && lhs.storeID == rhs.storeID
            && lhs.keyOverrides.map(\.name) == rhs.keyOverrides.map(\.name)
            && lhs.keyOverrides.map(\.keys) == rhs.keyOverrides.map(\.keys)
    }

    /// A problem with the config file, for the operator: file, line, column, what, and a hint.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var file: String
        public var line: Int?
        public var column: Int?
        public var message: String
        public var suggestion: String?

        public var description: String {
            var text = file
            if let line { text += ":\(line)" }
            if let column { text += ":\(column)" }
            text += ": " + message
            if let suggestion { text += " (\(suggestion))" }
            return text
        }
    }

    /// One documented setting: where it lives, its default and what it does.
    public struct Setting: Sendable {
        public var table: String
        public var key: String
        public var defaultText: String
        public var help: String
    }

    public static let settings: [Setting] = [
        Setting(
            table: "", key: "theme", defaultText: "\"standard\"",
            help: "colours: \"standard\" or \"monochrome\""),
        Setting(
            table: "", key: "page_size", defaultText: "100",
            help: "orders per API page, 1...100 (browse --api)"),
        Setting(
            table: "", key: "redact", defaultText: "false",
            help: "start with personal data masked (as --redact)"),
        Setting(
            table: "", key: "clipboard", defaultText: "\"auto\"",
            help: "copy route: \"auto\" (from TERM/TMUX), \"osc52\", \"tmux\" or \"off\" (show only)"),
        Setting(
            table: "", key: "clipboard_max_bytes", defaultText: "\(ClipboardSequence.defaultMaxBytes)",
            help: "largest OSC 52 write in base64 bytes; bigger copies are shown instead"),
        Setting(
            table: "api", key: "account_id", defaultText: "\"\"",
            help: "default Dintero account (T or P + 8 digits)"),
        Setting(
            table: "api", key: "store_id", defaultText: "\"\"",
            help: "default store for browse --api and fetch"),
    ]

    /// Every setting with its default, as a config file (`orderscope config --print-defaults`).
    public static func defaultsText(keys: KeyTable = .standard) -> String {
        var out = "# orderscope config.toml: every setting with its default.\n"
        out +=
            "# Location: --config FILE, else $ORDERSCOPE_CONFIG, else $XDG_CONFIG_HOME/orderscope/config.toml\n"
        out += "# (~/.config/orderscope/config.toml). Flags and the environment win over this file.\n\n"
        var table = ""
        for setting in settings {
            if setting.table != table {
                table = setting.table
                out += "\n[\(table)]\n"
            }
            out += "# \(setting.help)\n\(setting.key) = \(setting.defaultText)\n"
        }
        out +=
            "\n[keys]\n# command = [\"key\", ...]; key names as in the help screen (j, G, Enter, Ctrl-L, PgDn, Space)\n"
        for binding in keys.bindings {
            let names = binding.keys.map {
                "\"" + $0.name.replacingOccurrences(of: "\"", with: "\\\"") + "\""
            }
            out +=
                "\(KeyTable.name(of: binding.command)) = [\(names.joined(separator: ", "))]  # \(binding.help)\n"
        }
        return out
    }

    /// Parses and checks a config file's text.
    public static func parse(_ text: String, file: String, keys: KeyTable = .standard) throws(Problem)
        -> AppConfig
    {
        let entries: [TOMLReader.Entry]
        do {
            entries = try TOMLReader.parse(text)
        } catch {
            throw Problem(file: file, line: error.line, column: error.column, message: error.message)
        }
        var config = AppConfig()
        let commandNames = keys.bindings.map { KeyTable.name(of: $0.command) }
        for entry in entries {
            func problem(_ message: String, suggestion: String? = nil, atValue: Bool = true) -> Problem {
                Problem(
                    file: file, line: entry.line, column: atValue ? entry.valueColumn : entry.column,
                    message: message, suggestion: suggestion)
            }
            func string() throws(Problem) -> String {
                guard case .string(let text) = entry.value else {
                    throw problem(
                        "\(entry.key) must be a string, not \(entry.value.typeName)",
                        suggestion: "put the value in quotes")
                }
                return text
            }
            func integer(_ range: ClosedRange<Int>) throws(Problem) -> Int {
                guard case .integer(let number) = entry.value else {
                    throw problem("\(entry.key) must be a whole number, not \(entry.value.typeName)")
                }
                guard range.contains(number) else {
                    throw problem(
                        "\(entry.key) must be \(range.lowerBound)...\(range.upperBound), not \(number)")
                }
                return number
            }
            func oneOf(_ allowed: [String]) throws(Problem) -> String {
                let text = try string()
                guard allowed.contains(text) else {
                    let near = OrderQuery.nearest(to: text, among: allowed)
                    throw problem(
                        "\(entry.key) cannot be \"\(text)\"; it is one of " + allowed.joined(separator: ", "),
                        suggestion: near.map { "did you mean \"\($0)\"?" })
                }
                return text
            }
            switch (entry.table, entry.key) {
            case ("", "theme"): config.theme = try oneOf(["standard", "monochrome"])
            case ("", "page_size"): config.pageSize = try integer(1...100)
            case ("", "clipboard"):
                config.clipboard = try oneOf(["auto"] + ClipboardSequence.Route.allCases.map(\.rawValue))
            case ("", "clipboard_max_bytes"): config.clipboardMaxBytes = try integer(16...100_000_000)
            case ("", "redact"):
                guard case .boolean(let flag) = entry.value else {
                    throw problem("redact must be true or false, not \(entry.value.typeName)")
                }
                config.redact = flag
            case ("api", "account_id"):
                let text = try string()
                let valid =
                    text.count == 9 && (text.hasPrefix("T") || text.hasPrefix("P"))
                    && text.dropFirst().allSatisfy(\.isNumber)
                guard valid || text.isEmpty else {
                    throw problem("account_id must be T or P followed by 8 digits, not \"\(text)\"")
                }
                config.accountID = text.isEmpty ? nil : text
            case ("api", "store_id"):
                let text = try string()
                config.storeID = text.isEmpty ? nil : text
            case ("keys", let name):
                guard commandNames.contains(name) else {
                    let near = OrderQuery.nearest(to: name, among: commandNames)
                    throw problem(
                        "unknown key command \"\(name)\" in [keys]",
                        suggestion: near.map { "did you mean `\($0)`?" }, atValue: false)
                }
                let names: [String]
                switch entry.value {
                case .string(let one): names = [one]
                case .strings(let many): names = many
                default:
                    throw problem(
                        "keys.\(name) must be a key name or a list of them, like [\"q\", \"Ctrl-Q\"]")
                }
                guard !names.isEmpty else { throw problem("keys.\(name) needs at least one key") }
                var parsed: [Key] = []
                for keyName in names {
                    guard let key = Key(name: keyName) else {
                        throw problem(
                            "\"\(keyName)\" is not a key name",
                            suggestion: "use names as in the help screen: j, G, Enter, Ctrl-L, PgDn, Space")
                    }
                    parsed.append(key)
                }
                config.keyOverrides.append((name, parsed))
            default:
                let known = settings.filter { $0.table == entry.table }.map(\.key)
                let tables = Set(settings.map(\.table)).union(["keys"])
                guard tables.contains(entry.table) else {
                    let near = OrderQuery.nearest(to: entry.table, among: tables.filter { !$0.isEmpty })
                    throw Problem(
                        file: file, line: entry.line, column: 1, message: "unknown table [\(entry.table)]",
                        suggestion: near.map { "did you mean [\($0)]?" })
                }
                let near = OrderQuery.nearest(to: entry.key, among: known)
                let close =
                    near.map { OrderQuery.editDistance($0, entry.key) <= max(2, entry.key.count / 3) }
                    ?? false
                let place = entry.table.isEmpty ? "" : " in [\(entry.table)]"
                throw problem(
                    "unknown setting \"\(entry.key)\"\(place)",
                    suggestion: close
                        ? near.map { "did you mean `\($0)`?" }
                        : "orderscope config --print-defaults lists them",
                    atValue: false)
            }
        }
        do {
            _ = try keys.overriding(config.keyOverrides)
        } catch {
            let line = entries.last { $0.table == "keys" && $0.key == error.name }?.line
            throw Problem(
                file: file, line: line, column: nil, message: error.message, suggestion: error.suggestion)
        }
        return config
    }

    /// Where the config file is: `--config`, else `ORDERSCOPE_CONFIG`, else
    /// `$XDG_CONFIG_HOME/orderscope/config.toml` (`~/.config/...`). `explicit` is true when the
    /// operator named it, so a missing file is an error rather than "use the defaults".
    public static func locate(flag: String?, environment: [String: String]) -> (path: String, explicit: Bool)?
    {
        if let flag, !flag.isEmpty { return (flag, true) }
        if let path = environment["ORDERSCOPE_CONFIG"], !path.isEmpty { return (path, true) }
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            return (xdg + "/orderscope/config.toml", false)
        }
        if let home = environment["HOME"], !home.isEmpty {
            return (home + "/.config/orderscope/config.toml", false)
        }
        return nil
    }

    /// Reads and checks the config file. A file that group or others can write is refused: it
    /// decides what the terminal is sent and which account is read.
    public static func load(flag: String?, environment: [String: String], keys: KeyTable = .standard)
        throws(Problem) -> AppConfig
    {
        guard let (path, explicit) = locate(flag: flag, environment: environment) else { return AppConfig() }
        var info = stat()
        guard stat(path, &info) == 0 else {
            if !explicit && errno == ENOENT { return AppConfig() }
            throw Problem(
                file: path, message: "cannot read the config file: \(String(cString: strerror(errno)))")
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw Problem(file: path, message: "the config file is not a regular file")
        }
        guard info.st_mode & 0o022 == 0 else {
            throw Problem(
                file: path, message: "refused: group or others can write this config file",
                suggestion: "chmod go-w \(path)")
        }
        // FileHandle, not FileManager.contents(atPath:), which leaks a 4 KB buffer for an empty
        // file on Linux (found by LeakSanitizer; an empty config file is a valid one).
        guard let handle = FileHandle(forReadingAtPath: path), let data = try? handle.readToEnd() ?? Data()
        else {
            throw Problem(file: path, message: "cannot read the config file")
        }
        try? handle.close()
        guard let text = String(data: data, encoding: .utf8) else {
            throw Problem(file: path, message: "the config file is not UTF-8 text")
        }
        return try parse(text, file: path, keys: keys)
    }

    // MARK: - Applying

    /// The key table with `[keys]` applied (checked by `parse`).
    public func keyTable(base: KeyTable = .standard) -> KeyTable {
        (try? base.overriding(keyOverrides)) ?? base
    }

    /// The clipboard route: the configured one, or detected from the environment.
    public func clipboardRoute(environment: [String: String]) -> ClipboardSequence.Route {
        ClipboardSequence.Route(rawValue: clipboard)
            ?? ClipboardSequence.Route.detect(environment: environment)
    }
}
