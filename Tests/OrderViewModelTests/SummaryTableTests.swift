import OrderAnalysis
import OrderIndex
import OrderModel
import Testing

@testable import OrderViewModel

/// Grouping and summing many orders (the summary view, `orderscope summary`), on hand-made orders.
@Suite("Summary table")
struct SummaryTableTests {
    static func order(
        _ id: String, status: String? = "open", currency: String? = "NOK", gross: Int64? = 1000,
        created: String? = "2026-01-05T10:00:00Z", payments: PaymentSums = PaymentSums(),
        anomalies: Int? = nil,
        kinds: UInt32 = 0, reservations: [String] = [], product: String? = nil
    ) -> OrderSummary {
        OrderSummary(
            id: id, createdAt: created, status: status, grossAmount: gross, currency: currency,
            anomalyCount: anomalies, paymentProduct: product, reservationKinds: reservations,
            payments: payments,
            anomalyKinds: kinds)
    }

    @Test func mixedCurrenciesAreNeverAddedTogether() throws {
        let table = SummaryTable.build(
            summaries: [
                Self.order(
                    "1", currency: "NOK", gross: 1000, payments: PaymentSums(authorized: 1000, captured: 400)),
                Self.order(
                    "2", currency: "SEK", gross: 250, payments: PaymentSums(authorized: 250, captured: 250)),
                Self.order("3", currency: "NOK", gross: 500),
                Self.order("4", status: "closed", currency: "SEK", gross: 70),
            ], columns: [.status])
        #expect(table.orderCount == 4)
        #expect(table.currencies == ["NOK", "SEK"])  // equal counts: by code
        let open = try #require(table.groups.first { $0.values == ["open"] })
        #expect(open.orders == 3)
        #expect(open.permille(of: table.orderCount) == 750)
        let nok = try #require(open.totals(in: "NOK"))
        #expect(nok.orders == 2)
        #expect(nok.gross == 1500)
        #expect(nok.captured == 400)
        #expect(nok.outstanding == 600)
        let sek = try #require(open.totals(in: "SEK"))
        #expect(sek.gross == 250)
        #expect(sek.outstanding == 0)
        #expect(open.totals.map(\.currency) == ["NOK", "SEK"])
        // Biggest group first by default.
        #expect(table.groups.map(\.values) == [["open"], ["closed"]])
    }

    @Test func missingAmountsCurrencyAndValues() throws {
        let table = SummaryTable.build(
            summaries: [
                Self.order("1", status: nil, currency: nil, gross: nil),
                Self.order("2", status: nil, currency: "NOK", gross: nil),
                Self.order("3", status: nil, currency: "NOK", gross: 300),
            ], columns: [.status, .currency])
        #expect(table.groups.count == 2)
        let noCurrency = try #require(table.groups.first { $0.values == [nil, nil] })
        #expect(noCurrency.orders == 1)
        let totals = try #require(noCurrency.totals(in: nil))
        #expect(totals.gross == 0)
        #expect(totals.withoutGross == 1)
        let nok = try #require(table.groups.first { $0.values == [nil, "NOK"] }?.totals(in: "NOK"))
        #expect(nok.gross == 300)
        #expect(nok.withoutGross == 1)
        #expect(table.currencies == ["NOK", nil])  // orders without currency last
    }

    @Test func refundsLargerThanCapturesAreShownAsTheyAre() throws {
        let table = SummaryTable.build(
            summaries: [
                Self.order(
                    "1", payments: PaymentSums(authorized: 1000, captured: 200, refunded: 900, cancelled: 300)
                ),
                Self.order("2", payments: PaymentSums(authorized: 0, captured: 100, refunded: 400)),
            ], columns: [.currency])
        let nok = try #require(table.groups.first?.totals(in: "NOK"))
        #expect(nok.captured == 300)
        #expect(nok.refunded == 1300)
        #expect(nok.authorized == 1000)
        #expect(nok.cancelled == 300)
        #expect(nok.outstanding == 400)  // 1000 − 300 − 300
    }

    @Test func sumsOutOfRangeStayOutOfRange() throws {
        let table = SummaryTable.build(
            summaries: [
                Self.order("1", gross: .max, payments: PaymentSums(authorized: .max)),
                Self.order("2", gross: 1, payments: PaymentSums(authorized: 1, captured: 5)),
                Self.order("3", gross: 2, payments: PaymentSums(authorized: nil)),
            ], columns: [.currency])
        let nok = try #require(table.groups.first?.totals(in: "NOK"))
        #expect(nok.gross == nil)
        #expect(nok.authorized == nil)
        #expect(nok.outstanding == nil)
        #expect(nok.captured == 5)
    }

    @Test func multiValuedColumnsCountAnOrderInEachGroup() throws {
        let bad = AnomalyTally.bit(.overCaptured) | AnomalyTally.bit(.totals)
        let table = SummaryTable.build(
            summaries: [
                Self.order("1", anomalies: 2, kinds: bad, reservations: ["bus", "train"]),
                Self.order("2", anomalies: 0, reservations: ["train"]),
                Self.order("3", anomalies: nil),
            ], columns: [.anomaly])
        #expect(table.orderCount == 3)
        let counts = Dictionary(uniqueKeysWithValues: table.groups.map { ($0.values[0], $0.orders) })
        #expect(counts == ["overCaptured": 1, "totals": 1, nil: 1, SummaryGroup.notChecked: 1])
        let byKind = SummaryTable.build(
            summaries: [
                Self.order("1", reservations: ["bus", "train"]), Self.order("2", reservations: ["train"]),
                Self.order("3"),
            ], columns: [.reservation, .status])
        #expect(byKind.groups.map(\.values) == [["train", "open"], ["bus", "open"], [nil, "open"]])
        #expect(byKind.groups.map(\.orders) == [2, 1, 1])
    }

