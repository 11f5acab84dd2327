import Foundation
import TestTiming
import Testing

/// Network faults against `orderscope mock-api`: each one shows a clear status in
/// `browse --api`, `R` recovers once the fault has cleared, and the list ends with every order
/// of the mock's dataset exactly once; `fetch` interrupted by a fault or by SIGINT leaves
/// nothing under the final name and a re-run completes.
extension EndToEnd {
    @Suite("faults end to end", .enabled(if: TmuxSession.isAvailable))
    struct FaultEndToEndTests {
        static let dump = "Resources/demo-orders.json"

        /// The ids and order numbers of the mock's dataset, in list order.
        static func dataset() throws -> [(id: String, number: String)] {
            let data = try Data(contentsOf: BinaryRunner.packageRoot.appendingPathComponent(dump))
            let orders = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] ?? []
            return orders.map { ($0["id"] as? String ?? "", $0["order_number"] as? String ?? "") }
        }

        /// The client's `--timeout` in seconds where the mock stalls answers: 2 at normal speed (a
        /// stalled answer fails fast), scaled like every wait, since under a sanitizer a loaded mock
        /// can take longer to answer. Only the stall test uses it: there a good answer that a loaded
        /// machine delays past it is one more failure that `R` retries.
        static let stallTimeout = "\(Int(TestTime.seconds(2)))"

        /// The client's `--timeout` in seconds everywhere else, where every answer must arrive: a
        /// hang guard (a minute, scaled, within the option's 600), never the thing measured. At 2 s
        /// a loaded machine can time out a good answer, and in `fetch` the retry shifts which
        /// request meets the mock's counted faults (page 1 then fails instead of being kept).
        static let timeout = "\(min(Int(TestTime.seconds(60)), 600))"

