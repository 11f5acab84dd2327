import ArgumentParser
import JSONCore
import OrderAnalysis
import OrderIndex
import OrderModel
import OrderSources
import TerminalCore

/// `orderscope check FILE...`: the anomaly checks over whole dumps, one order at a time, as a
/// readable report or JSON, with the problems of damaged dumps (skipped lines, a cut-off end).
/// Exit 0 when clean, 1 when anomalies or damage were found, 2 for unusable input.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract:
            "Check every order of dump files for anomalies (exit 1 if any are found, or a dump is damaged).",
        discussion: """
            Checks: gross − discounts = net, items against order totals, tax lines, captured vs \
            authorized, refunded vs captured, payout tree sums, payment_status against the \
            operations, failed operations, attachment line ids. A damaged dump (lines that are not \
            orders, a file that ends early) is reported too, with file, line and column, and \
            counts as a finding. Orders are decoded one at a time, so memory stays flat however \
            big the dump is.
            """
    )

    @Argument(help: "Dump files to check.", completion: .file())
    var files: [String]

    @Flag(name: .long, help: "Print the report as JSON (one object with an entry per order with anomalies).")
    var json = false

    @Flag(name: .long, help: "Mask customer personal data in the report.")
    var redact = false

    func run() throws {
        var checked = 0
        var findings: [Finding] = []
        var problems: [SourceProblem] = []
        for file in files {
            // Streamed: each order is decoded and checked as the scan finds it, and no index is
            // kept, so memory stays flat however big the dump is.
            do {
                // Decoding and checking, the costly part, run on every core; the report keeps
                // the file's order.
                let redact = self.redact
                problems += try DumpSource.streamOrders(
                    // The redactor works on the raw JSON; the checks alone never read it.
                    path: file, decoding: redact ? .whole : .forChecks,
                    transform: { decoded in
                        // Each order goes to the finding as it is (a copy would retain and
                        // release all its fields); a clean order, most of them, passes on
                        // nothing, not even its number.
                        redact ? Self.finding(Redactor.redact(decoded)) : Self.finding(decoded)
                    },
                    consume: { (finding: Finding?) in
                        checked += 1
                        if let finding { findings.append(finding) }
                    })
            } catch let error as SourceError {
                throw OrderScopeExit.fail(error)
            }
        }
        FileHandleOutput.standardOutput.write(
            json ? jsonReport(checked, findings, problems) : textReport(checked, findings, problems))
        // A damaged dump is not a clean one: the orders it lost were not checked.
        if problems.contains(where: \.fileChanged) { throw OrderScopeExit.unusableInput }
        if !findings.isEmpty || !problems.isEmpty { throw OrderScopeExit.anomalies }
    }

    /// An order with anomalies, as the report lists it.
    struct Finding: Sendable {
        var order: String
        var anomalies: [Anomaly]
    }

    /// The order's number and anomalies, or nil when it has none.
    private static func finding(_ order: Order) -> Finding? {
        let anomalies = AnomalyChecker.check(order)
        return anomalies.isEmpty ? nil : Finding(order: order.displayNumber, anomalies: anomalies)
    }

    private func textReport(
        _ checked: Int, _ findings: [Finding], _ problems: [SourceProblem]
    ) -> String {
        var out = ""
        if !problems.isEmpty {
            out += "damaged dumps (what was readable was checked)\n"
            for problem in problems { out += "  ✗ " + Sanitizer.sanitize(problem.description) + "\n" }
        }
        for finding in findings {
            out += Sanitizer.sanitize(finding.order) + "\n"
            for anomaly in finding.anomalies {
                let path = anomaly.jsonPath.map { "  (" + Sanitizer.sanitize($0) + ")" } ?? ""
                out += "  ✗ " + Sanitizer.sanitize(anomaly.message) + path + "\n"
            }
        }
        let total = findings.reduce(0) { $0 + $1.anomalies.count }
        out += "\(checked) orders checked, \(findings.count) with anomalies (\(total) in all)"
        if !problems.isEmpty { out += ", \(problems.count) load problem\(problems.count == 1 ? "" : "s")" }
        return out + "\n"
    }

    private func jsonReport(
        _ checked: Int, _ findings: [Finding], _ problems: [SourceProblem]
    ) -> String {
        // JSONValue.quoted escapes every control character, so the JSON is safe on a terminal too.
        let entries = findings.map { finding in
            let anomalies = finding.anomalies.map { anomaly in
                "{\"kind\": \(JSONValue.quoted("\(anomaly.kind)")), \"message\": \(JSONValue.quoted(anomaly.message)), "
                    + "\"path\": \(anomaly.jsonPath.map(JSONValue.quoted) ?? "null")}"
            }
            return
                "    {\"order\": \(JSONValue.quoted(finding.order)), \"anomalies\": [\(anomalies.joined(separator: ", "))]}"
        }
        let damage = problems.map { problem in
            "    {\"file\": \(JSONValue.quoted(problem.file)), \"line\": \(problem.line.map(String.init) ?? "null"), "
                + "\"column\": \(problem.column.map(String.init) ?? "null"), \"message\": \(JSONValue.quoted(problem.message))}"
        }
        return
            "{\n  \"checked\": \(checked),\n  \"orders_with_anomalies\": \(findings.count),\n  \"findings\": [\n"
            + entries.joined(separator: ",\n") + (entries.isEmpty ? "" : "\n")
            + "  ],\n  \"load_problems\": [\n"
            + damage.joined(separator: ",\n") + (damage.isEmpty ? "" : "\n") + "  ]\n}\n"
    }
}
