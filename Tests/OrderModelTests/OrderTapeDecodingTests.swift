import Foundation
import JSONCore
import Testing

@testable import OrderModel

/// The whole-order decoder (`JSONTape` → `Order(tape:)`, issue 19) against the tree decoder
/// (`JSONParser` → `JSONValue` → `Order(json:)`): the same orders, the same decode issues, the
/// same errors (reason and offset) and text issues for damaged bytes.
@Suite("Order decoding from a tape")
struct OrderTapeDecodingTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // OrderModelTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package

    static func fileBytes(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: root.appendingPathComponent(relative)))
    }

    /// Both decoders over `bytes`: the parse error (reason, offset) or the tree, the text issues.
    static func bothReadings(_ bytes: [UInt8]) -> (
        tree: Result<JSONValue, JSONParseError>, tape: Result<JSONTape, JSONParseError>,
        treeIssues: JSONTextIssues, tapeIssues: JSONTextIssues
    ) {
        bytes.withUnsafeBytes { buffer in
            var treeIssues = JSONTextIssues()
            var tapeIssues = JSONTextIssues()
            let tree = Result { () throws(JSONParseError) in
                try JSONParser.parse(buffer, textIssues: &treeIssues)
            }
            let tape = Result { () throws(JSONParseError) in try JSONTape(buffer, textIssues: &tapeIssues) }
            return (tree, tape, treeIssues, tapeIssues)
        }
    }

    /// Every order of a dump file (a top-level array) decodes the same both ways.
    @Test(arguments: [
        "Resources/demo-orders.json", "Resources/sample-orders.json", "Tests/Fixtures/dumps/hostile.json",
        "Tests/Fixtures/dumps/example-order.json", "Tests/Fixtures/model/seed-order.json",
    ])
    func dumpOrdersDecodeTheSame(file: String) throws {
        let bytes = try Self.fileBytes(file)
        try bytes.withUnsafeBytes { buffer in
            var treeIssues = JSONTextIssues()
            var tapeIssues = JSONTextIssues()
            let json = try JSONParser.parse(buffer, textIssues: &treeIssues)
            let tape = try JSONTape(buffer, textIssues: &tapeIssues)
            #expect(treeIssues == tapeIssues)
            #expect(tape.value() == json)
            if case .array(let orders) = json {
                #expect(!orders.isEmpty)
                var element = 1
                for order in orders {
                    let fromTape = Order(tape: tape, at: element, keepingRaw: true)
                    let fromTree = Order(json: order)
                    #expect(fromTape == fromTree, "order \(fromTree.displayNumber) of \(file)")
                    #expect(fromTape.decodeIssues == fromTree.decodeIssues)
                    // Without the raw JSON, every field and issue is still the same.
                    let lean = Order(tape: tape, at: element)
                    #expect(lean.items.map(\.grossAmount) == fromTree.items.map(\.grossAmount))
                    #expect(lean.decodeIssues == fromTree.decodeIssues)
                    #expect(lean.raw == .null)
                    // Decoded for the checks: the same issues at the same paths.
                    let checked = Order(tape: tape, at: element, forChecks: true)
                    #expect(checked.decodeIssues == fromTree.decodeIssues)
                    #expect(checked.items.map(\.path) == fromTree.items.map(\.path))
                    element = tape[element].after
                }
            } else {
                #expect(Order(tape: tape, keepingRaw: true) == Order(json: json))
            }
        }
    }

    /// Each node of the seed order replaced by values of every other kind (and some that
    /// look right but are not: `1e400`, `"12.5"`, escaped text): the same order and issues.
    @Test func everyFieldOfTheSeedOrderWithWrongTypes() throws {
        let seed = try JSONParser.parse(try Self.fileBytes("Tests/Fixtures/model/seed-order.json"))
        let replacements: [JSONValue] = [
            .null, .bool(true), .bool(false), .number("1e400"), .number("-12.00"), .number("0"),
            .string("abc"), .string("12.5"), .string(" 42 "), .string("tab\there \u{1F600} \"q\""),
            .array([.number("1"), .null, .string("x")]), .object(JSONObject([("amount", .string("x"))])),
        ]
        var paths: [[JSONPath.Component]] = []
        Self.collectPaths(seed, into: &paths, prefix: [])
        #expect(paths.count > 300)
        var compared = 0
        for (index, path) in paths.enumerated() {
            // Every node with one replacement (rotating), and the top two levels with all.
            let chosen = path.count <= 2 ? replacements : [replacements[index % replacements.count]]
            for replacement in chosen {
                let changed = Self.replacing(seed, at: path[...], with: replacement)
                let bytes = changed.serializedBytes()
                let fromTree = Order(json: try JSONParser.parse(bytes))
                let fromTape = try bytes.withUnsafeBytes { buffer in
                    var issues = JSONTextIssues()
                    return Order(tape: try JSONTape(buffer, textIssues: &issues), keepingRaw: true)
                }
                #expect(fromTape == fromTree, "\(JSONPath(path)) = \(replacement)")
                // Decoded for the checks alone: the same issues (the checks report them), the
                // same fields the checks read (raw kept here, so nested values compare whole).
                let forChecks = try bytes.withUnsafeBytes { buffer in
                    var issues = JSONTextIssues()
                    return Order(
                        tape: try JSONTape(buffer, textIssues: &issues), keepingRaw: true, forChecks: true)
                }
                #expect(forChecks.decodeIssues == fromTree.decodeIssues, "\(JSONPath(path)) = \(replacement)")
                #expect(forChecks.items.map(\.payout) == fromTree.items.map(\.payout))
                for (checked, whole) in zip(forChecks.items, fromTree.items) {
                    #expect(checked.grossAmount == whole.grossAmount && checked.netAmount == whole.netAmount)
                    #expect(checked.discountLines.map(\.amount) == whole.discountLines.map(\.amount))
                    #expect(checked.taxLines.map(\.path) == whole.taxLines.map(\.path))
                    for (line, wholeLine) in zip(checked.taxLines, whole.taxLines) {
                        #expect(line.amount == wholeLine.amount && line.taxBasis == wholeLine.taxBasis)
                        #expect(line.percentage == wholeLine.percentage)
                        #expect(line.percentageText == wholeLine.percentageText)
                        #expect(
                            line.exempt == wholeLine.exempt
                                && line.includedInPrice == wholeLine.includedInPrice)
                    }
                }
                #expect(forChecks.items.count == fromTree.items.count)
                #expect(forChecks.items.map(\.lineID) == fromTree.items.map(\.lineID))
                #expect(forChecks.operations.map(\.timestamp) == fromTree.operations.map(\.timestamp))
                #expect(forChecks.operations.map(\.amount) == fromTree.operations.map(\.amount))
                #expect(forChecks.paymentDetails?.amountDue == fromTree.paymentDetails?.amountDue)
                #expect(forChecks.displayNumber == fromTree.displayNumber)
                compared += 1
            }
        }
        #expect(compared > paths.count)
    }

    /// Orders decoded for the checks alone build the paths of the values they skim only for
    /// their issues, from the tape: the same issues at the same paths as the tree decoder,
    /// under repeated keys (the last counts), escaped keys, keys over 15 bytes, skimmed arrays
    /// and elements, and for orders that are not the tape's root (a dump's array elements).
    @Test func skimmedValuesIssuesHaveTheirPaths() throws {
        let order = #"""
            {"order_number": "A-1", "customer": {"first_name": 1, "addresses": [null, {"postal_code": []},
              "x", {"country": {}}], "marketing_consent": {"sms": {"consent": "maybe"}}},
             "shipping\u005faddress": {"first_name": [1]}, "billing_address": {"last_name": {}},
             "store": {"name": []}, "store": {"name": {"a": 1}, "comments": ["ok", 2, null, {}]},
             "sessions": [1, {"id": []}], "events": "x", "comments": [{"comment": []}],
             "external_links": [{"text": {}}], "items": [{"line_id": 1, "gross_amount": 100,
              "groups": [{"id": []}], "store": {"id": {}}, "dimension": {"color": []},
              "description_alias": [], "description_alias": "fine"}],
             "captures": [{"amount": 5, "items": [{"line_id": {}}], "payment_details": {"card": {"brand": []}},
              "_links": [{"href": []}]}]}
            """#
        let dump = "[{\"order_number\": \"A-0\"}, \(order), \(order)]"
        let whole = Order(json: try JSONParser.parse(Array(order.utf8)))
        #expect(whole.decodeIssues.count > 15)
        let paths = Set(whole.decodeIssues.map(\.path.description))
        #expect(paths.contains("store.name"))
        #expect(paths.contains("shipping_address.first_name"))
        #expect(paths.contains("customer.addresses[1].postal_code"))
        #expect(paths.contains("customer.addresses[2]"))
        #expect(paths.contains("store.comments[3]"))  // 2 reads as text, {} does not
        #expect(!paths.contains("items[0].description_alias"))
        try Array(order.utf8).withUnsafeBytes { buffer in
            var issues = JSONTextIssues()
            let checked = Order(tape: try JSONTape(buffer, textIssues: &issues), forChecks: true)
            #expect(checked.decodeIssues == whole.decodeIssues)
        }
        try Array(dump.utf8).withUnsafeBytes { buffer in
            var issues = JSONTextIssues()
            let tape = try JSONTape(buffer, textIssues: &issues)
            let second = tape[1].after
            #expect(Order(tape: tape, at: second, forChecks: true).decodeIssues == whole.decodeIssues)
            let third = tape[second].after
            #expect(Order(tape: tape, at: third, forChecks: true).decodeIssues == whole.decodeIssues)
        }
    }

    /// Cut at every offset, and bytes flipped: the same error (reason and offset), or the same
    /// value and text issues.
    @Test func damagedBytesFailTheSame() throws {
        let order = try Self.fileBytes("Tests/Fixtures/model/seed-order.json")
        let escapes = try Self.fileBytes("Tests/Fixtures/dumps/escapes.json")
        var cases: [[UInt8]] = []
        for text in [escapes, Array(order.prefix(1500))] {
            for end in 0...text.count { cases.append(Array(text.prefix(end))) }
        }
        var random = SystemRandomNumberGenerator()
        let noise: [UInt8] = [
            0x00, 0x09, 0x22, 0x5C, 0x2C, 0x3A, 0x7B, 0x7D, 0x5B, 0x5D, 0x75, 0xFF, 0xC3, 0x30,
        ]
        for _ in 0..<400 {
            var damaged = order
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                damaged[Int.random(in: 0..<damaged.count, using: &random)] =
                    noise.randomElement(using: &random) ?? 0
            }
            cases.append(damaged)
        }
        cases.append(Array(#"{"a": "\ud83d\ude00 \ud83d x \udc00 \u00e9\/\b\f\n\r\t\\"}"#.utf8))
        cases.append(Array(#"{"a": "\ud83d\u12"}"#.utf8))
        cases.append(Array((String(repeating: "[", count: 20) + String(repeating: "]", count: 20)).utf8))
        for bytes in cases {
            let readings = Self.bothReadings(bytes)
            switch (readings.tree, readings.tape) {
            case (.success(let json), .success(let tape)):
                #expect(tape.value() == json)
                #expect(readings.treeIssues == readings.tapeIssues)
            case (.failure(let treeError), .failure(let tapeError)):
                #expect(treeError.reason == tapeError.reason)
                #expect(treeError.offset == tapeError.offset)
            default:
                Issue.record(
                    "the two readers disagree on \(String(decoding: bytes.prefix(80), as: UTF8.self))")
            }
        }
        // The depth bound is the same.
        let deep = Array((String(repeating: "[", count: 30) + String(repeating: "]", count: 30)).utf8)
        let tooDeep = deep.withUnsafeBytes { buffer in
            var issues = JSONTextIssues()
            return Result { () throws(JSONParseError) in
                try JSONTape(buffer, maxDepth: 10, textIssues: &issues)
            }
        }
        guard case .failure(let error) = tooDeep else {
            Issue.record("a tape 30 deep was read with a bound of 10")
            return
        }
        #expect(error.reason == "nesting deeper than 10 levels")
    }

    static func collectPaths(
        _ value: JSONValue, into paths: inout [[JSONPath.Component]], prefix: [JSONPath.Component]
    ) {
        switch value {
        case .object(let object):
            for (key, member) in object.pairs {
                paths.append(prefix + [.key(key)])
                collectPaths(member, into: &paths, prefix: prefix + [.key(key)])
            }
        case .array(let array):
            for (index, element) in array.enumerated() {
                paths.append(prefix + [.index(index)])
                collectPaths(element, into: &paths, prefix: prefix + [.index(index)])
            }
        default: break
        }
    }

    static func replacing(_ value: JSONValue, at path: ArraySlice<JSONPath.Component>, with new: JSONValue)
        -> JSONValue
    {
        guard let first = path.first else { return new }
        switch (value, first) {
        case (.object(var object), .key(let key)):
            guard let at = object.keys.lastIndex(of: key) else { return value }
            object.values[at] = replacing(object.values[at], at: path.dropFirst(), with: new)
            return .object(object)
        case (.array(var array), .index(let index)) where array.indices.contains(index):
            array[index] = replacing(array[index], at: path.dropFirst(), with: new)
            return .array(array)
        default: return value
        }
    }
}
