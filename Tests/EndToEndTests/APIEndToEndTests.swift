import Foundation
import TestTiming
import Testing

/// `mock-api`, `browse --api` and `fetch` as real processes talking HTTP on 127.0.0.1.
extension EndToEnd {
    @Suite("API end to end", .serialized)
    struct APIEndToEndTests {
        static let secret = "s3cr3t-value-never-shown"

        /// Starts `orderscope mock-api` on a free port and waits until it accepts connections.
        static func startMock(dump: String = "Resources/sample-orders.json", extra: [String] = [], port: Int? = nil) throws
            -> (Process, String)
        {
            // Below Linux's ephemeral range (32768–60999): an outgoing connection of another test can
            // hold a port in it, and the mock then fails to bind.
            let port = port ?? Int.random(in: 20_000...30_000)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: BinaryRunner.binary)
            process.arguments = ["mock-api", "--dump", dump, "--port", "\(port)",
                                 "--client-secret", secret] + extra
            process.currentDirectoryURL = BinaryRunner.packageRoot
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(TestTime.seconds(10))
            while Date() < deadline {
                let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
                var address = sockaddr_in()
                address.sin_family = sa_family_t(AF_INET)
                address.sin_port = in_port_t(UInt16(port).bigEndian)
                address.sin_addr.s_addr = inet_addr("127.0.0.1")
                let connected = withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
                }
                close(fd)
                if connected == 0 { return (process, "http://127.0.0.1:\(port)") }
                usleep(50_000)
            }
            process.stop()
            throw CocoaError(.fileReadUnknown)
        }

        static var credentials: [String: String] {
            ["DINTERO_ACCOUNT_ID": "T12345678", "DINTERO_CLIENT_ID": "mock-client-id", "DINTERO_CLIENT_SECRET": secret,
             "XDG_CONFIG_HOME": "/nonexistent"]
        }

        @Test func browseAPIShowsTheTestBadgeAndTheOrders() throws {
            let (mock, base) = try Self.startMock()
            defer { mock.stop() }
            let result = try BinaryRunner.run(
                ["browse", "--api", "--api-base", base, "--screen-dump", "120x30", "--keys", "j Enter"],
                environment: Self.credentials)
            #expect(result.status == 0, "stderr: \(result.stderr)")
            #expect(result.stdout.contains(" TEST "))
            // The title says the environment once, in the badge.
            let title = result.stdout.split(separator: "\n").first ?? ""
            #expect(title.contains(" TEST  Dintero T12345678") && !title.contains("(TEST)"), "title: \(title)")
            #expect(result.stdout.contains("Åsa Lindström"))
            #expect(result.stdout.contains("─ SO-100002"))
            #expect(!result.stdout.contains(Self.secret) && !result.stderr.contains(Self.secret))
        }

        @Test func fetchSavesADumpThatPrintReads() throws {
            let (mock, base) = try Self.startMock(extra: ["--fail-500", "1"])
            defer { mock.stop() }
            let dir = try BinaryRunner.temporaryDirectory()
            let out = dir.appendingPathComponent("orders.json.gz").path
            let fetch = try BinaryRunner.run(["fetch", "--api-base", base, "--out", out], environment: Self.credentials)
            #expect(fetch.status == 0, "stderr: \(fetch.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["orders.json.gz"])
            let fromDump = try BinaryRunner.run(["print", out])
            let original = try BinaryRunner.run(["print", "Resources/sample-orders.json"])
            #expect(fromDump.status == 0)
            #expect(Set(fromDump.stdout.split(separator: "\n")) == Set(original.stdout.split(separator: "\n")))
            #expect(!fetch.stdout.contains(Self.secret) && !fetch.stderr.contains(Self.secret))
        }

        @Test func wrongSecretFailsWithoutShowingItOrLeavingAFile() throws {
            let (mock, base) = try Self.startMock()
            defer { mock.stop() }
            let dir = try BinaryRunner.temporaryDirectory()
            var environment = Self.credentials
            environment["DINTERO_CLIENT_SECRET"] = "wrong-secret-also-hidden"
            let fetch = try BinaryRunner.run(
                ["fetch", "--api-base", base, "--out", dir.appendingPathComponent("x.json").path], environment: environment)
            #expect(fetch.status == 2)
            #expect(!fetch.stderr.isEmpty)
            #expect(!fetch.stderr.contains("wrong-secret-also-hidden") && !fetch.stdout.contains("wrong-secret-also-hidden"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
        }

        @Test(.enabled(if: TmuxSession.isAvailable))
        func browseAPIInTmuxScrollsPastTheFirstPageOpensAnOrderAndQuits() throws {
            let (mock, base) = try Self.startMock(dump: "Resources/demo-orders.json", extra: ["--latency", "50"])
            defer { mock.stop() }
            let dir = try BinaryRunner.temporaryDirectory()
            let command = "stty -a > '\(dir.path)/before'; '\(BinaryRunner.binary)' browse --api --api-base \(base); code=$?; "
                + "stty -a > '\(dir.path)/after'; if cmp -s '\(dir.path)/before' '\(dir.path)/after'; "
                + "then echo \"TTY-SAME code=$code\"; else echo \"TTY-CHANGED code=$code\"; fi"
            let session = try TmuxSession(command: command, width: 120, height: 40, environment: Self.credentials)
            defer { session.close() }
            try session.waitFor("the first page") { $0.contains("100 orders, more available") && $0.contains(" TEST ") }
            try session.send("G")
            try session.waitFor("the second page after scrolling to the end") { $0.contains("200 orders") }
            try session.send("Enter")
            try session.waitFor("the order detail") { $0.contains("Summary") && $0.contains("Gross") }
            try session.send("q")
            let end = try session.waitForText("TTY-")
            #expect(end.contains("TTY-SAME code=0"), "screen: \(end)")
        }
    }
}
