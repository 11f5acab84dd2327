import Foundation
import OrderIndex
import OrderModel
import OrderSources
import OrderViewModel
import Testing

@testable import OrderTUI

/// The CSV lines `export` makes from the summary store's bytes are the lines the summaries
/// give (`csvRow(redaction.apply(summary))`), byte for byte, on hostile rows; and the ordered
/// block writer writes every block once, in order, and stops at the first failed write.
@Suite("export from stored rows")
struct StoredRowExportTests {
    /// Texts that take every way through a cell: plain, quoted, defused, sanitized, non-ASCII
    /// with and without something to quote, a comma or quote that a combining mark makes
    /// another character, empty.
    static let hostileTexts: [String?] = [
        nil, "", "plain", "Ståle", "Bø", "Hansen, Kari", "say \"hi\"", "=1+2", "+4790544658", "-x", "@x",
        "a\u{1B}[31mb", "tab\there", "line\nbreak", "\r\n", "del\u{7F}", "a\u{202E}b", "🙂", "日本語",
        ",\u{301}x", "x\"\u{301}", "=\u{301}1", "é,x", "ø\"y", "-ø", "\u{FFFD}",
        "a\u{300}\u{301}\u{302}\u{303}\u{304}\u{305}",
        "x\u{200D}y", "soft\u{AD}hyphen", "\u{85}", "ok\u{2028}", " ", "'",
        String(repeating: "x,", count: 1_500),
    ]

    /// Summaries mixing the hostile texts into every column the CSV reads (and a few it does
    /// not), with missing, huge and negative amounts, odd currencies and anomaly counts.
    static func hostileSummaries() -> [OrderSummary] {
        let texts = hostileTexts
        let amounts: [Int64?] = [nil, 0, 1, -1, -12_50, 288_00, Int64.max, Int64.min, 123_456_789_012]
        let currencies: [String?] = [nil, "", "NOK", "jpy", "KWD", "XYZ", "=1", "n,k", "ø"]
        let counts: [Int?] = [nil, 0, 3, 9, 10, 12_345]
        return (0..<(texts.count * 9)).map { index in
            func text(_ salt: Int) -> String? { texts[(index * 7 + salt * 5) % texts.count] }
            var summary = OrderSummary(
                id: text(0) ?? "", orderNumber: text(1), createdAt: text(2), customerFirstName: text(3),
                customerLastName: text(4), customerEmail: text(5), customerPhone: text(6),
                companyName: text(7),
                status: text(8), paymentStatus: text(9), grossAmount: amounts[index % amounts.count],
                currency: currencies[(index / 3) % currencies.count], storeID: text(10),
                maskedPANs: [text(11) ?? ""], orderType: text(12))
            summary.anomalyCount = counts[index % counts.count]
            return summary
        }
    }

    /// A store holding the hostile summaries, then rows whose text is not valid UTF-8.
    static func hostileStore() -> SummaryStore {
        let store = SummaryStore()
        for summary in hostileSummaries() { store.append(summary) }
        let invalid: [[UInt8]] = [
            [0xFF], [0x61, 0xFE, 0x2C], [0xC3], [0xC0, 0x80, 0x22], [0x2B, 0xED, 0xA0, 0x80],
        ]
        for (index, bytes) in invalid.enumerated() {
            var record = SummaryRecord()
            bytes.withUnsafeBufferPointer { bytes in
                for field in SummaryField.allCases where field.rawValue % 2 == index % 2 || field == .id {
                    record.set(field, bytes: bytes)
                }
            }
            record.grossAmount = Int64(index) * 1_000
            store.append(record)
        }
        return store
    }

    @Test(arguments: [Redaction.off, .on, .locked])
    func storedRowLinesAreTheSummaryLines(redaction: Redaction) {
        let snapshot = Self.hostileStore().snapshot()
        #expect(snapshot.count > 300)
        var scratch = ListExporter.RowScratch()
        for row in 0..<snapshot.count {
            var stored: [UInt8] = []
            ListExporter.appendCSVRow(snapshot.row(row), redaction: redaction, scratch: &scratch, to: &stored)
            var expected: [UInt8] = []
            ListExporter.appendCSVRow(redaction.apply(snapshot.summary(at: row)), to: &expected)
            #expect(stored == expected, "row \(row): \(String(decoding: expected, as: UTF8.self))")
        }
    }

