import OrderViewModel
import Testing

@testable import OrderTUI

/// The list's column widths: which columns show depends on the width alone, and the columns
/// other than the customer narrow to what the rows on screen hold, giving the rest to names.
@Suite("List column widths")
struct ListColumnWidthTests {
    static func width(_ column: ListColumn, in columns: [ListPane.Column]) -> Int? {
        columns.first { $0.column == column }?.width
    }

    @Test func contentNarrowsColumnsAndTheCustomerTakesWhatIsFreed() {
        let fixed = ListPane.columns(width: 78)
        let cells: [ListColumn: [String]] = [
            .anomaly: ["", ""], .number: ["SO-1", "SO-22"], .amount: ["9.00 NOK", "1 798.00 NOK"],
            .status: ["open", "closed"], .payment: ["paid", "pending"],
            .customer: ["Jørgen Fjørtoft-Kristiansen", "Åse"],
        ]
        let fitted = ListPane.columns(width: 78, cells: cells)
        #expect(fitted.map(\.column) == fixed.map(\.column))
        #expect(Self.width(.amount, in: fitted) == 12)  // "1 798.00 NOK"
        #expect(Self.width(.payment, in: fitted) == 8)  // the header "Payment" and room for a sort mark
        #expect(Self.width(.number, in: fitted) == 6)
        #expect(Self.width(.anomaly, in: fitted) == 1)
        // Every column of the line is used: the widths and the gaps between them fill it.
        #expect(fitted.map(\.width).reduce(0, +) + fitted.count - 1 == 78)
        #expect((Self.width(.customer, in: fitted) ?? 0) > (Self.width(.customer, in: fixed) ?? 0) + 20)
    }

    @Test func aColumnNeverGrowsPastItsShare() {
        let long = String(repeating: "partially_refunded", count: 40)
        let fitted = ListPane.columns(width: 78, cells: [.payment: [long], .status: ["\u{1B}[31mred"]])
        #expect(Self.width(.payment, in: fitted) == 18)
        #expect(fitted.map(\.width).reduce(0, +) + fitted.count - 1 <= 78)
    }
}
