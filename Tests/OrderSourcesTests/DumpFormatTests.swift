import Foundation
import OrderIndex
import OrderModel
import Testing

@testable import OrderSources

@Suite("Dump formats")
struct DumpFormatTests {
    @Test func arrayOfOrders() throws {
        let source = try DumpSource.open(paths: [Fixtures.path("orders-array.json")])
        #expect(source.count == 3)
        #expect(source.problems.isEmpty)
        let first = source.summaries[0]
        #expect(first.id == "a1")
        #expect(first.orderNumber == "N-1")
        #expect(first.createdAt == "2024-01-01T10:00:00Z")
        #expect(first.status == "open")
        #expect(first.paymentStatus == "paid")
        #expect(first.grossAmount == 1000)
        #expect(first.currency == "NOK")
        #expect(first.customerName == "Ada Lovelace")
        #expect(source.summaries[1].storeID == "ITEMSTORE")  // first item's store when the order has none
        #expect(source.summaries[2].orderNumber == "OID-3")  // order_id when there is no order_number
        #expect(source.summaries[2].grossAmount == 300)
        #expect(source.summaries[2].storeID == "S3")
        #expect(source.origin == .files([Fixtures.path("orders-array.json")]))
    }

    @Test func listPage() throws {
        let source = try DumpSource.open(paths: [Fixtures.path("orders-page.json")])
        #expect(source.summaries.map(\.id) == ["p1", "p2"])
        // An item that looks like an order inside an order is not an order.
        #expect(source.summaries[1].orderNumber == "P-2")
    }

