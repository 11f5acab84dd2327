import OrderViewModel

/// What a `:` command line asks for, parsed from the text alone (no state): `UIController`
/// carries it out.
public enum LineCommand: Sendable, Equatable {
    case quit
    case order(String)
    /// `:sort COLUMN [asc|desc]`; nil direction: what `sort` does on that column.
    case sort(ListColumn, ascending: Bool?)
    case filter(String)
    /// `:group COLUMN[,COLUMN]`; nil: the summary as last time.
    case group([SummaryColumn]?)
    case find(String)
    case help
    case raw
    case problems
    case messages
    case export(path: String, format: ListExporter.Format)
    case screenshot(path: String)
    case copy(CopyTarget)
}

/// Turns the text typed after `:` into a `LineCommand`, or an operator-readable refusal.
public enum CommandLineParser {
    /// Names for `:copy WHAT`.
    static let copyNames: [String: CopyTarget] = [
        "number": .orderNumber, "id": .orderID, "value": .value, "json": .json, "ticket": .ticket,
        "path": .jqPath, "jq": .jqPath,
    ]

    /// The command of `line`; nil for a blank line (nothing to do).
    public static func parse(_ line: String) -> Result<LineCommand, LineCommandError>? {
        let words = line.split(separator: " ", omittingEmptySubsequences: true)
        guard let first = words.first else { return nil }
        let name = first.lowercased()
        // The rest as typed, with runs of spaces made one (an order number never has two).
        let argument = words.dropFirst().joined(separator: " ")
        let arguments = words.dropFirst().map(String.init)
        switch name {
        case "q", "quit", "q!", "exit":
            return .success(.quit)
        case "order", "o", "jump":
            guard !argument.isEmpty else { return .failure(":order needs an order id or number") }
            return .success(.order(argument))
        case "sort":
            guard let column = arguments.first.flatMap({ ListColumn(name: $0) }) else {
                let names = ListColumn.allCases.map(\.rawValue).joined(separator: ", ")
                return .failure(":sort needs a column: \(names)")
            }
            guard let direction = arguments.dropFirst().first?.lowercased() else {
                return .success(.sort(column, ascending: nil))
            }
            guard ["asc", "desc", "ascending", "descending"].contains(direction) else {
                return .failure(":sort \(arguments[0]) takes asc or desc after the column, not \(direction)")
            }
            return .success(.sort(column, ascending: direction.hasPrefix("asc")))
        case "filter", "f":
            return .success(.filter(argument))
        case "group", "summary", "sum":
            guard !argument.isEmpty else { return .success(.group(nil)) }
            do throws(SummaryColumnError) {
                return .success(.group(try SummaryColumn.parseList(argument)))
            } catch {
                return .failure(LineCommandError(":group: " + error.message))
            }
        case "find", "search":
            return .success(.find(argument))
        case "help", "h":
            return .success(.help)
        case "raw":
            return .success(.raw)
        case "problems", "problem":
            return .success(.problems)
        case "messages", "message", "log":
            return .success(.messages)
        case "export", "w":
            guard let path = arguments.first else {
                return .failure(":export needs a file name (.csv, .json or .ndjson)")
            }
            let explicit = arguments.dropFirst().first.map { ListExporter.Format(rawValue: $0.lowercased()) }
            guard let format = explicit ?? ListExporter.Format(path: path) else {
                return .failure(
                    ":export: say csv, json or ndjson after the file name, or end it in .csv, .json or .ndjson"
                )
            }
            return .success(.export(path: path, format: format))
        case "screenshot", "shot":
            guard !argument.isEmpty else { return .failure(":screenshot needs a file name") }
            return .success(.screenshot(path: argument))
        case "copy", "y":
            guard !argument.isEmpty else { return .success(.copy(.value)) }
            guard let target = copyNames[argument.lowercased().filter { $0 != " " }] else {
                return .failure(":copy takes number, id, value, json, ticket or path")
            }
            return .success(.copy(target))
        default:
            return .failure(
                "unknown command :\(name) (try :order, :sort, :filter, :find, :group, :copy, :export, :screenshot, :problems, :messages, :help, :q)"
            )
        }
    }
}

/// Why a command line cannot run, worded for the status bar.
public struct LineCommandError: Error, Sendable, Equatable, ExpressibleByStringInterpolation {
    public var message: String

    public init(_ message: String) { self.message = message }
    public init(stringLiteral value: String) { self.message = value }
}
