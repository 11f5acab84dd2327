import Foundation
import Testing

/// One order by id from the API: `print --api --order ID` and `:order ID` in `browse --api`
/// for an order the list has not paged in.
extension EndToEnd.APIEndToEndTests {

    @Test func printAPIOrderFetchesOneOrderAndNamesTheAccountWhenMissing() async throws {
        let (mock, base) = try await Self.startMock(dump: "Resources/demo-orders.json")
        defer { mock.stop() }
        let ids = try Self.orderIDs(
            BinaryRunner.packageRoot.appendingPathComponent("Resources/demo-orders.json").path)
        let id = ids[250]
        let fromAPI = try await BinaryRunner.run(
            ["print", "--api", "--api-base", base, "--order", id], environment: Self.credentials)
        let fromDump = try await BinaryRunner.run(["print", "Resources/demo-orders.json", "--order", id])
        #expect(fromAPI.status == 0, "stderr: \(fromAPI.stderr)")
        #expect(fromAPI.stdout == fromDump.stdout)
        #expect(fromAPI.stdout.contains(id))
        let missing = try await BinaryRunner.run(
            ["print", "--api", "--api-base", base, "--order", "no-such-order"], environment: Self.credentials)
        #expect(missing.status == 2)
        #expect(
            missing.stderr.contains("no order no-such-order in account T12345678"),
            "stderr: \(missing.stderr)")
        #expect(!missing.stderr.contains(Self.secret))
        let noID = try await BinaryRunner.run(
            ["print", "--api", "--api-base", base], environment: Self.credentials)
        #expect(noID.status != 0 && noID.stderr.contains("--order"))
    }

    @Test func browseAPIOrderCommandFetchesAnOrderNotPagedIn() async throws {
        let (mock, base) = try await Self.startMock(dump: "Resources/demo-orders.json")
        defer { mock.stop() }
        let ids = try Self.orderIDs(
            BinaryRunner.packageRoot.appendingPathComponent("Resources/demo-orders.json").path)
        let id = ids[250]
        let browse = try await BinaryRunner.run(
            [
                "browse", "--api", "--api-base", base, "--screen-dump", "200x40", "--keys",
                ": \"order \(id)\" Enter",
            ],
            environment: Self.credentials)
        #expect(browse.status == 0, "stderr: \(browse.stderr)")
        #expect(browse.stdout.contains("order \(id) fetched"), "screen: \(browse.stdout)")
        // Its row and detail show (the number is the dataset's 251st), and the list pages on.
        #expect(browse.stdout.contains("SL09-0100250"), "screen: \(browse.stdout)")
        #expect(browse.stdout.contains("orders, more available"), "screen: \(browse.stdout)")
        let missing = try await BinaryRunner.run(
            [
                "browse", "--api", "--api-base", base, "--screen-dump", "200x40", "--keys",
                ": \"order nope\" Enter",
            ],
            environment: Self.credentials)
        #expect(missing.stdout.contains("no order nope in account T12345678"), "screen: \(missing.stdout)")
    }
}