    /// The byte form of a cell gives `csvCell`'s text for bytes that are not valid UTF-8 too.
    @Test func invalidBytesCellsAreTheCellsText() {
        let inputs: [[UInt8]] = [
            [0xFF], [0x2C, 0xFE], [0x3D, 0xC3], [0x22, 0xC0, 0x80], [0xE2, 0x82], [0x61, 0x80],
        ]
        for bytes in inputs {
            for isNumber in [false, true] {
                var cell: [UInt8] = []
                bytes.withUnsafeBufferPointer {
                    ListExporter.appendCSVCell($0, isNumber: isNumber, to: &cell)
                }
                let text = String(decoding: bytes, as: UTF8.self)
                #expect(cell == Array(ListExporter.csvCell(text, isNumber: isNumber).utf8), "\(bytes)")
            }
        }
    }

    /// The whole export from stored rows: several blocks, a left-out row, the same file as the
    /// summaries give.
    @Test(arguments: [Redaction.off, .locked])
    func exportFromStoredRowsWritesTheSummariesFile(redaction: Redaction) async throws {
        let store = SummaryStore()
        let hostile = Self.hostileSummaries()
        for index in 0..<(3 * ListExporter.rowsPerBlock + 17) { store.append(hostile[index % hostile.count]) }
        let snapshot = store.snapshot()
        let left = 2 * ListExporter.rowsPerBlock - 1
        let folder = try ExportTests.temporaryFolder()
        let path = folder.appendingPathComponent("stored.csv").path
        let count = try await ListExporter.export(
            rows: snapshot.count, summary: { $0 == left ? nil : snapshot.summary(at: $0) },
            stored: { $0 == left ? nil : snapshot.row($0) }, format: .csv, to: path, redaction: redaction,
            loadOrder: { id throws(SourceError) in throw SourceError.orderNotFound(id: id) })
        #expect(count == snapshot.count - 1)
        var expected = Array((ListExporter.csvColumns.joined(separator: ",") + "\r\n").utf8)
        for row in 0..<snapshot.count where row != left {
            ListExporter.appendCSVRow(redaction.apply(snapshot.summary(at: row)), to: &expected)
        }
        let written = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(written.count == expected.count)
        #expect(written == expected)
    }

    /// Blocks made on several threads, some slower than others, are written once each, in
    /// order; a failed write stops the work and is thrown, with nothing written after it.
    @Test func orderedBlocksAreWrittenInOrderAndStopAtAFailure() throws {
        let log = Log()
        let total = try OrderedBlockWriter.run(
            blocks: 200, workers: 4,
            make: { block in
                if block % 7 == 0 { usleep(UInt32(200 + (block % 3) * 300)) }
                return ([UInt8(block % 256)], block % 3)
            }, write: { bytes throws(SourceError) in log.add(bytes) })
        #expect(log.blocks == (0..<200).map { [UInt8($0 % 256)] })
        #expect(total == (0..<200).reduce(0) { $0 + $1 % 3 })

        let partial = Log()
        #expect(throws: SourceError.self) {
            _ = try OrderedBlockWriter.run(
                blocks: 500, workers: 3, make: { block in ([UInt8(block % 256)], 1) },
                write: { bytes throws(SourceError) in
                    if bytes == [37] { throw SourceError.orderNotFound(id: "block 37") }
                    partial.add(bytes)
                })
        }
        #expect(partial.blocks == (0..<37).map { [UInt8($0)] })
        // No blocks at all: nothing made, nothing written.
        let none = try OrderedBlockWriter.run(
            blocks: 0, workers: 2, make: { _ in ([1], 1) },
            write: { bytes throws(SourceError) in partial.add(bytes) })
        #expect(none == 0 && partial.blocks.count == 37)
    }
}

extension StoredRowExportTests {
    /// Blocks written, from whichever thread writes.
    final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private var written: [[UInt8]] = []

        func add(_ bytes: [UInt8]) { lock.withLock { written.append(bytes) } }
        var blocks: [[UInt8]] { lock.withLock { written } }
    }
}
