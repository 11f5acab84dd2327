import JSONCore
import OrderModel
import OrderSynthetic
import Testing

@testable import OrderAnalysis

/// The whole-dump checks take shortcuts the screens do not: payment totals added in file order
/// without sorting, payout trees checked in temporary buffers, line ids looked up by a scan.
/// Each must find exactly what the long way finds, over random orders built to hit its edges.
@Suite("Anomaly check shortcuts")
struct AnomalyCheckShortcutTests {
    // MARK: - Payment totals in file order

    /// Amounts near the ends of Int64 and of both signs, so sums overflow and signs mix.
    static let amounts: [Int64?] = [
        nil, 0, 1, 100, 2_500, -1, -300, .max, .max - 1, .max / 2 + 1, .min, .min + 1, .min / 2,
    ]
    static let times: [String?] = [
        nil, "2024-01-01T10:00:00Z", "2024-01-01T09:00:00Z", "2024-01-02T10:00:00Z", "2024-01-01T10:00:00Z",
        "not a time", "yesterday",
    ]

    static func randomOperations(_ random: inout SplitMix64) -> String {
        var fields: [String] = []
        for field in ["authorizations", "captures", "refunds", "cancellations"] {
            var operations: [String] = []
            for _ in 0..<Int.random(in: 0...4, using: &random) {
                var members: [String] = []
                if let amount = amounts.randomElement(using: &random) ?? nil {
                    members.append("\"amount\": \(amount)")
                }
                if let time = times.randomElement(using: &random) ?? nil {
                    members.append("\"created_at\": \"\(time)\"")
                }
                switch Int.random(in: 0..<4, using: &random) {
                case 0: members.append("\"success\": false")
                case 1: members.append("\"success\": true")
                default: break
                }
                operations.append("{" + members.joined(separator: ", ") + "}")
            }
            fields.append("\"\(field)\": [" + operations.joined(separator: ", ") + "]")
        }
        let status =
            ["paid", "partially_paid", "refunded", "partially_refunded", "pending"].randomElement(
                using: &random) ?? "paid"
        return """
            {"id": "o", "currency": "NOK", "net_amount": 2500, "payment_status": "\(status)",
             "payment_details": {"remaining_capture_amount": 0, "remaining_refund_amount": 2500,
                                 "remaining_cancellation_amount": 0},
             \(fields.joined(separator: ", "))}
            """
    }

    @Test func fileOrderTotalsAreTheTimeOrdersWheneverTheyAreGiven() throws {
        var random = SplitMix64(seed: 19)
        var given = 0
        var declined = 0
        for _ in 0..<3_000 {
            let order = Order(json: try JSONParser.parse(Self.randomOperations(&random)))
            let sorted = PaymentTimeline.timeOrderTotals(order)
            if let inFileOrder = PaymentTimeline.fileOrderTotals(order) {
                #expect(inFileOrder == sorted)
                #expect(sorted.overflowed.isEmpty)
                given += 1
            } else {
                declined += 1
            }
            // And the problems, shortcut or not, are the full timeline's.
            #expect(PaymentTimeline.problems(order: order) == PaymentTimeline(order: order).problems)
        }
        // Both ways were taken often: the comparison above is not of one branch only.
        #expect(given > 500)
        #expect(declined > 500)
    }

    @Test func mixedSignsAreSortedFirst() throws {
        // In time order the captures are max, 1, -1: the 1 overflows. In file order they are
        // max, -1, 1, which would not: the shortcut must decline.
        let order = Order(
            json: try JSONParser.parse(
                """
                {"id": "o", "currency": "NOK",
                 "captures": [{"amount": 9223372036854775807, "created_at": "2024-01-01T00:00:00Z"},
                              {"amount": -1, "created_at": "2024-01-03T00:00:00Z"},
                              {"amount": 1, "created_at": "2024-01-02T00:00:00Z"}]}
                """))
        #expect(PaymentTimeline.fileOrderTotals(order) == nil)
        #expect(PaymentTimeline.timeOrderTotals(order).overflowed == [.capture])
        #expect(PaymentTimeline.problems(order: order).map(\.kind).contains(.moneyOverflow))
    }

