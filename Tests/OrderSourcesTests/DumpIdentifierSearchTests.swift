import OrderIndex
import OrderModel
import Testing

@testable import OrderSources

/// A dump's identifier search: the byte pass over each order's bytes on both cores, confirmed by
/// parsing the order, never through a redacted field, stopped by its control.
@Suite("Dump identifier search")
struct DumpIdentifierSearchTests {
    /// 10,000 orders (three batches of the pass): a PSP payment id planted in order 7,777's
    /// capture, the same text in order 123's item description, an email on order 5,000.
    static func dump(_ dir: TempDirectory) throws -> DumpSource {
        var lines: [String] = []
        for index in 0..<10_000 {
            var extra = ""
            if index == 7_777 {
                extra =
                    #", "captures": [{"id": "cap-x", "payment_details": {"payment_id" :  "PID_Planted"}}]"#
            } else if index == 123 {
                extra = #", "items": [{"line_id": 1, "description": "ask PID_PLANTED later"}]"#
            } else if index == 5_000 {
                extra = #", "customer": {"email": "kari@post.example"}"#
            }
            lines.append(
                #"{"id": "id-\#(index)", "order_number": "N-\#(index)", "currency": "NOK", "gross_amount": 1\#(extra)}"#
            )
        }
        return try DumpSource.open(paths: [
            try dir.write("orders.ndjson", lines.joined(separator: "\n") + "\n")
        ])
    }

    static func search(
        _ source: DumpSource, _ text: String, redacted: Bool = false, known: PositionSet = PositionSet()
    ) -> [Int]? {
        let snapshot = source.store.snapshot()
        let control = SearchControl(total: snapshot.count)
        let found = source.identifierMatches(
            OrderIdentifiers.needle(text), rows: 0..<snapshot.count, snapshot: snapshot, known: known,
            redacted: redacted, control: control)
        guard let found else { return nil }
        #expect(control.done == snapshot.count)
        var positions: [Int] = []
        found.forEach { positions.append($0) }
        return positions
    }

    @Test func aPaymentIDIsFoundInItsFieldAndNotInADescription() throws {
        let dir = try TempDirectory()
        let source = try Self.dump(dir)
        #expect(Self.search(source, "pid_planted") == [7_777])
        #expect(Self.search(source, "cap-x") == [7_777])
        // Known matches are not looked at again.
        #expect(Self.search(source, "pid_planted", known: PositionSet([7_777])) == [])
        #expect(Self.search(source, "no such id anywhere") == [])
        // In every order's bytes (the currency), in no identifier: dismissed without a parse.
        #expect(Self.search(source, "nok") == [])
        #expect(Self.search(source, "ID-999") == [999] + Array(9_990...9_999))
    }

    @Test func anEmailMatchesOnlyWhileNotRedacted() throws {
        let dir = try TempDirectory()
        let source = try Self.dump(dir)
        #expect(Self.search(source, "KARI@post") == [5_000])
        #expect(Self.search(source, "kari@post", redacted: true) == [])
    }

    @Test func aStoppedPassAnswersNil() throws {
        let dir = try TempDirectory()
        let source = try Self.dump(dir)
        let snapshot = source.store.snapshot()
        let control = SearchControl(total: snapshot.count)
        control.stop()
        let found = source.identifierMatches(
            OrderIdentifiers.needle("pid"), rows: 0..<snapshot.count, snapshot: snapshot,
            known: PositionSet(),
            redacted: false, control: control)
        #expect(found == nil)
        #expect(control.done == 0)
    }
}
