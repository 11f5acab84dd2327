import Foundation
import TestTiming
import Testing

/// `mock-api`, `browse --api` and `fetch` as real processes talking HTTP on 127.0.0.1.
extension EndToEnd {
    @Suite("API end to end")
    struct APIEndToEndTests {
        static let secret = "s3cr3t-value-never-shown"

        /// Starts `orderscope mock-api` and returns it with its base URL, read from what it prints
        /// once it is listening. Port 0 by default: the kernel picks a free port, so mocks of tests
        /// running at the same time (here or in another checkout on the machine) never meet.
        static func startMock(
            dump: String = "Resources/sample-orders.json", extra: [String] = [], port: Int = 0
        )
            async throws -> (Process, String)
        {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: BinaryRunner.binary)
            process.arguments =
                ["mock-api", "--dump", dump, "--port", "\(port)", "--client-secret", secret] + extra
            process.currentDirectoryURL = BinaryRunner.packageRoot
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let reader = UncheckedBox(out.fileHandleForReading)
            let base = await OffPool.run { () -> String? in
                var text = ""
                while true {
                    let chunk = reader.value.availableData
                    if chunk.isEmpty { return nil }  // it ended before it listened
                    text += String(decoding: chunk, as: UTF8.self)
                    guard text.contains("Ctrl-C stops"),
                        let line = text.split(separator: "\n").first(where: { $0.hasPrefix("base URL: ") })
                    else { continue }
                    // Whatever it prints later is read and dropped, so it can never block on a full pipe.
                    Thread { while !reader.value.availableData.isEmpty {} }.start()
                    return String(line.dropFirst("base URL: ".count))
                }
            }
            guard let base else {
                process.stop()
                throw CocoaError(.fileReadUnknown)
            }
            return (process, base)
        }

        static var credentials: [String: String] {
            [
                "DINTERO_ACCOUNT_ID": "T12345678", "DINTERO_CLIENT_ID": "mock-client-id",
                "DINTERO_CLIENT_SECRET": secret,
                "XDG_CONFIG_HOME": "/nonexistent",
            ]
        }

        @Test func browseAPIShowsTheTestBadgeAndTheOrders() async throws {
            let (mock, base) = try await Self.startMock()
            defer { mock.stop() }
            let result = try await BinaryRunner.run(
                ["browse", "--api", "--api-base", base, "--screen-dump", "120x30", "--keys", "j Enter"],
                environment: Self.credentials)
            #expect(result.status == 0, "stderr: \(result.stderr)")
            #expect(result.stdout.contains(" TEST "))
            // The title says the environment once, in the badge.
            let title = result.stdout.split(separator: "\n").first ?? ""
            #expect(
                title.contains(" TEST  Dintero T12345678") && !title.contains("(TEST)"), "title: \(title)")
            #expect(result.stdout.contains("Åsa Lindström"))
            #expect(result.stdout.contains("─ SO-100002"))
            #expect(!result.stdout.contains(Self.secret) && !result.stderr.contains(Self.secret))
        }

        @Test func fetchSavesADumpThatPrintReads() async throws {
            let (mock, base) = try await Self.startMock(extra: ["--fail-500", "1"])
            defer { mock.stop() }
            let dir = try BinaryRunner.temporaryDirectory()
            let out = dir.appendingPathComponent("orders.json.gz").path
            let fetch = try await BinaryRunner.run(
                ["fetch", "--api-base", base, "--out", out], environment: Self.credentials)
            #expect(fetch.status == 0, "stderr: \(fetch.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["orders.json.gz"])
            let fromDump = try await BinaryRunner.run(["print", out])
            let original = try await BinaryRunner.run(["print", "Resources/sample-orders.json"])
            #expect(fromDump.status == 0)
            #expect(
                Set(fromDump.stdout.split(separator: "\n")) == Set(original.stdout.split(separator: "\n")))
            #expect(!fetch.stdout.contains(Self.secret) && !fetch.stderr.contains(Self.secret))
        }

        @Test func wrongSecretFailsWithoutShowingItOrLeavingAFile() async throws {
            let (mock, base) = try await Self.startMock()
            defer { mock.stop() }
            let dir = try BinaryRunner.temporaryDirectory()
            var environment = Self.credentials
            environment["DINTERO_CLIENT_SECRET"] = "wrong-secret-also-hidden"
            let fetch = try await BinaryRunner.run(
                ["fetch", "--api-base", base, "--out", dir.appendingPathComponent("x.json").path],
                environment: environment)
            #expect(fetch.status == 2)
            #expect(!fetch.stderr.isEmpty)
            #expect(
                !fetch.stderr.contains("wrong-secret-also-hidden")
                    && !fetch.stdout.contains("wrong-secret-also-hidden"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
        }

        @Test(.enabled(if: TmuxSession.isAvailable))
        func browseAPIInTmuxScrollsPastTheFirstPageOpensAnOrderAndQuits() async throws {
            let (mock, base) = try await Self.startMock(
                dump: "Resources/demo-orders.json", extra: ["--latency", "50"])
            defer { mock.stop() }
            let dir = try BinaryRunner.temporaryDirectory()
            let command =
                "stty -a > '\(dir.path)/before'; '\(BinaryRunner.binary)' browse --api --api-base \(base); code=$?; "
                + "stty -a > '\(dir.path)/after'; if cmp -s '\(dir.path)/before' '\(dir.path)/after'; "
                + "then echo \"TTY-SAME code=$code\"; else echo \"TTY-CHANGED code=$code\"; fi"
            let session = try await TmuxSession(
                command: command, width: 120, height: 40, environment: Self.credentials)
            defer { session.close() }
            try await session.waitFor("the first page") {
                $0.contains("100 orders, more available") && $0.contains(" TEST ")
            }
            try await session.send("G")
            try await session.waitFor("the second page after scrolling to the end") {
                $0.contains("200 orders")
            }
            try await session.send("Enter")
            try await session.waitFor("the order detail") { $0.contains("Summary") && $0.contains("Gross") }
            try await session.send("q")
            let end = try await session.waitForText("TTY-")
            #expect(end.contains("TTY-SAME code=0"), "screen: \(end)")
        }
    }
}
