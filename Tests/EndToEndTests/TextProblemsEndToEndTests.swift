import Foundation
import Testing

/// Issue 22, item 15: raw control characters and invalid UTF-8 inside strings are load problems
/// in `export` and in the browser's problems box too, as in `check` and `print --order`.
extension EndToEnd {
    @Suite("text problems in export and browse")
    struct TextProblemsEndToEndTests {
        static func dump() throws -> URL {
            let directory = try BinaryRunner.temporaryDirectory()
            let file = directory.appendingPathComponent("text.json")
            let bytes: [UInt8] =
                Array("[\n{\"id\": \"a\", \"status\": \"open\", \"comment\": \"x\ty\"},\n".utf8)
                + Array("{\"id\": \"b\", \"status\": \"open\", \"comment\": \"".utf8) + [0xFF]
                + Array("\"}\n]\n".utf8)
            try Data(bytes).write(to: file)
            return file
        }

        @Test(arguments: ["csv", "ndjson"])
        func exportReportsThemAndExitsOne(format: String) async throws {
            let file = try Self.dump()
            let out = file.deletingLastPathComponent().appendingPathComponent("out.\(format)").path
            let result = try await BinaryRunner.run(["export", file.path, "--out", out])
            #expect(result.status == 1, "stderr: \(result.stderr)")
            #expect(
                result.stderr.contains(
                    "text.json:2:44: order a: raw control character U+0009 inside a string"))
            #expect(
                result.stderr.contains("text.json:3:43: order b: invalid UTF-8 byte 0xFF inside a string"))
            #expect(result.stderr.contains("exported 2 orders"))
        }

        @Test func theBrowsersProblemsBoxListsThem() async throws {
            let file = try Self.dump()
            let result = try await BinaryRunner.run([
                "browse", file.path, "--screen-dump", "160x30", "--keys", "P",
            ])
            #expect(result.stdout.contains("2 load problems"), "\(result.stdout)")
            #expect(result.stdout.contains("order a: raw control character U+0009 inside a string"))
            #expect(result.stdout.contains("order b: invalid UTF-8 byte 0xFF inside a string"))
        }
    }
}
