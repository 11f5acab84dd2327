import OrderIndex
import OrderModel
import OrderSources
import OrderViewModel
import TerminalCore

/// Writes a list of orders (the filtered and sorted list of the browser, or of `orderscope
/// export`) as CSV (the list columns), JSON (an array of the full orders) or NDJSON (one full
/// order per line). The file appears under its name only when complete (`AtomicFile`).
public enum ListExporter {
    /// The export formats.
    public enum Format: String, Sendable, Equatable, CaseIterable {
        case csv, json, ndjson

        /// The format a file name asks for by its extension.
        public init?(path: String) {
            let lower = path.lowercased()
            if lower.hasSuffix(".csv") {
                self = .csv
            } else if lower.hasSuffix(".ndjson") || lower.hasSuffix(".jsonl") {
                self = .ndjson
            } else if lower.hasSuffix(".json") {
                self = .json
            } else {
                return nil
            }
        }
    }

    /// Why an export failed, for the status bar or stderr.
    public struct Failure: Error, Sendable, Equatable {
        public var message: String
    }

    public static let csvColumns = [
        "order_number", "id", "created_at", "customer", "email", "phone", "status", "payment_status",
        "gross_amount",
        "currency", "store_id", "anomalies",
    ]

    /// How many CSV rows make a block (about 300 KB), the unit of work of each core and of
    /// each write.
    static let rowsPerBlock = 2_048

    /// How many threads make CSV blocks.
    static let csvWorkers = 2

