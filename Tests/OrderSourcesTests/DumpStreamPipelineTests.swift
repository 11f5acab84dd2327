import Foundation
import OrderIndex
import OrderModel
import Synchronization
import Testing

@testable import OrderSources

/// `check`'s stream decodes batches on the workers while the scan goes on (`BatchDecoder`): what
/// comes out is still in file order, problems included, and a `consume` error stops the pass.
@Suite struct DumpStreamPipelineTests {
    /// Order `k` of a dump of `count`, one a line (line `k + 2`): every 401st (from 7) has an
    /// escape the parser rejects, every 333rd (from 5) a raw tab inside a string; the notes
    /// vary in length so the orders take uneven time to decode.
    static func dump(_ count: Int) -> String {
        let orders = (0..<count).map { k in
            let note =
                k % 401 == 7
                ? "bad \\q escape"
                : k % 333 == 5 ? "tab\there" : String(repeating: "n", count: (k * 37) % 900)
            return #"{"id":"o\#(k)","status":"open","gross_amount":\#(k),"note":"\#(note)"}"#
        }
        return "[\n" + orders.joined(separator: ",\n") + "\n]\n"
    }

    @Test func manyBatchesComeBackInFileOrderWithTheirProblems() throws {
        let dir = try TempDirectory()
        let count = 6_000  // some two dozen batches of the scanner's
        let path = try dir.write("many.json", Self.dump(count))
        var seen: [String] = []
        let problems = try DumpSource.streamOrders(
            path: path,
            transform: { order in
                // Some orders take much longer, so later chunks finish first.
                if (order.grossAmount ?? 0) % 97 == 0 { usleep(300) }
                return order.id ?? "?"
            },
            consume: { seen.append($0) })
        let unreadable = (0..<count).filter { $0 % 401 == 7 }
        let tabbed = (0..<count).filter { $0 % 333 == 5 }
        #expect(seen == (0..<count).filter { $0 % 401 != 7 }.map { "o\($0)" })
        // Unreadable orders first, then text problems, each in file order.
        #expect(problems.map(\.line) == (unreadable + tabbed).map { $0 + 2 })
        #expect(
            problems.prefix(unreadable.count).map(\.message)
                == unreadable.map {
                    "order o\($0) cannot be read: invalid escape \\q in a string; it was skipped"
                })
        #expect(
            problems.suffix(tabbed.count).map(\.message)
                == tabbed.map {
                    "order o\($0): raw control character U+0009 inside a string (JSON needs it escaped; the order is still read)"
                })
    }

    @Test func unreadableOrdersArePlacedAsWhenEachIsOpenedAlone() throws {
        let dir = try TempDirectory()
        let path = try dir.write("bad.json", Self.dump(3_000))
        var count = 0
        let problems = try DumpSource.streamOrders(path: path) { _ in count += 1 }
        let unreadable = problems.filter { $0.message.contains("cannot be read") }
        // Located from the problem before (one pass over the lines), yet where the index puts them.
        let source = try DumpSource.open(paths: [path])
        var alone: [[Int?]] = []
        for index in (0..<3_000).filter({ $0 % 401 == 7 }) {
            do {
                _ = try source.order(at: index)
            } catch {
                if case .malformed(let problem) = error { alone.append([problem.line, problem.column]) }
            }
        }
        #expect(unreadable.map { [$0.line, $0.column] } == alone)
        #expect(unreadable.count == 8)
        #expect(count == 3_000 - 8)
    }

    struct Stop: Error, Equatable {}

    @Test func aConsumeErrorStopsThePass() throws {
        let dir = try TempDirectory()
        let count = 10_000
        let path = try dir.write("stop.json", Self.dump(count))
        let transformed = Counter()
        var seen: [Int] = []
        #expect(throws: Stop.self) {
            _ = try DumpSource.streamOrders(
                path: path,
                transform: { order in
                    transformed.increment()
                    return Int(order.grossAmount ?? -1)
                },
                consume: { value in
                    seen.append(value)
                    if value == 1_234 { throw Stop() }
                })
        }
        // Everything up to the failing order, in order, and nothing after it.
        #expect(seen == (0...1_234).filter { $0 % 401 != 7 })
        // Only the few batches already in flight were decoded past it, not the rest of the file.
        #expect(transformed.value < count / 2)
    }

    @Test func aDumpCutShortStillGivesEveryCompleteOrderInOrder() throws {
        let dir = try TempDirectory()
        let whole = Self.dump(3_000)
        // Cut inside order 2,500 (line 2,502).
        let cut = try #require(whole.range(of: #"{"id":"o2500""#)).upperBound
        let path = try dir.write("cut.json", String(whole[..<cut]))
        var seen: [String] = []
        let problems = try DumpSource.streamOrders(path: path) { seen.append($0.id ?? "?") }
        #expect(seen == (0..<2_500).filter { $0 % 401 != 7 }.map { "o\($0)" })
        #expect(problems.first?.line == 2_502)
        #expect(problems.first?.message.contains("the file ends in the middle of order 2501") == true)
    }
}

/// A count the workers bump.
private final class Counter: Sendable {
    private let count = Atomic<Int>(0)
    func increment() { count.add(1, ordering: .relaxed) }
    var value: Int { count.load(ordering: .relaxed) }
}
