import OrderAnalysis
import OrderIndex
import OrderModel
import Testing

@testable import OrderViewModel

/// The filter terms the summary view opens groups with: each term keeps the same orders on the
/// store's fast path (`SummaryMatcher`) as on summaries (`OrderQuery.matches`), and the term a
/// group gets keeps exactly that group.
@Suite("Summary filter terms")
struct SummaryFilterTermsTests {
    static let summaries: [OrderSummary] = [
        OrderSummary(
            id: "1", createdAt: "2026-03-02T10:00:00Z", status: "open", anomalyCount: 1, orderType: "travel",
            customerType: "company", paymentProduct: "vipps", reservationKinds: ["bus", "train"],
            anomalyKinds: AnomalyTally.bit(.overRefunded)),
        OrderSummary(
            id: "2", createdAt: "2026-03-08T23:00:00Z", status: "open", anomalyCount: 0, orderType: "payment",
            customerType: "private", paymentProduct: "Bambora.Creditcard", reservationKinds: ["train"]),
        OrderSummary(id: "3", createdAt: "2026-03-09T00:00:00Z", anomalyCount: 0, orderType: "Travel"),
    ]

    static func kept(_ text: String) throws -> (fast: [String], slow: [String]) {
        let store = SummaryStore()
        for summary in summaries { store.append(summary) }
        let query = try OrderQuery.parse(text)
        let rows = RowRebuild.rows(store.snapshot(), from: 0, query: query, sort: nil, base: .all(0))
        return (rows.map { store.summary(at: $0).id }, summaries.filter(query.matches).map(\.id))
    }

    @Test(arguments: [
        ("type:travel", ["1", "3"]), ("customer:company", ["1"]), ("product:bambora.creditcard", ["2"]),
        ("reservation:train", ["1", "2"]), ("reservation:bus", ["1"]), ("anomaly:overRefunded", ["1"]),
        ("anomaly:overcaptured", []), ("-anomaly", ["2", "3"]), ("type:TRAVEL", ["1", "3"]),
        ("created>=2026-03-02 created<2026-03-09", ["1", "2"]),
    ])
    func fastAndSlowPathsAgree(text: String, expected: [String]) throws {
        let (fast, slow) = try Self.kept(text)
        #expect(fast == expected)
        #expect(slow == expected)
    }

    @Test func valuesGroupIgnoringCaseAsTheFilterDoes() {
        let table = SummaryTable.build(summaries: Self.summaries, columns: [.orderType])
        #expect(table.groups.map(\.values) == [["travel"], ["payment"]])
        #expect(table.groups.map(\.orders) == [2, 1])
    }

    @Test func unknownKindsAreRefusedWithTheList() {
        #expect(throws: OrderQueryError.self) { try OrderQuery.parse("reservation:plane") }
        #expect(throws: OrderQueryError.self) { try OrderQuery.parse("anomaly:weird") }
    }

    @Test func eachGroupsTermKeepsExactlyTheGroup() throws {
        for columns in [
            [SummaryColumn.orderType], [.customerType], [.paymentProduct], [.reservation], [.anomaly],
            [.week],
            [.day], [.status],
        ] {
            let table = SummaryTable.build(summaries: Self.summaries, columns: columns)
            for group in table.groups {
                guard let term = SummaryFilter.term(columns[0], group.values[0]) else { continue }
                let (fast, _) = try Self.kept(term)
                #expect(fast.count == group.orders, "\(columns) \(group.values) → \(term)")
            }
        }
    }
}