    @Test func failedAndAmountlessOperationsMoveNoTotal() throws {
        let order = Order(
            json: try JSONParser.parse(
                """
                {"id": "o", "authorizations": [{"amount": 500}, {"amount": -7, "success": false}, {}],
                 "refunds": [{"amount": 9223372036854775807, "success": false}, {"amount": 20}]}
                """))
        let totals = try #require(PaymentTimeline.fileOrderTotals(order))
        #expect(totals.authorized == 500)
        #expect(totals.refunded == 20)
        #expect(totals == PaymentTimeline.timeOrderTotals(order))
    }

    // MARK: - Payout trees

    /// A random destination list: nested up to `depth`, percentage shares that agree or not,
    /// amounts missing or at the ends of Int64.
    static func destinations(_ random: inout SplitMix64, depth: Int) -> String {
        var list: [String] = []
        for _ in 0..<Int.random(in: 0...3, using: &random) {
            var members: [String] = []
            switch Int.random(in: 0..<6, using: &random) {
            case 0: break
            case 1: members.append("\"amount\": 9223372036854775807")
            default: members.append("\"amount\": \(Int.random(in: -50...1_000, using: &random))")
            }
            if Bool.random(using: &random) {
                let type = ["percentage", "PERCENTAGE", "fixed"].randomElement(using: &random) ?? "fixed"
                let value = ["10", "50", "12.5", "100", "abc", "0"].randomElement(using: &random) ?? "10"
                members.append("\"type\": \"\(type)\", \"value\": \"\(value)\"")
            }
            if depth > 0, Int.random(in: 0..<3, using: &random) > 0 {
                members.append("\"destinations\": " + destinations(&random, depth: depth - 1))
            }
            list.append("{" + members.joined(separator: ", ") + "}")
        }
        return "[" + list.joined(separator: ", ") + "]"
    }

    @Test func decodedTreesGetTheRowsChecks() throws {
        var random = SplitMix64(seed: 7)
        var checked = 0
        var mismatches = 0
        for _ in 0..<1_500 {
            let basis: String
            switch Int.random(in: 0..<4, using: &random) {
            case 0: basis = "\"net_amount\": 1000"
            case 1: basis = "\"gross_amount\": 1000, \"discount_lines\": [{\"amount\": 200}]"
            case 2: basis = "\"gross_amount\": 1000"
            default: basis = ""
            }
            let item =
                "{" + basis + (basis.isEmpty ? "" : ", ") + "\"payout\": {\"destinations\": "
                + Self.destinations(&random, depth: 3) + "}}"
            let order = Order(json: try JSONParser.parse("{\"id\": \"o\", \"items\": [\(item)]}"))
            let decoded = try #require(order.items.first)
            guard let tree = decoded.payout, !tree.isEmpty else { continue }
            let itemBasis = PayoutBasis(item: decoded)
            let rows = PayoutTreeRows(tree: tree, basis: itemBasis, currency: nil)
            let fast = try #require(PayoutTreeChecks(tree: tree, basis: itemBasis))
            #expect(fast.mismatchedNodes == rows.mismatchedNodes)
            #expect(fast.shareMismatches.map(\.node) == rows.shareMismatches.map(\.node))
            #expect(fast.shareMismatches.map(\.whole) == rows.shareMismatches.map(\.whole))
            #expect(fast.rootSum == rows.rootSum)
            let checksOnly = PayoutTreeRows(tree: tree, basis: itemBasis, currency: nil, withRows: false)
            #expect(checksOnly.rootMismatch == rows.rootMismatch)
            #expect(checksOnly.mismatchedNodes == rows.mismatchedNodes)
            checked += 1
            mismatches += rows.mismatchedNodes.count + rows.shareMismatches.count
        }
        #expect(checked > 1_000)
        #expect(mismatches > 500)
    }

