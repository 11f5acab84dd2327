import ArgumentParser
import OrderTUI

/// `orderscope man`: the manual page in roff, generated from the commands' own definitions (their
/// abstracts, discussions and help screens), so it can never fall behind the options.
/// `orderscope man > orderscope.1; man ./orderscope.1`. The keys section comes from the one key
/// table (`KeyTable.standard`), as the `?` help screen does.
struct ManCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "man",
        abstract: "Print the manual page (roff) generated from the command definitions."
    )

    /// Width of the preformatted help blocks: man indents a section's body by 7 columns, so 72
    /// keeps every line within an 80-column terminal (filled text is wrapped by man itself).
    static let helpColumns = 72

    func run() throws {
        FileHandleOutput.standardOutput.write(Self.page())
    }

    /// The whole page: name, synopsis, description, then one section per command with its help.
    static func page() -> String {
        let root = OrderScopeCommand.self
        var out = ".TH ORDERSCOPE 1 \"\" \"orderscope \(OrderScopeVersion.current)\" \"User Commands\"\n"
        out += ".SH NAME\norderscope \\- \(escape(root.configuration.abstract))\n"
        out += ".SH SYNOPSIS\n.B orderscope\n.I COMMAND\n[\\fIOPTIONS\\fR]\n.br\n.B orderscope\n.I FILE...\n"
        out += ".SH DESCRIPTION\n" + escape(root.configuration.abstract)
        out += " Without a command, the files are opened in the browser (\\fBbrowse\\fR).\n"
        out += ".SH COMMANDS\n"
        for command in root.configuration.subcommands where command.configuration.shouldDisplay {
            let name = command.configuration.commandName ?? String(describing: command)
            out += ".SS \(name)\n"
            out += ".nf\n"
            for line in root.helpMessage(for: command, columns: helpColumns).split(
                separator: "\n", omittingEmptySubsequences: false)
            {
                for part in wrap(String(line), columns: helpColumns) {
                    out += escapeLine(part) + "\n"
                }
            }
            out += ".fi\n"
        }
        out += keysSection()
        out +=
            ".SH FILES\n.TP\n$XDG_CONFIG_HOME/orderscope/config.toml\nSettings (orderscope config \\-\\-print\\-defaults).\n"
        out += ".TP\n$XDG_CONFIG_HOME/orderscope/credentials\nDintero API credentials (chmod 600).\n"
        out += ".SH ENVIRONMENT\n.TP\nORDERSCOPE_CONFIG\nThe settings file.\n.TP\n"
        out += "DINTERO_ACCOUNT_ID, DINTERO_CLIENT_ID, DINTERO_CLIENT_SECRET\nAPI credentials.\n.TP\n"
        out +=
            "NO_COLOR\nNo colours when set to anything non-empty.\n.TP\nORDERSCOPE_RESOURCES\nWhere the demo dataset is.\n"
        out +=
            ".SH EXIT STATUS\n0 success, 1 anomalies found (check), 2 unusable input or settings, or a usage error (a bad option or argument), 130 interrupted.\n"
        out += ".SH SEE ALSO\nREADME.md: every key, the filter language and the config file.\n"
        return out
    }

    /// Every key binding of the browser, one subsection per mode, from the key table itself.
    static func keysSection(_ table: KeyTable = .standard) -> String {
        var out = ".SH KEYS\nIn the browser (browse, demo); \\fB?\\fR shows the same table on screen.\n"
        for section in table.helpSections() {
            out += ".SS \(escapeLine(section.title))\n"
            for line in section.lines {
                out += ".TP\n\\fB\(escape(line.keys))\\fR\n\(escapeLine(line.help))\n"
            }
        }
        return out
    }

    /// A help line within `columns`: ArgumentParser wraps descriptions but not the usage line,
    /// which is then broken between its words (`[--config <FILE>]` stays whole), the rest
    /// indented under the first. A word longer than the width is left as it is.
    static func wrap(_ line: String, columns: Int) -> [String] {
        guard line.count > columns else { return [line] }
        let indent = String(repeating: " ", count: line.prefix(while: { $0 == " " }).count + 9)
        var words: [String] = []
        var word = ""
        var depth = 0
        for character in line.drop(while: { $0 == " " }) {
            if character == "[" || character == "<" { depth += 1 }
            if character == "]" || character == ">" { depth = max(0, depth - 1) }
            if character == " " && depth == 0 {
                if !word.isEmpty { words.append(word) }
                word = ""
            } else {
                word.append(character)
            }
        }
        if !word.isEmpty { words.append(word) }
        var lines: [String] = []
        var current = String(line.prefix(while: { $0 == " " }))
        var startOfLine = true
        for word in words {
            if !startOfLine && current.count + 1 + word.count > columns {
                lines.append(current)
                current = indent
                startOfLine = true
            }
            current += (startOfLine ? "" : " ") + word
            startOfLine = false
        }
        lines.append(current)
        return lines
    }

    /// Backslashes are roff escapes; a leading `.` or `'` would be a request.
    static func escape(_ text: String) -> String {
        text.replacingBackslashes()
    }

    static func escapeLine(_ line: String) -> String {
        let escaped = escape(line)
        return escaped.hasPrefix(".") || escaped.hasPrefix("'") ? "\\&" + escaped : escaped
    }
}

extension String {
    fileprivate func replacingBackslashes() -> String {
        var out = ""
        for character in self {
            if character == "\\" { out += "\\e" } else { out.append(character) }
        }
        return out
    }
}
