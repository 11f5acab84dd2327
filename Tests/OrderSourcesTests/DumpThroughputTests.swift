import Foundation
import OrderModel
import Testing

@testable import OrderSources

/// Prints indexing throughput; asserts only correctness, never timing. 5 MB by default, ~100 MB
/// with `ORDERSCOPE_BENCH=1` (run it in a release build for a meaningful figure).
@Suite("Dump throughput")
struct DumpThroughputTests {
    @Test func indexingThroughput() throws {
        let bench = ProcessInfo.processInfo.environment["ORDERSCOPE_BENCH"] == "1"
        let target = bench ? 100_000_000 : 5_000_000
        let example = try String(contentsOfFile: Fixtures.path("example-order.json"), encoding: .utf8)
        let exampleID = "3c90c3cc-0d44-4b50-8888-8dd25736052a"

        // A mix of pretty-printed full orders and compact ones, as an array.
        var text = "[\n"
        text.reserveCapacity(target + 100_000)
        var count = 0
        while text.utf8.count < target {
            if count > 0 { text += ",\n" }
            count += 1
            if count % 4 == 0 {
                text += example.replacingOccurrences(of: exampleID, with: "bench-\(count)")
            } else {
                text += sampleOrder(count, padding: 200).replacingOccurrences(
                    of: "\"id-\(count)\"", with: "\"bench-\(count)\"")
            }
        }
        text += "\n]\n"
        let dir = try TempDirectory()
        let file = try dir.write("bench.json", text)
        let size = text.utf8.count

        // Best of three opens (the machine is shared; the first open also pays for page faults).
        let wallClock = ContinuousClock()
        var source: DumpSource?
        var elapsed = Duration.seconds(1_000)
        var cpuSeconds = 1_000.0
        for _ in 0..<3 {
            source = nil
            let cpuStart = clock()
            elapsed = min(elapsed, try wallClock.measure { source = try DumpSource.open(paths: [file]) })
            cpuSeconds = min(cpuSeconds, Double(clock() - cpuStart) / Double(CLOCKS_PER_SEC))
        }
        let opened = try #require(source)
        #expect(opened.count == count)
        #expect(opened.summaries.last?.id == "bench-\(count)")
        #expect(opened.problems.isEmpty)

        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let megabytes = Double(size) / 1_000_000
        print(
            "dump index throughput (best of 3): \(String(format: "%.1f", megabytes)) MB, \(count) orders in "
                + "\(String(format: "%.3f", seconds)) s = \(String(format: "%.0f", megabytes / seconds)) MB/s wall; "
                + "\(String(format: "%.3f", cpuSeconds)) s CPU = \(String(format: "%.0f", megabytes / cpuSeconds)) MB/s"
        )
    }
}