    @Test func treesBuiltOutOfArenaOrderTakeTheWalk() {
        // A child stored before its parent, then a child listed twice: not a decoded shape, so
        // the shortcut declines and the checks walk the tree as the rows do.
        let backwards = PayoutTree(nodes: [
            PayoutNode(
                depth: 1, parent: 1, children: [], type: nil, value: nil, amount: 30, path: .root, raw: .null),
            PayoutNode(
                depth: 0, parent: nil, children: [0], type: nil, value: nil, amount: 40, path: .root,
                raw: .null),
        ])
        let twice = PayoutTree(nodes: [
            PayoutNode(
                depth: 0, parent: nil, children: [1, 1], type: nil, value: nil, amount: 40, path: .root,
                raw: .null),
            PayoutNode(
                depth: 1, parent: 0, children: [], type: nil, value: nil, amount: 30, path: .root, raw: .null),
        ])
        let basis = PayoutBasis(amount: 40, source: .net)
        for tree in [backwards, twice] {
            #expect(PayoutTreeChecks(tree: tree, basis: basis) == nil)
            let rows = PayoutTreeRows(tree: tree, basis: basis, currency: nil)
            let checksOnly = PayoutTreeRows(tree: tree, basis: basis, currency: nil, withRows: false)
            #expect(checksOnly.mismatchedNodes == rows.mismatchedNodes)
            #expect(checksOnly.rootSum == rows.rootSum)
            #expect(!rows.mismatchedNodes.isEmpty)
        }
        // Appended depth-first out of source order (a child after a later root) is still a forest.
        var appended = PayoutTree()
        let first = appended.append(amount: 50, parent: nil)
        appended.append(amount: 50, parent: nil)
        appended.append(amount: 20, parent: first)
        let fast = PayoutTreeChecks(tree: appended, basis: PayoutBasis(amount: 100, source: .net))
        #expect(fast?.mismatchedNodes == [first])
        #expect(fast?.rootSum == 100)
    }

    // MARK: - Line ids

    @Test(arguments: [0, 1, 5, 16, 17, 40])
    func knownLineIDsAnswerAsASet(items count: Int) throws {
        var random = SplitMix64(seed: UInt64(count))
        let spellings = ["1", "\"1\"", "1.0", "\"A7\"", "\"a7\"", "2", "\"3\"", "17", "\"\""]
        var items: [String] = []
        for _ in 0..<count {
            let id = spellings.randomElement(using: &random) ?? "1"
            items.append(Bool.random(using: &random) ? "{\"line_id\": \(id)}" : "{}")
        }
        let order = Order(json: try JSONParser.parse("{\"items\": [\(items.joined(separator: ", "))]}"))
        let set = Set(order.items.compactMap(\.lineID))
        let known = KnownLineIDs(order.items)
        for probe in ["1", "A7", "a7", "2", "3", "17", "", "4"].map({ LineID($0) }) {
            #expect(known.contains(probe) == set.contains(probe))
        }
    }

    @Test func danglingLineIDsPastTheSetThreshold() throws {
        // More items than the scan takes: the set answers, and only line 99 is unknown.
        let items = (1...(KnownLineIDs.setThreshold + 4)).map { "{\"line_id\": \($0)}" }
        let order = Order(
            json: try JSONParser.parse(
                """
                {"id": "o", "items": [\(items.joined(separator: ", "))],
                 "itinerary": [{"id": "leg", "line_ids": [1, "20", 99]}]}
                """))
        let anomalies = AnomalyChecker.check(order)
        #expect(anomalies.map(\.kind) == [.danglingLineID])
        #expect(anomalies.first?.message == "itinerary leg leg names line 99, but no item has that line id")
    }
}
