import ArgumentParser

/// `orderscope man`: the manual page in roff, generated from the commands' own definitions (their
/// abstracts, discussions and help screens), so it can never fall behind the options.
/// `orderscope man > orderscope.1; man ./orderscope.1`.
struct ManCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "man",
        abstract: "Print the manual page (roff) generated from the command definitions.",
        shouldDisplay: false
    )

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
            for line in root.helpMessage(for: command, columns: 100).split(separator: "\n", omittingEmptySubsequences: false) {
                out += escapeLine(String(line)) + "\n"
            }
            out += ".fi\n"
        }
        out += ".SH FILES\n.TP\n$XDG_CONFIG_HOME/orderscope/config.toml\nSettings (orderscope config \\-\\-print\\-defaults).\n"
        out += ".TP\n$XDG_CONFIG_HOME/orderscope/credentials\nDintero API credentials (chmod 600).\n"
        out += ".SH ENVIRONMENT\n.TP\nORDERSCOPE_CONFIG\nThe settings file.\n.TP\n"
        out += "DINTERO_ACCOUNT_ID, DINTERO_CLIENT_ID, DINTERO_CLIENT_SECRET\nAPI credentials.\n.TP\n"
        out += "NO_COLOR\nNo colours when set to anything non-empty.\n.TP\nORDERSCOPE_RESOURCES\nWhere the demo dataset is.\n"
        out += ".SH EXIT STATUS\n0 success, 1 anomalies found (check), 2 unusable input or settings, 130 interrupted.\n"
        out += ".SH SEE ALSO\nREADME.md: every key, the filter language and the config file.\n"
        return out
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
