import Foundation
import Testing

/// Issue 22 item 10: a failed write is reported with exit 2; a reader that leaves early
/// (`| head`) ends the program quietly.
@Suite struct OutputErrorEndToEndTests {
    @Test(arguments: [
        "print Tests/Fixtures/dumps/orders-array.json",
        "print Tests/Fixtures/dumps/orders-array.json --order N-1",
        "check --json Tests/Fixtures/dumps/orders-array.json",
        "check Tests/Fixtures/dumps/orders-array.json",
        "generate --count 3 --seed 1",
        "man",
    ])
    func aFullDeviceIsAnErrorWithExit2(_ command: String) async throws {
        let result = try await BinaryRunner.shell("exec \"$BIN\" \(command) > /dev/full")
        #expect(result.status == 2, "\(command): \(result.status) \(result.stderr)")
        #expect(
            result.stderr.contains("cannot write to standard output: No space left on device"),
            "\(command): \(result.stderr)")
    }

    @Test func aReaderThatLeavesEarlyEndsItQuietly() async throws {
        let dir = try BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let dump = dir.appendingPathComponent("many.json").path
        let made = try await BinaryRunner.run(["generate", "--count", "3000", "--seed", "7", "--out", dump])
        #expect(made.status == 0, "\(made.stderr)")
        // dash has no PIPESTATUS: the program's status goes through a file.
        let status = dir.appendingPathComponent("status").path
        let result = try await BinaryRunner.shell(
            "{ \"$BIN\" print '\(dump)'; echo $? > '\(status)'; } | head -n 2 >/dev/null; cat '\(status)'")
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
    }
}
