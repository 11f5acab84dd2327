import JSONCore
import Testing

@testable import OrderModel

@Suite("Payout tree of any depth")
struct PayoutTreeTests {
    /// `{"items":[{"payout":{"destinations":[{"amount":N,"destinations":[ ... ]}]}}]}` nested `depth` levels.
    static func nestedOrderJSON(depth: Int) -> String {
        var text = #"{"items":[{"line_id":1,"payout":{"destinations":["#
        for level in 0..<depth {
            text += #"{"type":"percentage","value":"\#(level)","amount":\#(depth - level),"destinations":["#
        }
        text += String(repeating: "]}", count: depth)
        text += "]}}]}"
        return text
    }

    @Test func thousandLevelsFromJSON() throws {
        let order = try Fixtures.order(text: Self.nestedOrderJSON(depth: 1_000))
        #expect(order.decodeIssues.isEmpty)
        let tree = try #require(order.items.first?.payout)
        #expect(tree.count == 1_000)
        #expect(tree.maxDepth == 999)
        #expect(tree.roots == [0])
        for (index, node) in tree.nodes.enumerated() {
            #expect(node.depth == index)
            #expect(node.parent == (index == 0 ? nil : index - 1))
            #expect(node.amount == Int64(1_000 - index))
        }
        #expect(tree[999].children.isEmpty)
        #expect(tree[999].value == "999")
        #expect(tree.childAmountSum(of: 0) == 999)
        #expect(tree[2].path.jqPath == ".items[0].payout.destinations[0].destinations[0].destinations[0]")
        #expect(order.rawNode(at: tree[500].path) == tree[500].raw)
    }

    @Test func deepJSONWithRaisedParserLimit() throws {
        let json = try JSONParser.parse(Self.nestedOrderJSON(depth: 5_000), maxDepth: 20_000)
        let order = Order(json: json)
        #expect(order.items.first?.payout?.count == 5_000)
    }

    @Test func hundredThousandLevelsBuiltProgrammatically() {
        var tree = PayoutTree(path: JSONPath.root["items"][0]["payout"])
        var parent: Int? = nil
        for level in 0..<100_000 {
            parent = tree.append(
                type: "percentage", value: "1", amount: Int64(100_000 - level), parent: parent)
        }
        #expect(tree.count == 100_000)
        #expect(tree.maxDepth == 99_999)
        #expect(tree[99_999].parent == 99_998)
        #expect(tree[99_999].path.count == 3 + 2 * 100_000)
        #expect(tree.childAmountSum(of: 0) == 99_999)
        #expect(tree.rootAmountSum == 100_000)
        var copy = tree
        copy.nodes[0].amount = 1
        #expect(copy != tree)
        tree = PayoutTree()
        copy = PayoutTree()
        #expect(tree.isEmpty && copy.isEmpty)
    }

    @Test func siblingsInPreOrder() {
        var tree = PayoutTree(path: JSONPath.root["payout"])
        let a = tree.append(amount: 10, parent: nil)
        let a1 = tree.append(amount: 4, parent: a)
        let a2 = tree.append(amount: 6, parent: a)
        let b = tree.append(amount: 5, parent: nil)
        #expect(tree.roots == [a, b])
        #expect(tree[a].children == [a1, a2])
        #expect(tree.childAmountSum(of: a) == 10)
        #expect(tree[a2].path.description == "payout.destinations[0].destinations[1]")
        #expect(tree[b].path.description == "payout.destinations[1]")
        #expect(tree.rootAmountSum == 15)
    }

    @Test func sumOverflowIsNil() {
        var tree = PayoutTree()
        tree.append(amount: Int64.max, parent: nil)
        tree.append(amount: 1, parent: nil)
        #expect(tree.rootAmountSum == nil)
    }
}