    @Test func itemsAndDataFallbackPages() throws {
        let dir = try TempDirectory()
        let items = try dir.write(
            "items.json", #"{"items": [{"id": "o1", "order_number": "1"}, {"id": "o2", "currency": "NOK"}]}"#)
        #expect(try DumpSource.open(paths: [items]).summaries.map(\.id) == ["o1", "o2"])
        let data = try dir.write(
            "data.json",
            #"{"data": [{"id": "d1", "status": "open"}, {"id": "d2", "status": "open"}], "next_page_token": "x"}"#
        )
        #expect(try DumpSource.open(paths: [data]).summaries.map(\.id) == ["d1", "d2"])
        // An order whose items are plain order items stays one order.
        let order = try dir.write(
            "order.json", #"{"currency": "NOK", "items": [{"id": "1", "gross_amount": 5, "line_id": 1}]}"#)
        let source = try DumpSource.open(paths: [order])
        #expect(source.count == 1)
        #expect(source.summaries[0].id == "#1")
        // A bare list of order items is not an order.
        let bare = try dir.write("bare.json", #"{"items": [{"id": "1", "gross_amount": 5, "line_id": 1}]}"#)
        #expect(throws: SourceError.self) { try DumpSource.open(paths: [bare]) }
    }

    @Test func singleOrderWithOrderLikeItems() throws {
        let dir = try TempDirectory()
        let file = try dir.write(
            "one.json",
            #"{"id": "top", "items": [{"id": "i", "order_number": "x", "currency": "NOK", "items": []}]}"#)
        let source = try DumpSource.open(paths: [file])
        #expect(source.summaries.map(\.id) == ["top"])
    }

    @Test func ndjsonWithBlankLines() throws {
        let source = try DumpSource.open(paths: [Fixtures.path("orders.ndjson")])
        #expect(source.summaries.map(\.id) == ["n1", "n2", "n3"])
        #expect(source.problems.isEmpty)
    }

    @Test func concatenatedPagesArraysAndObjects() throws {
        let source = try DumpSource.open(paths: [Fixtures.path("concatenated-pages.json")])
        #expect(source.summaries.map(\.id) == ["c1", "c2", "c3", "c4", "c5"])
    }

    @Test func byteOrderMark() throws {
        let source = try DumpSource.open(paths: [Fixtures.path("bom.json")])
        #expect(source.summaries.map(\.id) == ["bom1"])
        let order = try source.order(at: 0)
        #expect(order.raw["id"]?.stringValue == "bom1")
    }

    @Test func gzipFixtures() throws {
        #expect(
            try DumpSource.open(paths: [Fixtures.path("orders-array.json.gz")]).summaries.map(\.id) == [
                "a1", "a2", "a3",
            ])
        #expect(
            try DumpSource.open(paths: [Fixtures.path("orders-ndjson.gz")]).summaries.map(\.id) == [
                "n1", "n2", "n3",
            ])
        // Two gzip members one after the other, as `cat a.gz b.gz` makes.
        let both = try DumpSource.open(paths: [Fixtures.path("two-members.json.gz")])
        #expect(both.summaries.map(\.id) == ["p1", "p2", "a1", "a2", "a3"])
        #expect(both.problems.isEmpty)
    }

    @Test(arguments: [
        ("order", "{\"id\": \"g1\", \"currency\": \"NOK\"}", ["g1"]),
        (
            "array", "[{\"id\": \"g1\", \"status\": \"open\"}, {\"id\": \"g2\", \"status\": \"open\"}]",
            ["g1", "g2"]
        ),
        ("page", "{\"orders\": [{\"id\": \"g1\", \"status\": \"open\"}]}", ["g1"]),
        (
            "ndjson", "{\"id\": \"g1\", \"status\": \"open\"}\n\n{\"id\": \"g2\", \"status\": \"open\"}\n",
            ["g1", "g2"]
        ),
        (
            "concatenated",
            "{\"orders\": [{\"id\": \"g1\", \"status\": \"open\"}]}\n{\"orders\": [{\"id\": \"g2\", \"status\": \"open\"}]}",
            ["g1", "g2"]
        ),
        ("bom", "\u{FEFF}[{\"id\": \"g1\", \"status\": \"open\"}]", ["g1"]),
    ])
    func gzipDetectedByContent(name: String, text: String, ids: [String]) throws {
        let dir = try TempDirectory()
        // No .gz in the name: the magic bytes decide.
        let plain = try dir.write(name + ".json", text)
        let zipped = try dir.write(name + ".dump", gzip(text))
        #expect(try DumpSource.open(paths: [plain]).summaries.map(\.id) == ids)
        #expect(try DumpSource.open(paths: [zipped]).summaries.map(\.id) == ids)
    }

    @Test func escapesInKeptFields() throws {
        let source = try DumpSource.open(paths: [Fixtures.path("escapes.json")])
        let summary = try #require(source.summaries.first)
        #expect(summary.id == "e\"1")
        #expect(summary.orderNumber == "back\\slash")
        #expect(summary.customerFirstName == "Jørgen æ")
        #expect(summary.customerLastName == "Emoji 😀")
        #expect(summary.companyName == "Quote \"AS\"")
        #expect(summary.maskedPANs == ["5555 **** / 1234"])
        let order = try source.loadOrder(id: "e\"1")
        #expect(order.raw["customer"]?["last_name"]?.stringValue == "Emoji 😀")
    }

    @Test func escapedQuotesAndBackslashesDoNotConfuseTheScanner() throws {
        let dir = try TempDirectory()
        let file = try dir.write(
            "tricky.json",
            #"[{"id": "q1", "status": "open", "comment": "ends with backslash \\", "x": "\"[{\"}"}, {"id": "q2", "status": "open", "note": "\\\"}]"}]"#
        )
        let source = try DumpSource.open(paths: [file])
        #expect(source.summaries.map(\.id) == ["q1", "q2"])
    }

    @Test func syntheticIDsAndOrderIDFallback() throws {
        let dir = try TempDirectory()
        let file = try dir.write(
            "ids.json",
            #"[{"order_id": "custom-1", "currency": "NOK"}, {"gross_amount": 5, "currency": "NOK"}, {"id": 42, "currency": "NOK"}]"#
        )
        let source = try DumpSource.open(paths: [file])
        #expect(source.summaries.map(\.id) == ["custom-1", "#2", "42"])
        #expect(try source.loadOrder(id: "#2").raw["gross_amount"] == .number("5"))
    }

    @Test func severalFiles() throws {
        let source = try DumpSource.open(paths: [
            Fixtures.path("orders-array.json"), Fixtures.path("orders.ndjson"),
        ])
        #expect(source.summaries.map(\.id) == ["a1", "a2", "a3", "n1", "n2", "n3"])
        #expect(try source.loadOrder(id: "n2").raw["id"]?.stringValue == "n2")
    }

    @Test func duplicateIDsAreReported() throws {
        let dir = try TempDirectory()
        let file = try dir.write(
            "dups.json", #"[{"id": "d", "currency": "NOK"}, {"id": "d", "currency": "SEK"}]"#)
        let source = try DumpSource.open(paths: [file])
        #expect(source.count == 2)
        #expect(try source.loadOrder(id: "d").raw["currency"]?.stringValue == "NOK")
        #expect(
            source.problems.map(\.message) == [
                "1 order(s) repeat an id already seen (the first is d); opening such an id shows its first copy"
            ])
    }
}

/// A partial file left by a run that was killed outright is removed by the next write of the
/// same name; one that a live writer holds is not (issue 22, item 6).
@Suite struct AbandonedPartialTests {
    @Test func onlyAbandonedPartialsAreRemoved() throws {
        let dir = try TempDirectory()
        let target = dir.path + "/out.json"
        let abandoned = try dir.write("out.json.partial-AbCd12", "[")
        try dir.write("out.json.partial-XyZ987", "[")  // recent: its writer may not hold the lock yet
        let unrelated = try dir.write("other.json.partial-AbCd12", "[")
        var old = [
            timespec(tv_sec: time(nil) - 3600, tv_nsec: 0), timespec(tv_sec: time(nil) - 3600, tv_nsec: 0),
        ]
        #expect(utimensat(AT_FDCWD, abandoned, &old, 0) == 0)
        #expect(utimensat(AT_FDCWD, unrelated, &old, 0) == 0)
        // A live writer: an old file, but locked.
        let live = try dir.write("out.json.partial-Live01", "[")
        #expect(utimensat(AT_FDCWD, live, &old, 0) == 0)
        let holder = open(live, O_RDONLY)
        defer { close(holder) }
        #expect(flock(holder, LOCK_EX) == 0)

        let file = try AtomicFile(path: target)
        try file.write("[]")
        try file.commit()
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: dir.path))
        #expect(
            left == [
                "out.json", "out.json.partial-XyZ987", "other.json.partial-AbCd12", "out.json.partial-Live01",
            ])
    }
}

/// A dump has no follow capability: `browse --follow` needs the API.
@Suite("Dump capabilities")
struct DumpCapabilityTests {
    @Test func aDumpCannotBeFollowed() throws {
        let source: any OrderSource = try DumpSource.open(paths: [Fixtures.path("orders-array.json")])
        #expect(source.followable == nil)
    }
}
