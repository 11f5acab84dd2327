import OrderIndex
import OrderModel
import OrderViewModel
import TerminalCore

/// CSV lines straight from a summary store's columns: the bytes `csvRow(redaction.apply(summary))`
/// gives for the row's summary, without making that summary (a dozen strings, optionals and
/// arrays a row, most of which the CSV does not hold).
extension ListExporter {
    /// The amount column's formatter (`gross_amount` without grouping or code).
    static let csvAmount = MoneyFormatter(groupingSeparator: "", includesCurrencyCode: false)

    /// Working space a writer keeps between rows.
    struct RowScratch {
        /// Where the customer cell is put together.
        var text: [UInt8] = []
        /// The currencies met, by code (a dump has a handful): `Currency(code:)` upper-cases
        /// and looks the code up, which cost more than formatting the amount.
        private var currencies: [(code: [UInt8], currency: Currency)] = []

        /// `Currency(code:)` of the code's text.
        mutating func currency(_ code: UnsafeBufferPointer<UInt8>) -> Currency {
            for entry in currencies where entry.code.elementsEqual(code) { return entry.currency }
            let currency = Currency(code: String(decoding: code, as: UTF8.self))
            if currencies.count < 16 { currencies.append((Array(code), currency)) }
            return currency
        }
    }

    /// Appends the CSV line of a stored row to `bytes`, as `appendCSVRow(redaction.apply(summary))`
    /// does for its summary.
    static func appendCSVRow(
        _ row: SummaryRow, redaction: Redaction, scratch: inout RowScratch, to bytes: inout [UInt8]
    ) {
        func cell(_ field: SummaryField, isNumber: Bool = false) {
            if let value = row.field(field) { appendCSVCell(value, isNumber: isNumber, to: &bytes) }
            bytes.append(UInt8(ascii: ","))
        }
        cell(.orderNumber)
        cell(.id)
        cell(.createdAt)
        if redaction.isOn {
            // Masked by the one redactor, from the columns it reads.
            func text(_ field: SummaryField) -> String? {
                row.field(field).map { String(decoding: $0, as: UTF8.self) }
            }
            let personal = redaction.apply(
                OrderSummary(
                    id: "", customerFirstName: text(.firstName), customerLastName: text(.lastName),
                    customerEmail: text(.email), customerPhone: text(.phone), companyName: text(.company)))
            for value in [personal.customerName, personal.customerEmail, personal.customerPhone] {
                appendCSVCell(value ?? "", isNumber: false, to: &bytes)
                bytes.append(UInt8(ascii: ","))
            }
        } else {
            appendCustomerCell(row, scratch: &scratch, to: &bytes)
            bytes.append(UInt8(ascii: ","))
            cell(.email)
            cell(.phone)
        }
        cell(.status)
        cell(.paymentStatus)
        if let amount = row.grossAmount {
            // As `csvAmount.string(minorUnits:currencyCode:)`, the currency made once per code.
            let text =
                row.field(.currency).map {
                    csvAmount.string(minorUnits: amount, currency: scratch.currency($0))
                }
                ?? csvAmount.string(minorUnits: amount, currencyCode: nil)
            appendCSVCell(text, isNumber: true, to: &bytes)
        }
        bytes.append(UInt8(ascii: ","))
        cell(.currency)
        if let value = row.field(.storeID) { appendCSVCell(value, isNumber: false, to: &bytes) }
        bytes.append(UInt8(ascii: ","))
        if let count = row.anomalyCount {
            if (0..<10).contains(count) {
                bytes.append(UInt8(ascii: "0") + UInt8(count))
            } else {
                appendCSVCell(String(count), isNumber: true, to: &bytes)
            }
        }
        bytes.append(0x0D)
        bytes.append(0x0A)
    }

    /// The customer cell: `OrderSummary.customerName` ("First Last", else the company, else the
    /// email) from the row's bytes.
    private static func appendCustomerCell(
        _ row: SummaryRow, scratch: inout RowScratch, to bytes: inout [UInt8]
    ) {
        let first = row.field(.firstName).flatMap { $0.isEmpty ? nil : $0 }
        let last = row.field(.lastName).flatMap { $0.isEmpty ? nil : $0 }
        if let first, let last {
            scratch.text.removeAll(keepingCapacity: true)
            scratch.text.append(contentsOf: first)
            scratch.text.append(UInt8(ascii: " "))
            scratch.text.append(contentsOf: last)
            scratch.text.withUnsafeBufferPointer { appendCSVCell($0, isNumber: false, to: &bytes) }
        } else if let name = first ?? last ?? row.field(.company) ?? row.field(.email) {
            appendCSVCell(name, isNumber: false, to: &bytes)
        }
    }

    /// Appends `csvCell(String(decoding: raw, as: UTF8.self), isNumber:)`'s bytes. Printable
    /// ASCII (most cells) is quoted and defused here byte by byte: no ASCII character but CR LF
    /// joins another into one `Character`, and the sanitizer leaves printable ASCII as it is.
    /// Other text is copied as it is when the sanitizer would leave it so and it has nothing to
    /// quote or defuse; the rest goes the long way (where a comma or quote followed by a
    /// combining mark is a different character, so the `String` rules decide).
    static func appendCSVCell(_ raw: UnsafeBufferPointer<UInt8>, isNumber: Bool, to bytes: inout [UInt8]) {
        var ascii = true
        var special = false
        for byte in raw {
            if byte < 0x20 || byte >= 0x7F {
                ascii = false
            } else if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") {
                special = true
            }
        }
        let formula =
            !isNumber
            && raw.first.map {
                $0 == UInt8(ascii: "=") || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-")
                    || $0 == UInt8(ascii: "@")
            } == true
        if ascii {
            if special { bytes.append(UInt8(ascii: "\"")) }
            if formula { bytes.append(UInt8(ascii: "'")) }
            if special {
                for byte in raw {
                    bytes.append(byte)
                    if byte == UInt8(ascii: "\"") { bytes.append(byte) }
                }
                bytes.append(UInt8(ascii: "\""))
            } else {
                bytes.append(contentsOf: raw)
            }
        } else if !special, !formula, Sanitizer.passesUnchanged(utf8: raw) {
            bytes.append(contentsOf: raw)
        } else {
            bytes.append(contentsOf: csvCell(String(decoding: raw, as: UTF8.self), isNumber: isNumber).utf8)
        }
    }
}
