import Foundation
import Testing

/// `fetch` and `browse --api` as real processes against `mock-api` paging each way the real
/// API may (the mock's flags): the orders saved or shown equal the dump, none lost or repeated.
extension EndToEnd.APIEndToEndTests {
    /// mock-api flags per paging variant; the last one is a server that ignores starting_after.
    static let pagingVariants: [[String]] = [
        [], ["--bare-array"], ["--token-name", "paging_token"], ["--token-name", "next_page_token"],
        ["--token-name", "starting_after"], ["--token-name", "last_evaluated_key"], ["--token-name", "next"],
        ["--token-name", "paging_token", "--short-pages"], ["--token-name", "next", "--short-pages"],
        ["--max-limit", "40"], ["--ignore-starting-after"],
    ]

    /// The `id` of each order of a JSON array or NDJSON file, in file order.
    static func orderIDs(_ path: String) throws -> [String] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        if let array = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]] {
            return array.map { $0["id"] as? String ?? "" }
        }
        return try data.split(separator: UInt8(ascii: "\n")).map { line in
            (try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])?["id"] as? String ?? ""
        }
    }

    @Test(arguments: pagingVariants)
    func fetchAndBrowseGetEveryOrderOnce(flags: [String]) async throws {
        let dump = "Resources/demo-orders.json"
        let (mock, base) = try await Self.startMock(dump: dump, extra: flags)
        defer { mock.stop() }
        let expected = try Self.orderIDs(BinaryRunner.packageRoot.appendingPathComponent(dump).path)
        let dir = try BinaryRunner.temporaryDirectory()
        let out = dir.appendingPathComponent("orders.json").path
        let fetch = try await BinaryRunner.run(
            ["fetch", "--api-base", base, "--out", out], environment: Self.credentials)
        let exported = dir.appendingPathComponent("browsed.ndjson").path
        let keys = Array(repeating: "G", count: 14).joined(separator: " ") + " : \"export \(exported)\" Enter"
        let browse = try await BinaryRunner.run(
            ["browse", "--api", "--api-base", base, "--screen-dump", "200x30", "--keys", keys],
            environment: Self.credentials)
        if flags == ["--ignore-starting-after"] {
            #expect(fetch.status == 2)
            #expect(fetch.stderr.contains("ignore starting_after"), "stderr: \(fetch.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out))
            // The first page once (the status bar's error gave way to the export's message).
            #expect(try Self.orderIDs(exported) == Array(expected.prefix(100)), "screen: \(browse.stdout)")
            return
        }
        #expect(fetch.status == 0, "stderr: \(fetch.stderr)")
        #expect(try Self.orderIDs(out) == expected)
        #expect(browse.status == 0, "stderr: \(browse.stderr)")
        #expect(try Self.orderIDs(exported) == expected, "screen: \(browse.stdout)")
    }
}