        /// A port nobody listens on: the kernel picks one that is free, and it is released at once
        /// for the mock the test starts on it later. (A random pick could meet the mock of a test
        /// running at the same time, or of another checkout on the machine.)
        static func freePort() throws -> Int {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                    bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
                }
            }
            guard bound else { throw CocoaError(.fileWriteUnknown) }
            return Int(UInt16(bigEndian: address.sin_port))
        }

        /// Opens `browse --api` in tmux (under dash, `stty -a` compared around it).
        static func browse(base: String, dir: URL, timeout: String = timeout) async throws -> TmuxSession {
            let command = BrowseEndToEndTests.wrapped(
                "browse --api --api-base \(base) --timeout \(timeout)", marker: dir)
            return try await TmuxSession(
                command: command, width: 120, height: 40, environment: APIEndToEndTests.credentials)
        }

        /// Scrolls to the end of the list until every page has loaded, pressing `R` whenever a load
        /// failed; returns the statuses seen (the fault's message among them).
        static func loadEverything(_ session: TmuxSession, expected count: Int) async throws -> [String] {
            var errors: [String] = []
            for _ in 0..<40 {
                try await session.send("G")
                // Settled: nothing loading any more (a page or the selected order), or a failure.
                let screen = try await session.waitFor("a page to load or fail", timeout: 60) {
                    $0.contains("✗") || !$0.contains("loading")
                }
                if let line = screen.components(separatedBy: "\n").first(where: { $0.contains("✗") }) {
                    errors.append(line)
                    try await session.send("R")
                    // Every retry takes seconds (Retry-After, backoff, timeouts) and shows as loading,
                    // but a fast one can fail again between two looks at the screen: the wait is a
                    // courtesy, and the next turn of the loop sees whichever state it left.
                    let deadline = Date().addingTimeInterval(TestTime.seconds(10))
                    while Date() < deadline {
                        let now = try await session.screen()
                        if now.contains("loading") || !now.contains("✗") { break }
                        try await Task.sleep(for: .milliseconds(50))
                    }
                    continue
                }
                if screen.contains("\(count) orders") && !screen.contains("more available") { return errors }
            }
            Issue.record("the list never finished loading:\n\(try await session.screen())")
            return errors
        }

        /// The fault, the mock flags that inject it after the first page, and what its status says.
        @Test(arguments: [
            ("429", ["--fail-429", "12"], "429"),
            ("500", ["--fail-500", "12"], "500"),
            ("truncated", ["--truncate", "12"], "✗"),
            ("stalled", ["--stall", "12"], "✗"),
        ])
        func faultShowsAStatusAndRRecoversWithNoOrderLostOrRepeated(
            fault: String, flags: [String], says: String
        ) async throws {
            let data = try Self.dataset()
            let (mock, base) = try await APIEndToEndTests.startMock(
                dump: Self.dump, extra: ["--faults-after", "1"] + flags)
            defer { mock.stop() }
            let dir = try BinaryRunner.temporaryDirectory()
            let session = try await Self.browse(
                base: base, dir: dir, timeout: fault == "stalled" ? Self.stallTimeout : Self.timeout)
            defer { session.close() }
            try await session.waitFor("the first page") { $0.contains("100 orders, more available") }
            let errors = try await Self.loadEverything(session, expected: data.count)
            #expect(!errors.isEmpty, "the \(fault) fault never showed")
            #expect(errors.contains { $0.contains(says) }, "statuses seen: \(errors)")
            // Settled: the status bar's count alone does not vouch for the rows below it.
            let end = try await session.waitFor("the loaded list", settled: true) {
                $0.contains("\(data.count) orders")
            }
            #expect(
                end.contains("\(data.count) orders"), "the list should hold the dataset exactly once:\n\(end)"
            )
            #expect(
                end.contains(data.last?.number ?? "?"), "the last order of the dataset is missing:\n\(end)")
            try await session.send("q")
            let tty = try await session.waitForText("TTY-")
            #expect(tty.contains("TTY-SAME code=0"), "screen: \(tty)")
        }

        /// `fetch` waits out a rate limit: six 429s in a row (Retry-After 1 s) are more than its
        /// four tries, and every order is still saved (issue 22, item 15).
        @Test func fetchWaitsOutARateLimit() async throws {
            let (mock, base) = try await APIEndToEndTests.startMock(extra: [
                "--faults-after", "1", "--fail-429", "6",
            ])
            defer { mock.stop() }
            let out = try BinaryRunner.temporaryDirectory().appendingPathComponent("orders.json").path
            let result = try await BinaryRunner.run(
                ["fetch", "--api-base", base, "--out", out], environment: APIEndToEndTests.credentials)
            #expect(result.status == 0, "stderr: \(result.stderr)")
            #expect(result.stderr.contains("saved 6 orders"), "stderr: \(result.stderr)")
        }

        @Test func latencyAndTokenExpiryLoadEveryPageWithoutAnError() async throws {
            let data = try Self.dataset()
            let (mock, base) = try await APIEndToEndTests.startMock(
                dump: Self.dump, extra: ["--latency", "300", "--token-ttl", "2"])
            defer { mock.stop() }
            let dir = try BinaryRunner.temporaryDirectory()
            let started = ContinuousClock.now
            let session = try await Self.browse(base: base, dir: dir)
            defer { session.close() }
            try await session.waitFor("the first page") { $0.contains("100 orders, more available") }
            // Outlive the token, which lives 2 s from a request made after `started`: the next page
            // needs a new one. The time spent loading the first page already counts.
            try await Task.sleep(until: started + .milliseconds(2_500), clock: .continuous)
            let errors = try await Self.loadEverything(session, expected: data.count)
            #expect(errors.isEmpty, "statuses seen: \(errors)")
            try await session.send("q")
            let tty = try await session.waitForText("TTY-")
            #expect(tty.contains("TTY-SAME code=0"), "screen: \(tty)")
        }

        @Test func connectionRefusedShowsAStatusAndRRecoversOnceTheServerIsUp() async throws {
            let data = try Self.dataset()
            let port = try Self.freePort()
            let dir = try BinaryRunner.temporaryDirectory()
            let session = try await Self.browse(base: "http://127.0.0.1:\(port)", dir: dir)
            defer { session.close() }
            let refused = try await session.waitFor("the connection error", settled: true) {
                $0.contains("✗")
            }
            #expect(
                refused.lowercased().contains("connect") || refused.lowercased().contains("refused"),
                "screen: \(refused)")
            let (mock, _) = try await APIEndToEndTests.startMock(dump: Self.dump, port: port)
            defer { mock.stop() }
            try await session.send("R")
            try await session.waitFor("the first page after the retry", timeout: 60) {
                $0.contains("100 orders, more available")
            }
            let errors = try await Self.loadEverything(session, expected: data.count)
            #expect(errors.isEmpty, "statuses seen: \(errors)")
            try await session.send("q")
            let tty = try await session.waitForText("TTY-")
            #expect(tty.contains("TTY-SAME code=0"), "screen: \(tty)")
        }

        /// The ids in a fetched dump, in file order.
        static func ids(inDump path: String) throws -> [String] {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let orders = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] ?? []
            return orders.map { $0["id"] as? String ?? "" }
        }

        @Test func fetchFailedByAFaultKeepsItsPagesAndResumeCompletes() async throws {
            let data = try Self.dataset()
            // Page 1 and its orders (at most 11 requests) load, then 500s outlast the four tries
            // of each of the 8 requests in flight.
            let (mock, base) = try await APIEndToEndTests.startMock(
                dump: Self.dump, extra: ["--faults-after", "11", "--fail-500", "40"])
            let dir = try BinaryRunner.temporaryDirectory()
            let out = dir.appendingPathComponent("orders.json").path
            let fetch = [
                "fetch", "--api-base", base, "--out", out, "--limit", "10", "--timeout", Self.timeout,
            ]
            let failed: BinaryRunner.Result
            do {
                failed = try await BinaryRunner.run(fetch, environment: APIEndToEndTests.credentials)
            } catch {
                mock.stop()
                throw error
            }
            #expect(failed.status != 0)
            #expect(
                failed.stderr.contains("500") && failed.stderr.contains("--resume"),
                "stderr: \(failed.stderr)")
            // Nothing under the dump's name; page 1 kept beside it.
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
                    == ["orders.json.progress.json", "orders.json.progress.ndjson"])
            // The fault outlasted the retries; the server is well again (a new mock, the same data).
            mock.stop()
            let (healthy, healthyBase) = try await APIEndToEndTests.startMock(dump: Self.dump)
            defer { healthy.stop() }
            let resume = ["fetch", "--api-base", healthyBase, "--out", out, "--limit", "10", "--resume"]
            let again = try await BinaryRunner.run(resume, environment: APIEndToEndTests.credentials)
            #expect(again.status == 0, "stderr: \(again.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["orders.json"])
            #expect(try Self.ids(inDump: out) == data.map(\.id))
        }

        /// Ctrl-C, `kill` and a closed terminal stop a fetch alike (issue 22, item 6: TERM and HUP
        /// left `OUT.partial-XXXXXX` behind).
        @Test(arguments: [(SIGINT, "INT"), (SIGTERM, "TERM"), (SIGHUP, "HUP")])
        func fetchStoppedBySignalLeavesNothingUnderItsNameAndARerunCompletes(signal: Int32, name: String)
            async throws
        {
            let data = try Self.dataset()
            let (slow, slowBase) = try await APIEndToEndTests.startMock(
                dump: Self.dump, extra: ["--latency", "100"])
            defer { slow.stop() }
            let dir = try BinaryRunner.temporaryDirectory()
            let out = dir.appendingPathComponent("orders.json.gz").path
            let process = Process()
            process.executableURL = URL(fileURLWithPath: BinaryRunner.binary)
            process.arguments = ["fetch", "--api-base", slowBase, "--out", out]
            var environment = ProcessInfo.processInfo.environment
            for (key, value) in APIEndToEndTests.credentials { environment[key] = value }
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            let errorPath = dir.appendingPathComponent("stderr.txt").path
            _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
            let errorFile = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
            process.standardError = errorFile
            process.standardInput = FileHandle.nullDevice
            try process.run()
            try errorFile.close()
            defer { unlink(errorPath) }
            // Interrupt once the partial file exists: the fetch is under way.
            let deadline = Date().addingTimeInterval(TestTime.seconds(30))
            func written() -> [String] {
                ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter {
                    $0 != "stderr.txt"
                }
            }
            while Date() < deadline, written().isEmpty { try await Task.sleep(for: .milliseconds(50)) }
            #expect(process.isRunning, "the fetch finished before it could be interrupted")
            kill(process.processIdentifier, signal)
            let status = await process.exitStatus()
            let stderr = BinaryRunner.readText(errorPath)
            #expect(status == 128 + signal, "\(name) stderr: \(stderr)")
            #expect(
                stderr.contains("interrupted") && stderr.contains("nothing was written"), "stderr: \(stderr)")
            // Only whole pages, beside the target (none when the first had not arrived yet).
            #expect(
                written().allSatisfy { $0.hasPrefix("orders.json.gz.progress.") }, "left behind: \(written())"
            )
            unlink(errorPath)

            let (mock, base) = try await APIEndToEndTests.startMock(dump: Self.dump)
            defer { mock.stop() }
            let resume = written().isEmpty ? [] : ["--resume"]
            let again = try await BinaryRunner.run(
                ["fetch", "--api-base", base, "--out", out] + resume,
                environment: APIEndToEndTests.credentials)
            #expect(again.status == 0, "stderr: \(again.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["orders.json.gz"])
            let printed = try await BinaryRunner.run(["print", out])
            #expect(printed.status == 0)
            #expect(printed.stdout.split(separator: "\n").count == data.count + 1)
        }
    }
}
