import Foundation
import TestTiming
import Testing

/// `fetch` interrupted with Ctrl-C (SIGINT) keeps its pages beside the target, never under
/// the target's name, and `fetch --resume` finishes the dump with every order once.
extension EndToEnd.APIEndToEndTests {
    @Test func ctrlCKeepsProgressAndResumeFinishesTheDump() async throws {
        let dump = "Resources/demo-orders.json"
        let (mock, base) = try await Self.startMock(dump: dump, extra: ["--latency", "100"])
        defer { mock.stop() }
        let dir = try BinaryRunner.temporaryDirectory()
        let out = dir.appendingPathComponent("orders.json").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BinaryRunner.binary)
        process.arguments = ["fetch", "--api-base", base, "--limit", "10", "--out", out]
        process.currentDirectoryURL = BinaryRunner.packageRoot
        process.environment = ProcessInfo.processInfo.environment.merging(Self.credentials) { $1 }
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Wait until a few pages are saved (30 pages of 10 at 100 ms each take over 3 s). The
        // deadline is only a hang guard, so a generous minute: interrupted before its first page
        // (a debug binary on a loaded machine can take that long to start), the fetch leaves no
        // progress file and the checks below fail for the machine, not the code.
        let progress = out + ".progress.json"
        let deadline = Date().addingTimeInterval(TestTime.seconds(60))
        while Date() < deadline {
            if let data = FileManager.default.contents(atPath: progress),
                let state = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                (state["saved"] as? Int ?? 0) >= 30
            {
                break
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        kill(process.processIdentifier, SIGINT)
        let stderr = String(decoding: await BinaryRunner.readToEnd(err.fileHandleForReading), as: UTF8.self)
        let status = await process.exitStatus()
        #expect(status == 130, "stderr: \(stderr)")
        #expect(stderr.contains("interrupted") && stderr.contains("--resume"), "stderr: \(stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(FileManager.default.fileExists(atPath: progress))
        let resumed = try await BinaryRunner.run(
            ["fetch", "--api-base", base, "--limit", "10", "--out", out, "--resume"],
            environment: Self.credentials)
        #expect(resumed.status == 0, "stderr: \(resumed.stderr)")
        #expect(
            try Self.orderIDs(out)
                == Self.orderIDs(BinaryRunner.packageRoot.appendingPathComponent(dump).path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["orders.json"])
    }
}
