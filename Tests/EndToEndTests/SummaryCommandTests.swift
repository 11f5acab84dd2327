import Foundation
import Testing

/// `orderscope summary` as a real process: exact sums per group and currency, the three
/// formats, exit codes, and the same table from the API as from the dump it serves.
extension EndToEnd {
    @Suite("summary command", .serialized)
    struct SummaryCommandTests {
        static let dump = """
            [
            {"id": "o1", "status": "open", "currency": "NOK", "gross_amount": 100000, "created_at": "2026-03-02T10:00:00Z",
             "authorizations": [{"amount": 100000}], "captures": [{"amount": 40000}], "refunds": [{"amount": 50000}]},
            {"id": "o2", "status": "open", "currency": "SEK", "gross_amount": 2500, "created_at": "2026-03-02T11:00:00Z",
             "authorizations": [{"amount": 2500}], "cancellations": [{"amount": 2500}]},
            {"id": "o3", "status": "open", "currency": "NOK", "created_at": "2026-03-09T09:00:00Z"},
            {"id": "o4", "status": "closed", "currency": "NOK", "gross_amount": 700, "created_at": "2026-03-10T09:00:00Z",
             "captures": [{"amount": 700}, {"amount": 5, "success": false}]}
            ]
            """

        static func writeDump() throws -> String {
            let directory = try BinaryRunner.temporaryDirectory()
            let path = directory.appendingPathComponent("orders.json").path
            try dump.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }

        @Test func textTableSumsPerCurrency() async throws {
            let path = try Self.writeDump()
            let result = try await BinaryRunner.run(["summary", path, "--by", "status"])
            #expect(result.status == 0, "stderr: \(result.stderr)")
            let lines = result.stdout.split(separator: "\n").map(String.init)
            try #require(lines.count >= 4, "\(lines)")
            #expect(
                lines.first == "Status  Orders  Share  Cur     Gross  Captured  Refunded  Outstanding",
                "\(lines)")
            #expect(
                lines[1] == "open         3  75.0%  NOK  1 000.00    400.00    500.00       600.00",
                "\(lines)")
            #expect(
                lines[2] == "                       SEK     25.00      0.00      0.00         0.00",
                "\(lines)")
            #expect(
                lines[3] == "closed       1  25.0%  NOK      7.00      7.00      0.00        -7.00",
                "\(lines)")
            #expect(lines.contains("4 orders in 2 groups"))
            #expect(lines.contains("1 orders have no gross amount (not in Gross)"))
        }

        @Test func jsonAndCSVCarryExactAmounts() async throws {
            let path = try Self.writeDump()
            let json = try await BinaryRunner.run([
                "summary", path, "--by", "week,currency", "--format", "json", "--filter", "status:open",
            ])
            #expect(json.status == 0, "stderr: \(json.stderr)")
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            #expect(object["orders"] as? Int == 3)
            let groups = try #require(object["groups"] as? [[String: Any]])
            let values = groups.map { $0["values"] as? [String: String] }
            #expect(
                values == [
                    ["week": "2026-W10", "currency": "NOK"], ["week": "2026-W10", "currency": "SEK"],
                    ["week": "2026-W11", "currency": "NOK"],
                ])
            let first = try #require((groups[0]["totals"] as? [[String: Any]])?.first)
            #expect(first["gross"] as? Int == 100000)
            #expect(first["refunded"] as? Int == 50000)
            #expect(first["outstanding"] as? Int == 60000)
            let csv = try await BinaryRunner.run([
                "summary", path, "--by", "currency", "--format", "csv", "--sort=-gross",
            ])
            #expect(csv.status == 0)
            let rows = csv.stdout.split(separator: "\r\n").map(String.init)
            try #require(rows.count == 3, "\(rows)")
            #expect(rows[0].hasPrefix("currency,orders,share_percent,currency,currency_orders,gross"))
            #expect(rows[1] == "NOK,3,75.0,NOK,3,1007.00,1,1000.00,407.00,500.00,0.00,593.00", "\(rows)")
            #expect(rows[2] == "SEK,1,25.0,SEK,1,25.00,0,25.00,0.00,0.00,25.00,0.00", "\(rows)")
        }

        @Test func exitCodes() async throws {
            let damaged = try await BinaryRunner.run([
                "summary", BinaryRunner.fixture("Tests/Fixtures/dumps/truncated-array.json"), "--by",
                "status",
            ])
            #expect(damaged.status == 1, "stderr: \(damaged.stderr)")
            #expect(damaged.stdout.contains("Orders"))
            let missing = try await BinaryRunner.run([
                "summary", "/nonexistent/orders.json", "--by", "status",
            ])
            #expect(missing.status == 2)
            let unknown = try await BinaryRunner.run([
                "summary", "Resources/sample-orders.json", "--by", "colour",
            ])
            #expect(unknown.status != 0)
            #expect(unknown.stderr.contains("cannot group by \"colour\""))
        }

        /// `summary --by COLUMNS --format json` from the mock API serving the sample dump, and
        /// from the dump itself.
        static func fromAPIAndDump(by columns: String) async throws -> (
            api: BinaryRunner.Result, dump: BinaryRunner.Result
        ) {
            let (mock, base) = try await APIEndToEndTests.startMock()
            defer { mock.stop() }
            let fromAPI = try await BinaryRunner.run(
                ["summary", "--api", "--api-base", base, "--by", columns, "--format", "json"],
                environment: APIEndToEndTests.credentials)
            let fromDump = try await BinaryRunner.run(
                ["summary", "Resources/sample-orders.json", "--by", columns, "--format", "json"])
            return (fromAPI, fromDump)
        }

        /// Grouped by anomaly, the API's orders are checked as the dump's are (whole orders:
        /// the list with events, details where the list lacks them), never "(not checked)".
        @Test func apiGroupsByAnomalyAsTheDumpItServes() async throws {
            let (fromAPI, fromDump) = try await Self.fromAPIAndDump(by: "anomaly")
            #expect(fromAPI.status == 0, "stderr: \(fromAPI.stderr)")
            #expect(fromDump.status == 0)
            #expect(fromAPI.stdout == fromDump.stdout)
            #expect(!fromAPI.stdout.contains("not checked"), "\(fromAPI.stdout)")
        }

        @Test func apiGivesTheSameTableAsTheDumpItServes() async throws {
            let (fromAPI, fromDump) = try await Self.fromAPIAndDump(by: "status,currency")
            #expect(fromAPI.status == 0, "stderr: \(fromAPI.stderr)")
            #expect(fromDump.status == 0)
            #expect(fromAPI.stdout == fromDump.stdout)
            #expect(fromAPI.stdout.contains("\"captured\""))
            #expect(
                !fromAPI.stdout.contains(APIEndToEndTests.secret)
                    && !fromAPI.stderr.contains(APIEndToEndTests.secret))
        }
    }
}
