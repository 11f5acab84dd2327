import Foundation
import JSONCore
import OrderIndex
import OrderModel
import Testing

@testable import OrderSources

@Suite("The documented example order")
struct DumpExampleOrderTests {
    static let path = Fixtures.path("example-order.json")

    @Test(arguments: ["example-order.json", "example-order.json.gz"])
    func summaryColumns(file: String) throws {
        let source = try DumpSource.open(paths: [Fixtures.path(file)])
        #expect(source.count == 1)
        let summary = try #require(source.summaries.first)
        #expect(summary.id == "3c90c3cc-0d44-4b50-8888-8dd25736052a")
        #expect(summary.orderNumber == "order123456")
        #expect(summary.createdAt == "2023-11-07T05:31:56Z")
        #expect(summary.customerName == "John Doe")
        #expect(summary.customerEmail == "customer@example.com")
        #expect(summary.customerPhone == "+4799999999")
        #expect(summary.companyName == "TKP tech AS")
        #expect(summary.status == "open")
        #expect(summary.paymentStatus == "pending")
        #expect(summary.grossAmount == 59800)
        #expect(summary.currency == "NOK")
        #expect(summary.storeID == "SL02")
        #expect(summary.maskedPANs == ["4444 **** **** 4448"])
        #expect(summary.bookingIDs.contains("NE 138 47794"))
        #expect(summary.bookingIDs.contains("TV 347794"))
        #expect(summary.bookingIDs.count == 2)  // repeats are kept once
        #expect(summary.hasAttachments)
        #expect(summary.anomalyCount == nil)
    }

    @Test func roundTripEqualsParserOnTheOriginalBytes() async throws {
        let source = try DumpSource.open(paths: [Self.path])
        let order = try await source.order(id: "3c90c3cc-0d44-4b50-8888-8dd25736052a")
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.path)))
        let expected = try JSONParser.parse(bytes)
        #expect(order.raw == expected)
        // By order number too.
        #expect(try await source.order(id: "order123456").raw == expected)
    }

    @Test func roundTripInsideAnArrayUsesOnlyTheOrdersSlice() throws {
        let text = try String(contentsOfFile: Self.path, encoding: .utf8)
        let dir = try TempDirectory()
        let file = try dir.write(
            "three.json", "[\n" + sampleOrder(1) + ",\n" + text + ",\n" + sampleOrder(2) + "]")
        let source = try DumpSource.open(paths: [file])
        #expect(source.count == 3)
        let middle = try source.loadOrder(id: "3c90c3cc-0d44-4b50-8888-8dd25736052a")
        #expect(middle.raw == (try JSONParser.parse(text)))
        #expect(try source.loadOrder(id: "id-2").raw == (try JSONParser.parse(sampleOrder(2))))
        source.withRawBytes(at: 0) { bytes in
            #expect(String(decoding: bytes, as: UTF8.self) == sampleOrder(1))
        }
    }

    @Test func sessionLookup() async throws {
        let source = try DumpSource.open(paths: [Self.path])
        let orderID = "3c90c3cc-0d44-4b50-8888-8dd25736052a"
        let session = try await source.session(
            orderID: orderID, sessionID: "bd04c959-d159-49b4-a096-2d84e014a8da")
        #expect(session.raw["amount"] == .number("27840"))
        await #expect(throws: SourceError.sessionNotFound(orderID: orderID, sessionID: "nope")) {
            try await source.session(orderID: orderID, sessionID: "nope")
        }
        await #expect(throws: SourceError.orderNotFound(id: "missing")) {
            try await source.order(id: "missing")
        }
    }

    @Test func forEachOrderVisitsEveryOrderInOrder() throws {
        let source = try DumpSource.open(paths: [Fixtures.path("orders-array.json"), Self.path])
        var seen: [String] = []
        try source.forEachOrder { index, order in
            #expect(order.raw["id"]?.stringValue == source.summaries[index].id)
            seen.append(source.summaries[index].id)
        }
        #expect(seen == ["a1", "a2", "a3", "3c90c3cc-0d44-4b50-8888-8dd25736052a"])
    }
}
