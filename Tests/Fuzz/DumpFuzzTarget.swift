import JSONCore
import OrderAnalysis
import OrderViewModel
import TerminalCore

@testable import OrderIndex
@testable import OrderModel
@testable import OrderSources

// libFuzzer entry point over the dump reader and the order decoder (see run.sh).
//
// One input is treated as the bytes of a dump file: inflated when it carries the gzip magic,
// indexed by DumpIndexer/DumpScanner exactly as DumpSource does for a mapped file, then every
// order found (up to a few) is parsed, decoded, analysed and turned into its detail screens,
// drill-down screens, raw JSON lines and sanitized text, which is what `browse` and `print` do
// with an order. The whole input is also given to the JSON parser on its own, since orders from
// the API reach it without going through the scanner.
#if canImport(Glibc)
    import Glibc
#endif

/// Where gzip inputs are written (tmpfs when there is one), one file per fuzzing process.
private let scratchPath: String = {
    let directory = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
    return "\(directory)/orderscope-fuzz-\(getpid()).gz"
}()

/// At most this many orders of one input go through the (slower) full decode.
private let ordersPerInput = 4

@_cdecl("LLVMFuzzerTestOneInput")
public func orderScopeFuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let input = UnsafeRawBufferPointer(start: data, count: size)
    if GzipInflater.isGzip(input) {
        // The inflater's result cannot be taken apart outside its module: go through a file,
        // as a real `.gz` dump does (only inputs with the gzip magic pay for it).
        let path = scratchPath
        guard let file = fopen(path, "wb") else { return 0 }
        fwrite(data, 1, size, file)
        fclose(file)
        if let loaded = try? DumpFile.load(path: path) { exerciseDump(loaded.region.bytes) }
        unlink(path)
    } else {
        exerciseDump(input)
    }
    if let value = try? JSONParser.parse(input) {
        exerciseOrder(Order(json: value), json: value)
    }
    compareTapeWithParser(input)
    return 0
}

/// The whole-dump passes decode orders from a `JSONTape` (issue 19): it must refuse what the
/// parser refuses, with the same reason and offset, and read the rest with the same text issues,
/// decode issues and anomalies. (Values are not compared with `==`: it recurses, and inputs
/// nest thousands deep.)
private func compareTapeWithParser(_ input: UnsafeRawBufferPointer) {
    var treeIssues = JSONTextIssues()
    var tapeIssues = JSONTextIssues()
    let tree = Result { () throws(JSONParseError) in try JSONParser.parse(input, textIssues: &treeIssues) }
    let tape = Result { () throws(JSONParseError) in try JSONTape(input, textIssues: &tapeIssues) }
    switch (tree, tape) {
    case (.success(let value), .success(let tape)):
        precondition(treeIssues == tapeIssues, "the tape's text issues differ from the parser's")
        let whole = Order(json: value)
        let checked = Order(tape: tape, forChecks: true)
        precondition(checked.decodeIssues == whole.decodeIssues, "the tape's decode issues differ")
        precondition(
            AnomalyChecker.check(checked) == AnomalyChecker.check(whole), "the tape's anomalies differ")
    case (.failure(let treeError), .failure(let tapeError)):
        precondition(
            treeError.reason == tapeError.reason && treeError.offset == tapeError.offset,
            "the tape fails differently: \(tapeError.reason) against \(treeError.reason)")
    default:
        preconditionFailure("the tape and the parser disagree on whether the input is JSON")
    }
}

private func exerciseDump(_ bytes: UnsafeRawBufferPointer) {
    guard let raw = bytes.baseAddress else { return }
    let base = raw.assumingMemoryBound(to: UInt8.self)
    // Both ways the index reads a dump: one thread, and the two-thread split (forced on even for
    // tiny inputs) that must agree with it.
    for split in [false, true] {
        var scanned: [ScannedOrder] = []
        var indexer = DumpIndexer(bytes: bytes, path: "fuzz.json") { batch in
            if scanned.count < ordersPerInput { scanned += batch.prefix(ordersPerInput - scanned.count) }
        }
        indexer.splitMinimum = split ? 1 : Int.max
        guard let result = try? indexer.run() else { continue }
        for problem in result.problems {
            sink(Sanitizer.sanitize(problem.description))
        }
        for order in scanned {
            precondition(
                order.start >= 0 && order.start < order.end && order.end <= bytes.count,
                "order range \(order.start)..<\(order.end) outside \(bytes.count) bytes")
            var record = SummaryRecord()
            order.candidate.fill(&record, base: base) { "#" }
            sink(Sanitizer.sanitize(record.string(of: .id)))
            if split { continue }  // the orders themselves are exercised once
            let slice = UnsafeRawBufferPointer(rebasing: bytes[order.start..<order.end])
            guard let value = try? JSONParser.parse(slice) else { continue }
            exerciseOrder(Order(json: value), json: value)
        }
    }
}

private func exerciseOrder(_ order: Order, json: JSONValue) {
    let summary = OrderSummary(order: order)
    sink(Sanitizer.sanitize(summary.id))
    let analysis = LoadedOrder(order: order)
    var targets: [DrillTarget] = []
    for section in analysis.root.sections {
        sink(Sanitizer.sanitize(section.title))
        for row in section.rows {
            sink(Sanitizer.sanitize(row.label))
            for line in Sanitizer.sanitizeLines(row.value) { sink(line) }
            if let target = row.target { targets.append(target) }
            if let path = row.jsonPath, let node = RawJSON.node(at: path, in: json) {
                for line in RawJSON.lines(node).prefix(64) { sink(Sanitizer.sanitize(line)) }
            }
        }
    }
    for target in targets.prefix(16) {
        guard let screen = OrderScreens.screen(target, in: order) else { continue }
        for section in screen.sections { for row in section.rows { sink(Sanitizer.sanitize(row.value)) } }
    }
    for row in analysis.timeline.rows() { sink(Sanitizer.sanitize(row.value)) }
    for section in OrderScreens.fullReport(order) { sink(section.title) }
}

/// Keeps the optimiser from dropping work whose result is unused.
@inline(never)
private func sink(_ text: String) {
    withExtendedLifetime(text) {}
}