    /// The CSV lines of `rows`, in order, and how many rows they hold (rows without a summary
    /// or stored row are left out).
    static func csvBlock(
        _ rows: Range<Int>, summary: (Int) -> OrderSummary?, stored: ((Int) -> SummaryRow?)?,
        redaction: Redaction
    ) -> (bytes: [UInt8], items: Int) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(rows.count * 192)
        var written = 0
        if let stored {
            var scratch = RowScratch()
            for index in rows {
                guard let row = stored(index) else { continue }
                appendCSVRow(row, redaction: redaction, scratch: &scratch, to: &bytes)
                written += 1
            }
        } else {
            for index in rows {
                guard let summary = summary(index) else { continue }
                appendCSVRow(redaction.apply(summary), to: &bytes)
                written += 1
            }
        }
        return (bytes, written)
    }

    /// One CSV line (with its line break) for a summary, as already redacted by the caller.
    public static func csvRow(_ summary: OrderSummary) -> String {
        var bytes: [UInt8] = []
        appendCSVRow(summary, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `csvRow(summary)`'s bytes to `bytes` (an export's 64 KB block) without making
    /// the row's texts.
    static func appendCSVRow(_ summary: OrderSummary, to bytes: inout [UInt8]) {
        let amount = summary.grossAmount.map {
            MoneyFormatter(groupingSeparator: "", includesCurrencyCode: false).string(
                minorUnits: $0, currencyCode: summary.currency)
        }
        let cells: [String?] = [
            summary.orderNumber, summary.id, summary.createdAt, summary.customerName, summary.customerEmail,
            summary.customerPhone, summary.status, summary.paymentStatus, amount, summary.currency,
            summary.storeID,
            summary.anomalyCount.map(String.init),
        ]
        for (index, cell) in cells.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            appendCSVCell(cell ?? "", isNumber: index == 8 || index == 11, to: &bytes)
        }
        bytes.append(0x0D)
        bytes.append(0x0A)
    }

    /// Appends `csvCell(raw, isNumber:)`'s bytes (see the byte form of `appendCSVCell`).
    static func appendCSVCell(_ raw: String, isNumber: Bool, to bytes: inout [UInt8]) {
        var raw = raw
        raw.withUTF8 { appendCSVCell($0, isNumber: isNumber, to: &bytes) }
    }

    /// Quotes a cell when needed; text that a spreadsheet would run as a formula (`=`, `+`, `@`,
    /// `-` at the start) gets a leading `'`, and control characters are made visible.
    static func csvCell(_ raw: String, isNumber: Bool) -> String {
        var text = Sanitizer.sanitize(raw)
        if !isNumber, let first = text.first, "=+-@".contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return text
        }
        return "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"")
            + "\""
    }

    /// Writes `summaries` in `format` to `path` (see `export(rows:summary:…)`).
    public static func export(
        _ summaries: [OrderSummary], format: Format, to path: String, redaction: Redaction,
        loadOrder: @Sendable (String) async throws(SourceError) -> Order
    ) async throws(Failure) -> Int {
        try await export(
            rows: summaries.count, summary: { summaries[$0] }, format: format, to: path, redaction: redaction,
            loadOrder: loadOrder)
    }

    /// Writes the rows of `list` (filtered and sorted as the browser shows them) in `format` to
    /// `path` (see `export(rows:summary:…)`); CSV lines are made from the store's columns
    /// without making each row's summary.
    public static func export(
        _ list: ListState, format: Format, to path: String, redaction: Redaction,
        loadOrder: @Sendable (String) async throws(SourceError) -> Order
    ) async throws(Failure) -> Int {
        try await export(
            rows: list.rows.count, summary: { list.summary(atRow: $0) },
            stored: { list.storedRow(atRow: $0) },
            format: format, to: path, redaction: redaction, loadOrder: loadOrder)
    }

    /// Writes `rows` orders in `format` to `path`, row `n`'s summary made by `summary(n)` as it
    /// is written (nil rows are left out), so only a few blocks of rows are ever held; full
    /// orders come from `loadOrder` (JSON and NDJSON only). Returns how many orders were written.
    public static func export(
        rows: Int, summary: @escaping @Sendable (Int) -> OrderSummary?, format: Format, to path: String,
        redaction: Redaction, loadOrder: @Sendable (String) async throws(SourceError) -> Order
    ) async throws(Failure) -> Int {
        try await export(
            rows: rows, summary: summary, stored: nil, format: format, to: path, redaction: redaction,
            loadOrder: loadOrder)
    }

    /// `export(rows:summary:…)`, CSV lines made from `stored(n)` (row `n`'s store columns, nil
    /// when left out) when given, else from the summaries.
    ///
    /// CSV rows are made in blocks on two cores (`summary` or `stored` is called from both),
    /// each block written as soon as those before it are (`OrderedBlockWriter`): one core
    /// making a million rows was a tenth of an export's time.
    static func export(
        rows: Int, summary: @escaping @Sendable (Int) -> OrderSummary?,
        stored: (@Sendable (Int) -> SummaryRow?)?, format: Format, to path: String,
        redaction: Redaction, loadOrder: @Sendable (String) async throws(SourceError) -> Order
    ) async throws(Failure) -> Int {
        do throws(SourceError) {
            let file = try AtomicFile(path: path)
            var count = 0
            switch format {
            case .csv:
                try file.write(Array((csvColumns.joined(separator: ",") + "\r\n").utf8))
                // Written from the workers, one block at a time, in order (the writer's lock).
                let output = UncheckedBox(file)
                count = try OrderedBlockWriter.run(
                    blocks: (rows + rowsPerBlock - 1) / rowsPerBlock, workers: csvWorkers,
                    make: { block in
                        csvBlock(
                            block * rowsPerBlock..<min(rows, (block + 1) * rowsPerBlock), summary: summary,
                            stored: stored, redaction: redaction)
                    }, write: { bytes throws(SourceError) in try output.value.write(bytes) })
            case .json, .ndjson:
                if format == .json { try file.write("[") }
                for row in 0..<rows {
                    guard let summary = summary(row) else { continue }
                    if Task.isCancelled { throw SourceError.cancelled }
                    let order = redaction.apply(try await loadOrder(summary.id))
                    var bytes: [UInt8] = format == .json ? Array((count == 0 ? "\n" : ",\n").utf8) : []
                    order.raw.appendSerialized(to: &bytes)
                    if format == .ndjson { bytes.append(0x0A) }
                    try file.write(bytes)
                    count += 1
                }
                if format == .json { try file.write(count == 0 ? "]\n" : "\n]\n") }
            }
            try file.commit()
            return count
        } catch {
            throw Failure(message: "export failed: \(error.message)")
        }
    }

    /// The screen as text, one line per row, trailing blanks trimmed.
    public static func screenshot(_ grid: Grid, to path: String) throws(Failure) {
        do throws(SourceError) {
            let file = try AtomicFile(path: path)
            let lines = grid.lines().map { line in
                String(line.reversed().drop(while: { $0 == " " }).reversed())
            }
            try file.write(lines.joined(separator: "\n") + "\n")
            try file.commit()
        } catch {
            throw Failure(message: "screenshot failed: \(error.message)")
        }
    }
}
