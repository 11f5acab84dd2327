import OrderViewModel
import Testing

@testable import OrderTUI

/// The `:` command line is parsed from its text alone.
@Suite("command line parser")
struct CommandLineParserTests {
    func parse(_ line: String) -> Result<LineCommand, LineCommandError>? { CommandLineParser.parse(line) }

    @Test func blankLinesDoNothing() {
        #expect(parse("") == nil)
        #expect(parse("   ") == nil)
    }

    @Test func commandsAndTheirAliases() {
        for quit in ["q", "quit", "q!", "exit", "  Q  "] {
            #expect(parse(quit) == .success(.quit), "\(quit)")
        }
        #expect(parse("order  SO-1   2") == .success(.order("SO-1 2")))
        #expect(parse("o abc") == .success(.order("abc")))
        #expect(parse("filter status:open  amount>10") == .success(.filter("status:open amount>10")))
        #expect(parse("f") == .success(.filter("")))
        #expect(parse("find kari") == .success(.find("kari")))
        #expect(parse("help") == .success(.help))
        #expect(parse("raw") == .success(.raw))
        #expect(parse("problems") == .success(.problems))
        #expect(parse("shot s.txt") == .success(.screenshot(path: "s.txt")))
        #expect(parse("copy") == .success(.copy(.value)))
        #expect(parse("y jq") == .success(.copy(.jqPath)))
    }

    @Test func sortTakesAColumnAndADirection() {
        #expect(parse("sort amount") == .success(.sort(.amount, ascending: nil)))
        #expect(parse("sort amount DESC") == .success(.sort(.amount, ascending: false)))
        #expect(parse("sort amount ascending") == .success(.sort(.amount, ascending: true)))
        #expect(
            parse("sort amount up") == .failure(":sort amount takes asc or desc after the column, not up"))
        guard case .failure(let refusal)? = parse("sort nothing") else {
            Issue.record("a bad column parsed")
            return
        }
        #expect(refusal.message.hasPrefix(":sort needs a column: "))
    }

    @Test func exportNeedsAFileAndAFormat() {
        #expect(parse("export out.csv") == .success(.export(path: "out.csv", format: .csv)))
        #expect(parse("w out.txt ndjson") == .success(.export(path: "out.txt", format: .ndjson)))
        #expect(parse("export") == .failure(":export needs a file name (.csv, .json or .ndjson)"))
        #expect(parse("export out.txt")?.isFailure == true)
    }

    @Test func refusalsSayWhatWouldWork() {
        #expect(parse("order") == .failure(":order needs an order id or number"))
        #expect(parse("copy everything") == .failure(":copy takes number, id, value, json, ticket or path"))
        guard case .failure(let refusal)? = parse("frobnicate now") else {
            Issue.record("an unknown command parsed")
            return
        }
        #expect(refusal.message.hasPrefix("unknown command :frobnicate (try :order"))
    }
}

extension Result {
    var isFailure: Bool {
        if case .failure = self { return true }
        return false
    }
}
