import DinteroMock
import Foundation
import JSONCore
import OrderModel
import TestTiming
import Testing

@testable import OrderSources

/// Orders pass through the mock and `fetch` as the bytes they were written in: a lone
/// surrogate escape (which a Swift string cannot hold: parsed, it becomes U+FFFD) and the
/// source's choice of escapes survive.
@Suite("Orders kept as their source bytes", .onWaitingExecutor)
struct SourceBytesTests {
    /// Three orders, pretty-printed as a dump might be; the second holds lone surrogates, the
    /// third an escaped `å` and `/`.
    static let dump = """
        [
          {"id": "ord-a", "created_at": "2024-01-01T10:00:00Z", "status": "open", "gross_amount": 100,
           "events": [{"id": "ev-a", "version": 1}]},
          {"id": "ord-b", "created_at": "2024-01-02T10:00:00Z", "status": "open", "gross_amount": 200,
           "customer": {"first_name": "Bad \\ud800 half", "last_name": "\\udfff\\ud800x"},
           "events": [{"id": "ev-b", "version": 1, "note": "\\ud83d"}]},
          {"id": "ord-c", "created_at": "2024-01-03T10:00:00Z", "status": "open", "gross_amount": 300,
           "customer": {"first_name": "\\u00e5se \\/ \\u0041"}}
        ]
        """

    static func configuration() throws -> MockConfiguration {
        let loaded = try MockConfiguration.parseDumpWithSources(Array(dump.utf8))
        var configuration = APIFixtures.configuration(0)
        configuration.orders = loaded.orders
        configuration.orderSources = loaded.sources
        return configuration
    }

    @Test func theMockServesEachOrderAsWritten() async throws {
        let server = try DinteroMockServer.start(try Self.configuration())
        defer { server.stop() }
        let source = try APIFixtures.source(server)
        let document = try await source.orderDocument(id: "ord-b")
        let text = String(decoding: document.source, as: UTF8.self)
        #expect(text.contains(#""first_name":"Bad \ud800 half""#), "\(text)")
        #expect(text.contains(#""last_name":"\udfff\ud800x""#))
        #expect(text.contains(#""note":"\ud83d""#))
        // Parsed, the same order has lost them: why the bytes are kept.
        #expect(document.json["customer"]?["first_name"]?.stringValue == "Bad \u{FFFD} half")
    }

    @Test(arguments: [false, true])
    func fetchSavesTheSurrogateEscapesByteForByte(listWithoutEvents: Bool) async throws {
        var configuration = try Self.configuration()
        configuration.listWithoutEvents = listWithoutEvents
        let server = try DinteroMockServer.start(configuration)
        defer { server.stop() }
        let directory = try FetchTests.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/out.json"
        let saved = try await OrderDumpFetcher.fetch(
            from: try APIFixtures.source(server), to: path, gzip: false, pageSize: 2)
        #expect(saved == 3)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(#""first_name":"Bad \ud800 half""#), "\(text)")
        #expect(text.contains(#""last_name":"\udfff\ud800x""#))
        #expect(text.contains(#""note":"\ud83d""#))
        #expect(text.contains(#""first_name":"\u00e5se \/ \u0041""#))
        #expect(!text.contains("\u{FFFD}"))
        // Each order is its source, whitespace aside.
        let sources = try Self.configuration().orderSources
        for source in sources {
            #expect(text.contains(String(decoding: source, as: UTF8.self)))
        }
    }

    /// `fetch --update`: the dump's kept orders and the server's new or changed ones are all
    /// written as their source bytes.
    @Test(arguments: [false, true])
    func updateKeepsTheSurrogateEscapesOfKeptAndFetchedOrders(listWithoutEvents: Bool) async throws {
        let directory = try FetchTests.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // The dump holds ord-a and an older ord-b with its own lone surrogate; the server holds
        // ord-b changed later (with other surrogates) and ord-c, new.
        let dump = """
            [
              {"id": "ord-a", "created_at": "2024-01-01T10:00:00Z", "status": "open",
               "customer": {"first_name": "Kept \\udc00 here"}},
              {"id": "ord-b", "created_at": "2024-01-01T09:00:00Z", "status": "open"}
            ]
            """
        let path = directory + "/orders.json"
        try dump.write(toFile: path, atomically: true, encoding: .utf8)
        var configuration = try Self.configuration()
        configuration.listWithoutEvents = listWithoutEvents
        let server = try DinteroMockServer.start(configuration)
        defer { server.stop() }
        let update = try await OrderDumpUpdater.update(
            from: try APIFixtures.source(server), dump: path, to: directory + "/merged.json", gzip: false,
            pageSize: 2)
        #expect(update == DumpUpdate(kept: 1, changed: 1, added: 1))
        let text = try String(contentsOfFile: directory + "/merged.json", encoding: .utf8)
        #expect(text.contains(#""first_name":"Kept \udc00 here""#), "\(text)")
        #expect(text.contains(#""first_name":"Bad \ud800 half""#))
        #expect(text.contains(#""note":"\ud83d""#))
        #expect(text.contains(#""first_name":"\u00e5se \/ \u0041""#))
        #expect(!text.contains("\u{FFFD}"))
    }

    @Test func listEntriesWithoutEventsKeepTheRestAsWritten() throws {
        let bytes = Array(#"{"id":"x", "events" : [1, {"a": "}"}], "name": "\ud800", "events": []}"#.utf8)
        let stripped = bytes.withUnsafeBytes { JSONSpans.object($0, at: 0..<$0.count, removing: "events") }
        #expect(stripped.map { String(decoding: $0, as: UTF8.self) } == #"{"id":"x","name":"\ud800"}"#)
    }

    @Test func compactKeepsEscapesAndStringSpaces() {
        let text = "{ \"a\" : \"x  y\\\" \\n\", \"b\": [ 1 , 2 ],\n \"c\": \"raw\nline\" }"
        #expect(
            String(decoding: JSONSpans.compact(Array(text.utf8)), as: UTF8.self)
                == #"{"a":"x  y\" \n","b":[1,2],"c":"raw\nline"}"#)
    }

    @Test func listedObjectsAreFoundInPagesAndArrays() throws {
        for text in [
            #"{"orders": [ {"id":"1"}, 5, {"id":"2"} ], "paging_token": "t"}"#, #" [{"id":"1"},{"id":"2"}] "#,
        ] {
            let bytes = Array(text.utf8)
            let spans = try #require(
                bytes.withUnsafeBytes { JSONSpans.listedObjects(in: $0, listKeys: ["orders"]) })
            #expect(
                spans.map { String(decoding: bytes[$0], as: UTF8.self) } == [#"{"id":"1"}"#, #"{"id":"2"}"#])
        }
    }
}
