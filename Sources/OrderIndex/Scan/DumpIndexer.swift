import Foundation
import OrderModel

/// Reads one dump's bytes into a list of order ranges and summaries plus the problems survived.
///
/// The bytes are a sequence of JSON values separated by whitespace, which covers a single order,
/// an array, a list page, NDJSON and any concatenation of those. A broken line in NDJSON is
/// skipped and reading resumes on the next line; any other break keeps the orders before it.
package struct DumpIndexer {
    package struct Result {
        /// The number of orders handed to `sink`.
        package var orderCount: Int
        package var problems: [SourceProblem]
        /// Top-level values scanned in two halves at once (whose second half was used).
        package var splitScans = 0
    }

    /// Individual bad NDJSON lines reported before they are only counted.
    package static let maxReportedLines = 20

    let bytes: UnsafeRawBufferPointer
    let path: String
    /// Receives the orders found, in file order and in batches, while the scan runs.
    package var sink: ([ScannedOrder]) -> Void
    /// Top-level arrays at least this big are scanned on two threads.
    package var splitMinimum = DumpIndexer.splitMinimum
    /// Finds each order's bounds without reading what is inside its members
    /// (`DumpScanner.boundariesOnly`): for a pass that decodes every order anyway (`check`'s
    /// stream). The orders and problems are the full scan's as long as every order's bytes parse;
    /// the candidates hold the order's own members only (its id, not its list columns), so the
    /// sink must not build summaries from them.
    package var boundariesOnly = false
    /// Asked after each batch in `boundariesOnly` mode: true ends the scan there, its result
    /// then meaningless (a caller that found an order whose bytes do not parse and scans again).
    package var shouldStop: (() -> Bool)?
    /// For a sink that makes list rows of the orders: the second half of a split scan builds
    /// them on its own thread as it goes (`SummaryRows` of this file number), and they are
    /// handed to `take` in place of that half's batches, so the thread that finishes is left
    /// with copying rows, not filling them. Not for `boundariesOnly` scans.
    package var secondHalfRows: (file: Int, take: (SummaryRows) -> Void)?

    package init(bytes: UnsafeRawBufferPointer, path: String, sink: @escaping ([ScannedOrder]) -> Void) {
        self.bytes = bytes
        self.path = path
        self.sink = sink
    }

    package func run() throws(SourceError) -> Result {
        guard let raw = bytes.baseAddress, bytes.count > 0 else { throw SourceError.emptyFile(path: path) }
        let base = raw.assumingMemoryBound(to: UInt8.self)
        let n = bytes.count
        var scanner = DumpScanner(base: base, count: n)
        scanner.onBatch = sink
        scanner.boundariesOnly = boundariesOnly
        scanner.shouldStop = shouldStop
        var walk = Walk()
        if n >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { walk.position = 3 }
        if let split = lineSplitPoint(from: walk.position) {
            walkInTwo(&scanner, &walk, split: split)
        }
        self.walk(&scanner, &walk, stop: n)
        var problems = walk.problems
        let badLines = walk.badLines
        let firstFailure = walk.firstFailure
        let topValues = walk.topValues
        let firstTopByte = walk.firstTopByte
        let splitScans = walk.splitScans
        if badLines > Self.maxReportedLines {
            problems.append(
                SourceProblem(
                    file: path,
                    message:
                        "\(badLines - Self.maxReportedLines) more bad lines were skipped (\(badLines) in all)"
                ))
        }

        scanner.flush()
        if scanner.foundCount == 0 {
            if let firstFailure { throw SourceError.malformed(firstFailure) }
            if topValues == 0 { throw SourceError.emptyFile(path: path) }
            throw SourceError.notOrders(
                path: path, found: describe(scanner, topValues: topValues, firstTopByte: firstTopByte))
        }
        // Each value that is not an order, where it is (the first few; then a count).
        var located: (offset: Int, location: TextLocator.Location)?
        for entry in scanner.skipped {
            let location = TextLocator.locate(bytes, offset: entry.offset, after: located)
            located = (entry.offset, location)
            problems.append(
                SourceProblem(
                    file: path, line: location.line, column: location.column,
                    message: entry.kind.isOrder
                        ? "\(entry.kind.singular) was skipped"
                        : "not an order: \(entry.kind.singular); it was skipped",
                    snippet: location.snippet))
        }
        if scanner.skippedCount > scanner.skipped.count {
            let more = scanner.skippedCount - scanner.skipped.count
            problems.append(
                SourceProblem(
                    file: path,
                    message:
                        "\(more) more value\(more == 1 ? "" : "s") that \(more == 1 ? "is" : "are") not orders "
                        + "\(more == 1 ? "was" : "were") skipped (\(scanner.skippedCount) in all)"))
        }
        return Result(orderCount: scanner.foundCount, problems: problems, splitScans: splitScans)
    }

    // MARK: - Two cores

    /// Where reading the top-level values stands: what `walk` carries from one stretch of the
    /// file to the next.
    private struct Walk {
        var problems: [SourceProblem] = []
        var firstFailure: SourceProblem?
        var position = 0
        var topValues = 0
        var firstTopByte: UInt8 = 0
        var lastTop: (start: Int, end: Int)?
        var badLines = 0
        var hint: (offset: Int, location: TextLocator.Location)?
        var splitScans = 0
        var resumeList: [UInt8]?
        var firstValueStart: Int?
        /// A failure ended reading: the rest of the file is not read.
        var stopped = false
    }

    /// Reads top-level values from `walk.position` until the file ends, a failure stops it, or a
    /// value would start at or after `stop` (between values, so a later call goes on from there).
    private func walk(_ scanner: inout DumpScanner, _ walk: inout Walk, stop: Int) {
        guard !walk.stopped, let raw = bytes.baseAddress else { return }
        let base = raw.assumingMemoryBound(to: UInt8.self)
        let n = bytes.count
        var problems = walk.problems
        var firstFailure = walk.firstFailure
        var position = walk.position
        var topValues = walk.topValues
        var firstTopByte = walk.firstTopByte
        var lastTop = walk.lastTop
        var badLines = walk.badLines
        var hint = walk.hint
        var splitScans = walk.splitScans
        var resumeList = walk.resumeList
        var firstValueStart = walk.firstValueStart
        var stopped = false
        defer {
            walk = Walk(
                problems: problems, firstFailure: firstFailure, position: position, topValues: topValues,
                firstTopByte: firstTopByte, lastTop: lastTop, badLines: badLines, hint: hint,
                splitScans: splitScans, resumeList: resumeList, firstValueStart: firstValueStart,
                stopped: stopped)
        }
        while true {
            while position < n,
                base[position] == 0x20 || base[position] == 0x0A || base[position] == 0x0D
                    || base[position] == 0x09
            {
                position += 1
            }
            guard position < n, position < stop else { break }
            let valueStart = position
            if firstValueStart == nil { firstValueStart = valueStart }
            let resuming = resumeList != nil
            do {
                let end: Int
                if let list = resumeList {
                    // Salvage: the rest of a list whose element was damaged.
                    resumeList = nil
                    end = try scanner.scanValue(from: valueStart, resume: list)
                } else {
                    end = try scanTop(&scanner, from: valueStart, splits: &splitScans)
                    if topValues == 0 { firstTopByte = base[valueStart] }
                    topValues += 1
                }
                lastTop = (valueStart, end)
                position = end
            } catch {
                if error.stopped {
                    stopped = true
                    break
                }
                let kept = scanner.foundCount
                let valueLocation = TextLocator.locate(bytes, offset: valueStart, after: hint)
                let startOffset = error.candidateStart ?? valueStart
                let startLocation = TextLocator.locate(
                    bytes, offset: startOffset, after: (valueStart, valueLocation))
                let located = TextLocator.locate(
                    bytes, offset: error.offset, after: (startOffset, startLocation))
                hint = (valueStart, valueLocation)
                let valueLine = valueLocation.line
                if firstFailure == nil {
                    firstFailure = plainProblem(error, located: located, start: startLocation)
                }
                let layout = error.candidateStart ?? scanner.lastOrderStart
                // Inside a list of orders, the next order of the list is a better place to go on
                // than the next line (a one-line array is one line). A file that ends inside an
                // order may be cut there (then no complete order follows) or have a damaged quote
                // that ran to the end (then later orders read on their own).
                let listResume: Int? =
                    !error.listStack.isEmpty && (!error.atEnd || error.candidateStart != nil)
                    ? scanner.resumePoint(
                        from: error.candidateStart.map { $0 + 1 } ?? error.offset, layout: layout)
                    : nil
                // Where to go on after the damage, inside which list, and how to tell it.
                var salvage: (resume: Int, list: [UInt8], message: (TextLocator.Location) -> SourceProblem)?
                let fileStart = firstValueStart ?? valueStart
                if scanner.foundCount == 0, !resuming, error.listStack.isEmpty, !error.atEnd,
                    let resume = scanner.resumePoint(from: fileStart + 1, before: fileStart + (1 << 20))
                {
                    // The file's first value breaks before any list of orders opened, and what
                    // follows reads as the elements of an array (an order, then a comma): a
                    // damaged `[`.
                    firstTopByte = UInt8(ascii: "[")
                    topValues = 1
                    salvage = (
                        resume, DumpScanner.insideTopArray,
                        { resumed in
                            self.problem(
                                at: located,
                                "the start of the file is damaged (\(error.reason)), but what follows "
                                    + "reads as an array of orders; reading went on at line \(resumed.line), column \(resumed.column)"
                            )
                        }
                    )
                } else if listResume == nil,
                    resyncable(
                        error, valueStart: valueStart, valueLineStart: valueLocation.lineStart,
                        errorLineStart: located.lineStart, lastTop: lastTop)
                {
                    badLines += 1
                    let place =
                        located.line == valueLine
                        ? "column \(located.column)" : "line \(located.line), column \(located.column)"
                    if badLines <= Self.maxReportedLines {
                        problems.append(
                            problem(
                                at: located,
                                "line \(valueLine) is not a valid order: \(error.reason) at \(place); the line was skipped"
                            ))
                    }
                    position = TextLocator.nextLineStart(bytes, from: valueStart)
                    continue
                } else if let resume = listResume {
                    // One damaged order costs only itself: go on at the next element that reads as
                    // an order, inside the same list.
                    if !resuming {
                        if topValues == 0 { firstTopByte = base[valueStart] }
                        topValues += 1
                    }
                    let damagedID = scanner.damagedOrderID(error)
                    salvage = (
                        resume, error.listStack,
                        { resumed in
                            self.salvageProblem(
                                error, kept: kept, damagedID: damagedID, located: located,
                                start: startLocation, resumed: resumed)
                        }
                    )
                } else if error.listStack.isEmpty, !error.atEnd, let lastTop,
                    base[lastTop.start] == UInt8(ascii: "[") || base[error.offset] == UInt8(ascii: ","),
                    let resume = scanner.resumePoint(from: error.offset, layout: scanner.lastOrderStart)
                {
                    // An array that closed before its orders did (a damaged bracket), or elements
                    // of one whose `[` was lost: they go on after the damage.
                    salvage = (
                        resume, DumpScanner.insideTopArray,
                        { resumed in
                            self.problem(
                                at: located,
                                "malformed JSON after order \(kept): \(error.reason) (a bracket before it "
                                    + "may be damaged); the bytes up to line \(resumed.line), column \(resumed.column) were skipped"
                            )
                        }
                    )
                }
                if let salvage {
                    let resumed = TextLocator.locate(
                        bytes, offset: salvage.resume, after: (error.offset, located))
                    problems.append(salvage.message(resumed))
                    resumeList = salvage.list
                    hint = (salvage.resume, resumed)
                    position = salvage.resume
                    continue
                }
                let problem = stopProblem(error, kept: kept, located: located, start: startLocation)
                problems.append(problem)
                stopped = true
                break
            }
        }
    }

    /// Reads a file of many top-level values (NDJSON, or objects one after another) on two
    /// threads: a second thread reads from `split` (a line that starts with `{` after one that
    /// ends with `}`, past the middle) to the end, while this one reads up to it. The second
    /// half's orders are taken only if this thread arrives at `split` between two values (not
    /// inside one, not salvaging a list, not stopped) and the second half met no problem at all;
    /// otherwise they are dropped and this thread goes on from where it is, so the result is
    /// the same either way.
    private func walkInTwo(_ scanner: inout DumpScanner, _ walk: inout Walk, split: Int) {
        guard let raw = bytes.baseAddress else { return }
        let base = UncheckedBox(raw.assumingMemoryBound(to: UInt8.self))
        let n = bytes.count
        let second = SecondHalf<(DumpScanner, BatchList, Walk)>()
        let indexer = UncheckedBox(self)
        let rowsFile = boundariesOnly ? nil : secondHalfRows?.file
        Thread.detachNewThread {
            var other = DumpScanner(base: base.value, count: n)
            other.boundariesOnly = indexer.value.boundariesOnly
            let batches = BatchList(rows: rowsFile.map { SummaryRows(base: base.value, file: $0) })
            other.onBatch = { batches.take($0) }
            var rest = Walk()
            rest.position = split
            indexer.value.walk(&other, &rest, stop: n)
            other.flush()
            second.finish(UncheckedBox((other, batches, rest)))
        }
        self.walk(&scanner, &walk, stop: split)
        let (other, batches, rest) = second.wait().value  // the mapping must outlive the other thread
        guard walk.position == split, walk.resumeList == nil, !walk.stopped, rest.problems.isEmpty,
            rest.firstFailure == nil, rest.resumeList == nil, !rest.stopped
        else { return }
        absorb(other, batches, into: &scanner)
        walk.topValues += rest.topValues
        walk.splitScans += rest.splitScans + 1
        walk.lastTop = rest.lastTop ?? walk.lastTop
        walk.position = rest.position
    }

    /// Takes over the orders a second-half scanner found: as rows built on its thread when it
    /// built them, else as its batches.
    private func absorb(_ other: DumpScanner, _ batches: BatchList, into scanner: inout DumpScanner) {
        if let rows = batches.rows, let take = secondHalfRows?.take {
            scanner.flush()  // this half's last orders go before the rows
            if rows.count > 0 { take(rows) }
        }
        scanner.absorb(other, batches: batches.items)
    }

    /// For a file that starts with an object and is big enough: the first line past the middle
    /// that starts with `{` right after a line that ends with `}` (`splitPoint`). A guess:
    /// `walkInTwo` checks that this thread arrives there between values.
    private func lineSplitPoint(from start: Int) -> Int? {
        let n = bytes.count
        guard n >= splitMinimum else { return nil }
        var first = start
        while first < n,
            bytes[first] == 0x20 || bytes[first] == 0x0A || bytes[first] == 0x0D || bytes[first] == 0x09
        {
            first += 1
        }
        guard first < n, bytes[first] == UInt8(ascii: "{") else { return nil }
        return splitPoint(after: first + Self.splitShare(n - first), following: UInt8(ascii: "}"))
    }

    /// How many of `bytes` bytes the first thread reads: a little less than half, as it also
    /// enters every row into the store's id tables, the second half's after both are done.
    /// 48.5 %: measured best for both formats (100,000 and 1,000,000 orders, arrays and NDJSON,
    /// shares from 44 to 52 %, best of 5 and of 2; BENCHMARKS.md, issue 19 sixth round).
    static func splitShare(_ bytes: Int) -> Int { bytes * 485 / 1000 }

    /// Files smaller than this are scanned by one thread.
    package static let splitMinimum = 32 << 20

    /// Scans one top-level value. A big top-level array is scanned in two halves at once: a
    /// second thread starts at an order that begins a line after the middle (a raw newline is
    /// never inside a JSON string, and an unindented `{` there is an element of the top array),
    /// while this thread scans up to it. If this thread reaches that offset in exactly the state
    /// the second assumed, the second's orders are taken; if not (an odd layout), they are
    /// dropped and this thread simply goes on, so the result is the same either way.
    private func scanTop(_ scanner: inout DumpScanner, from start: Int, splits: inout Int) throws(ScanFailure)
        -> Int
    {
        let n = bytes.count
        guard n >= splitMinimum, bytes[start] == UInt8(ascii: "["),
            let split = splitPoint(after: start + Self.splitShare(n)),
            let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
        else {
            return try scanner.scanValue(from: start)
        }
        let second = SecondHalf<(DumpScanner, BatchList, Swift.Result<Int, ScanFailure>)>()
        let pointer = UncheckedBox(base)
        let boundariesOnly = self.boundariesOnly
        let rowsFile = boundariesOnly ? nil : secondHalfRows?.file
        Thread.detachNewThread {
            var other = DumpScanner(base: pointer.value, count: n)
            other.boundariesOnly = boundariesOnly
            // Batches kept as they come (no one array that doubles and copies as it grows).
            let batches = BatchList(rows: rowsFile.map { SummaryRows(base: pointer.value, file: $0) })
            other.onBatch = { batches.take($0) }
            do throws(ScanFailure) {
                let end = try other.scanValue(from: split, insideTopArray: true)
                other.flush()
                second.finish(UncheckedBox((other, batches, Swift.Result<Int, ScanFailure>.success(end))))
            } catch {
                other.flush()
                second.finish(UncheckedBox((other, batches, Swift.Result<Int, ScanFailure>.failure(error))))
            }
        }
        scanner.stopAt = split
        defer { scanner.stopAt = -1 }
        let end: Int
        do throws(ScanFailure) {
            end = try scanner.scanValue(from: start)
        } catch {
            _ = second.wait()  // the mapping must outlive the other thread
            throw error
        }
        let (other, batches, result) = second.wait().value
        guard scanner.reachedStop else { return end }
        scanner.reachedStop = false
        splits += 1
        absorb(other, batches, into: &scanner)
        return try result.get()
    }

    /// The first line after `offset` that starts an order (`{` after at most three spaces) and
    /// follows `following` (the last byte before it other than white space: a `,` between the
    /// elements of an array, a `}` between values); nil when there is none within a megabyte.
    private func splitPoint(after offset: Int, following: UInt8 = UInt8(ascii: ",")) -> Int? {
        let n = bytes.count
        var i = offset
        let limit = min(n - 1, offset + (1 << 20))
        while i < limit {
            guard bytes[i] == 0x0A else {
                i += 1
                continue
            }
            var j = i + 1
            while j < n, j - i <= 3, bytes[j] == 0x20 { j += 1 }
            if j < n, bytes[j] == UInt8(ascii: "{") {
                var k = i - 1
                while k > 0, bytes[k] == 0x20 || bytes[k] == 0x0D || bytes[k] == 0x09 { k -= 1 }
                if bytes[k] == following { return j }
            }
            i += 1
        }
        return nil
    }

    /// NDJSON recovery: the broken value starts its own line, and the file so far reads as one
    /// value per line (or this is the first value and it broke on its own line).
    private func resyncable(
        _ failure: ScanFailure, valueStart: Int, valueLineStart: Int, errorLineStart: Int,
        lastTop: (start: Int, end: Int)?
    ) -> Bool {
        guard !failure.atEnd || failure.offset < bytes.count else {
            return false  // the file ends inside this value: a truncation, reported as such
        }
        guard TextLocator.startsLine(bytes, offset: valueStart) else { return false }
        if let lastTop {
            let previousIsOneLine = !UnsafeRawBufferPointer(rebasing: bytes[lastTop.start..<lastTop.end])
                .contains(0x0A)
            return previousIsOneLine
        }
        return errorLineStart == valueLineStart
    }

    private func stopProblem(
        _ failure: ScanFailure, kept: Int, located: TextLocator.Location, start: TextLocator.Location
    ) -> SourceProblem {
        let keptText =
            kept == 1 ? "1 complete order before it was kept" : "\(kept) complete orders before it were kept"
        let message: String
        if failure.atEnd, failure.candidateStart != nil {
            message =
                "the file ends in the middle of order \(kept + 1) (line \(start.line), column \(start.column)); "
                + keptText
        } else if failure.atEnd {
            message = "the file ends before the JSON is complete (\(failure.reason)); " + keptText
        } else if failure.candidateStart != nil {
            message =
                "malformed JSON in order \(kept + 1) (which starts at line \(start.line), column "
                + "\(start.column)): \(failure.reason); " + keptText + " and the rest of the file was skipped"
        } else {
            message =
                "malformed JSON: \(failure.reason); " + keptText + " and the rest of the file was skipped"
        }
        return SourceProblem(
            file: path, line: located.line, column: located.column, message: message, snippet: located.snippet
        )
    }

    /// A problem at `located`, with its snippet.
    private func problem(at located: TextLocator.Location, _ message: String) -> SourceProblem {
        SourceProblem(
            file: path, line: located.line, column: located.column, message: message, snippet: located.snippet
        )
    }

    /// A damaged element of a list that reading went past: which order (its number among the
    /// orders, its id when it was read before the damage), where and what, and where reading went on.
    private func salvageProblem(
        _ failure: ScanFailure, kept: Int, damagedID: String?, located: TextLocator.Location,
        start: TextLocator.Location, resumed: TextLocator.Location
    ) -> SourceProblem {
        let message: String
        if failure.candidateStart != nil {
            let named = damagedID.map { " (id \($0))" } ?? ""
            message =
                "order \(kept + 1)\(named), which starts at line \(start.line), column \(start.column), is damaged: "
                + "\(failure.reason); it was skipped and reading went on at line \(resumed.line), column \(resumed.column)"
        } else {
            message =
                "malformed JSON after order \(kept): \(failure.reason); the bytes up to line \(resumed.line), "
                + "column \(resumed.column) were skipped"
        }
        return SourceProblem(
            file: path, line: located.line, column: located.column, message: message, snippet: located.snippet
        )
    }

    /// The problem as told when nothing at all could be read: no "orders kept" talk.
    private func plainProblem(
        _ failure: ScanFailure, located: TextLocator.Location, start: TextLocator.Location
    ) -> SourceProblem {
        let message: String
        if failure.atEnd, failure.candidateStart != nil {
            message =
                "the file ends in the middle of the first order (line \(start.line), column \(start.column)); "
                + "the file looks truncated"
        } else if failure.atEnd {
            message = "the file ends before the JSON is complete (\(failure.reason))"
        } else {
            message = failure.reason
        }
        return SourceProblem(
            file: path, line: located.line, column: located.column, message: message, snippet: located.snippet
        )
    }

    private func describe(_ scanner: DumpScanner, topValues: Int, firstTopByte: UInt8) -> String {
        var kinds: [ValueKind] = []
        for entry in scanner.skipped where !kinds.contains(entry.kind) { kinds.append(entry.kind) }
        if topValues == 1, firstTopByte == UInt8(ascii: "[") {
            if kinds.isEmpty {
                return scanner.pageCount > 0 ? "a JSON array of empty order lists" : "an empty JSON array"
            }
            if let noun = kinds[0].noun, kinds.allSatisfy({ $0.noun == noun }), let list = kinds[0].listName {
                return list
            }
            return "a JSON array of " + kinds.prefix(3).map(\.plural).joined(separator: " and ")
        }
        if scanner.pageCount > 0, kinds.isEmpty {
            return scanner.pageCount == 1
                ? "an order list with no orders" : "\(scanner.pageCount) order lists with no orders"
        }
        if topValues == 1, let first = scanner.skipped.first {
            return first.kind.singular
        }
        let tops = scanner.skipped.filter(\.topLevel).prefix(3).map(\.kind.singular)
        return "\(topValues) JSON values"
            + (tops.isEmpty
                ? ""
                : ": " + tops.joined(separator: ", ")
                    + (topValues > tops.count ? ", …" : ""))
    }
}

/// The result of the second half of a split scan, handed from its thread to the first.
///
/// `@unchecked Sendable`: `value` is written once under `condition` and read after it is set.
final class SecondHalf<Value>: @unchecked Sendable {
    private let condition = NSCondition()
    private var value: UncheckedBox<Value>?

    func finish(_ result: UncheckedBox<Value>) {
        condition.lock()
        value = result
        condition.broadcast()
        condition.unlock()
    }

    func wait() -> UncheckedBox<Value> {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let value { return value }
            condition.wait()
        }
    }
}

/// The batches a second-half scanner hands over, collected on its own thread, or the list rows
/// built of them there (then the batches are not kept).
final class BatchList {
    var items: [[ScannedOrder]] = []
    var rows: SummaryRows?

    init(rows: SummaryRows?) {
        self.rows = rows
    }

    func take(_ batch: [ScannedOrder]) {
        if rows != nil {
            rows?.add(batch)
        } else {
            items.append(batch)
        }
    }
}