    @Test func createdDayWeekAndMonth() throws {
        let summaries = [
            Self.order("1", created: "2021-01-01T23:59:00+01:00"),  // a Friday of ISO week 2020-W53
            Self.order("2", created: "2021-01-04T00:00:00Z"),  // Monday of 2021-W01
            Self.order("3", created: "2024-12-30T08:00:00Z"),  // Monday of 2025-W01
            Self.order("4", created: nil),
            Self.order("5", created: "2021-02-30T00:00:00Z"),  // no such day
        ]
        let days = SummaryTable.build(summaries: summaries, columns: [.day])
        #expect(days.groups.map(\.values) == [["2021-01-01"], ["2021-01-04"], ["2024-12-30"], [nil]])
        #expect(days.groups.last?.orders == 2)
        let weeks = SummaryTable.build(summaries: summaries, columns: [.week])
        #expect(weeks.groups.map(\.values) == [["2020-W53"], ["2021-W01"], ["2025-W01"], [nil]])
        let months = SummaryTable.build(summaries: summaries, columns: [.month])
        #expect(months.groups.map(\.values) == [["2021-01"], ["2024-12"], [nil]])
        #expect(CreatedBucket.weekBounds("2020-W53")! == ("2020-12-28", "2021-01-04"))
        #expect(CreatedBucket.weekBounds("2025-W01")! == ("2024-12-30", "2025-01-06"))
    }

    @Test func sortsByAnyColumn() throws {
        var table = SummaryTable.build(
            summaries: [
                Self.order("1", status: "a", gross: 10, payments: PaymentSums(captured: 5)),
                Self.order("2", status: "b", gross: 300, payments: PaymentSums(captured: 1)),
                Self.order("3", status: "b", gross: 1),
                Self.order("4", status: "c", currency: "SEK", gross: 9999),
            ], columns: [.status])
        #expect(table.groups.map { $0.values[0] } == ["b", "a", "c"])
        table.sort(by: SummarySort(column: .gross, ascending: false))
        #expect(table.groups.map { $0.values[0] } == ["b", "a", "c"])  // NOK; c has none
        table.sort(by: SummarySort(column: .gross, ascending: false, currency: "SEK"))
        #expect(table.groups.first?.values == ["c"])
        table.sort(by: SummarySort(column: .captured, ascending: false))
        #expect(table.groups.map { $0.values[0] } == ["a", "b", "c"])
        table.sort(by: SummarySort(column: .value(0), ascending: false))
        #expect(table.groups.map { $0.values[0] } == ["c", "b", "a"])
        #expect(
            SummarySort.parse("-gross", columns: [.status]) == SummarySort(column: .gross, ascending: false))
        #expect(
            SummarySort.parse("status", columns: [.status]) == SummarySort(column: .value(0), ascending: true)
        )
        #expect(SummarySort.parse("day", columns: [.status]) == nil)
    }

    @Test func bothHalvesOfABigStoreAddUp() throws {
        let store = SummaryStore()
        for index in 0..<70_000 {
            store.append(
                Self.order(
                    String(index), status: ["open", "closed", "paid"][index % 3],
                    currency: index % 2 == 0 ? "NOK" : "SEK",
                    gross: Int64(index), payments: PaymentSums(captured: 1)))
        }
        let table = SummaryTable.build(snapshot: store.snapshot(), rows: .all(70_000), columns: [.status])
        #expect(table.orderCount == 70_000)
        #expect(table.groups.map(\.orders).reduce(0, +) == 70_000)
        let open = try #require(table.groups.first { $0.values == ["open"] })
        #expect(open.orders == 23_334)
        // Indexes 0, 3, 6, …: the even ones are NOK.
        let nokGross = stride(from: 0, to: 70_000, by: 6).reduce(Int64(0)) { $0 + Int64($1) }
        #expect(open.totals(in: "NOK")?.gross == nokGross)
        let nokOrders = Int64(Array(stride(from: 0, to: 70_000, by: 6)).count)
        #expect(open.totals(in: "NOK")?.captured == nokOrders)
        let picked = SummaryTable.build(
            snapshot: store.snapshot(), rows: .picked([0, 3, 4]), columns: [.status])
        #expect(picked.orderCount == 3)
        #expect(picked.groups.map(\.orders) == [2, 1])
    }

    @Test func columnNames() throws {
        #expect(try SummaryColumn.parseList("status, Currency") == [.status, .currency])
        #expect(try SummaryColumn.parseList("psp,created_week") == [.paymentProduct, .week])
        #expect(throws: SummaryColumnError.self) { try SummaryColumn.parseList("colour") }
        #expect(throws: SummaryColumnError.self) { try SummaryColumn.parseList("status,status") }
        #expect(throws: SummaryColumnError.self) { try SummaryColumn.parseList("") }
    }
}
