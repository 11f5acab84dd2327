import OrderIndex
import OrderModel
import Testing

@testable import OrderViewModel

/// The store-backed sort and filter (packed keys, runs of tied keys, the text pass over whole
/// chunks) against the plain ones over `OrderSummary` values, on rows made to hit their edges.
@Suite struct StoreSortFilterTests {
    /// Times that tie in their digits but differ in zone, written fraction or separator (the
    /// plain sort orders times as text, the store by their digits first, so the two agree only
    /// when equal digits come with equal dates); names that tie
    /// in their first 24 bytes and differ after, differ only in case, are missing
    /// a part, or are long enough to spill out of the key; companies and emails stand in for
    /// missing names. ASCII only: the plain sort lower-cases with Unicode rules, the store folds
    /// ASCII, and the two agree on ASCII.
    static func summaries(_ count: Int) -> [OrderSummary] {
        let firsts = [
            "Kari", "kari", "KARI", "Alexandrina-Wilhelmine", "Alexandrina-Wilhelmine", nil, "Bo", "",
        ]
        let lasts = [
            "Nordmann", "Nordmann-Kristiansen-Aas", "Nordmann-Kristiansen-Ab", nil, "Zed", "nordmann",
        ]
        return (0..<count).map { index in
            let first = firsts[index % firsts.count]
            let last = lasts[(index / firsts.count) % lasts.count]
            let company = index % 5 == 0 ? "Fjord & Fjell AS \(index % 3)" : nil
            return OrderSummary(
                id: "id-\(index)",
                orderNumber: index % 7 == 0 ? "SL-\(index % 11)" : "\(5000 - index % 4000)",
                createdAt:
                    "2024-0\(1 + index % 9)-1\(index % 10)\((index / 11) % 13 == 0 ? " " : "T")10:00:0\(index % 3)"
                    + ["Z", ".000Z", "+01:00", ".000000Z", "Z", ".000000000000000000001Z"][(index / 7) % 6],
                customerFirstName: first, customerLastName: last,
                customerEmail: "person\(index % 13)@example.org", companyName: company,
                status: ["open", "closed", "OPEN"][index % 3], paymentStatus: "paid",
                grossAmount: index % 17 == 0 ? nil : Int64((index * 7919) % 5000),
                currency: ["NOK", "SEK", "EUR", "NOKXXXXXXXLONG"][index % 4],
                maskedPANs: index % 9 == 0 ? ["**** 4242"] : [],
                bookingIDs: index % 10 == 0 ? ["NE 138 \(index)"] : [])
        }
    }

    @Test(arguments: [ListColumn.customer, .number, .created, .amount, .status, .payment])
    func storeSortMatchesThePlainSort(column: ListColumn) {
        // More rows than a chunk holds (16,384), so keys come from several chunks and both cores.
        let summaries = Self.summaries(52_000)
        let store = SummaryStore()
        for summary in summaries { _ = store.append(summary) }
        let snapshot = store.snapshot()
        for ascending in [true, false] {
            let order = SortOrder(column, ascending: ascending)
            var expected = Array(summaries.indices)
            order.sort(&expected, in: summaries)
            var positions = (0..<Int32(summaries.count)).map { $0 }
            order.sort(&positions, in: snapshot)
            #expect(positions.map(Int.init) == expected, "\(order.label)")
        }
    }

    @Test func amountsSortWithinTheirCurrency() {
        // 5.800 KWD is 5800 minor units, 49.00 NOK 4900, 4 480 JPY 4480: compared raw they interleave.
        let rows: [(Int64?, String?)] = [
            (3430, "NOK"), (3517, "JPY"), (4480, "JPY"), (4900, "NOK"), (5800, "KWD"), (100, nil),
            (nil, "SEK"), (20, "KWD"),
        ]
        let summaries = rows.enumerated().map { index, row in
            OrderSummary(id: "o\(index)", grossAmount: row.0, currency: row.1)
        }
        let store = SummaryStore()
        for summary in summaries { _ = store.append(summary) }
        for ascending in [true, false] {
            let order = SortOrder(.amount, ascending: ascending)
            var plain = Array(summaries.indices)
            order.sort(&plain, in: summaries)
            var packed = (0..<Int32(summaries.count)).map { $0 }
            order.sort(&packed, in: store.snapshot())
            #expect(packed.map(Int.init) == plain)
            let shown = plain.map {
                "\(summaries[$0].currency ?? "-") \(summaries[$0].grossAmount.map(String.init) ?? "-")"
            }
            let expected = [
                "JPY 3517", "JPY 4480", "KWD 20", "KWD 5800", "NOK 3430", "NOK 4900", "- 100", "SEK -",
            ]
            #expect(shown == (ascending ? expected : expected.reversed()), "\(shown)")
        }
    }

    @Test(arguments: [
        "kari", "NORDMANN-kristiansen-a", "4242", "ne 138 1", "fjord", "son1", "id-6999", "zzz-nothing",
    ])
    func textFilterOverWholeChunksMatchesThePlainFilter(text: String) throws {
        let summaries = Self.summaries(52_000)
        let store = SummaryStore()
        for summary in summaries { _ = store.append(summary) }
        let query = try OrderQuery.parse(text)
        let rows = RowRebuild(generation: 1, snapshot: store.snapshot(), query: query, sort: nil).run()
        #expect(Array(rows) == summaries.indices.filter { query.matches(summaries[$0]) }, "\(text)")
        // And over a part of the rows only (a grown index filters just the new rows).
        let part = RowRebuild.rows(store.snapshot(), from: 20_000, query: query, sort: nil, base: .picked([]))
        #expect(
            Array(part) == summaries.indices.filter { $0 >= 20_000 && query.matches(summaries[$0]) },
            "\(text)")
    }
}
