import DinteroMock
import Foundation
import JSONCore
import OrderIndex
import OrderModel
import OrderSources
import TestTiming
import Testing

/// The ways a server may page its order list, each a mock configuration. The real orders API
/// documents none of them, so the client must get every order once under each.
enum PagingVariant: String, CaseIterable, Sendable {
    case envelopeByLastID, bareArray, pagingToken, nextPageToken, startingAfterToken, lastEvaluatedKey,
        nextLink
    case shortPagesWithToken, shortPagesWithLink, limitCap40, ignoresStartingAfter

    func apply(to configuration: inout MockConfiguration) {
        switch self {
        case .envelopeByLastID: break
        case .bareArray: configuration.listBody = .bareArray
        case .pagingToken: configuration.tokenName = "paging_token"
        case .nextPageToken: configuration.tokenName = "next_page_token"
        case .startingAfterToken: configuration.tokenName = "starting_after"
        case .lastEvaluatedKey: configuration.tokenName = "last_evaluated_key"
        case .nextLink: configuration.tokenName = "next"
        case .shortPagesWithToken:
            configuration.tokenName = "paging_token"
            configuration.shortPages = true
        case .shortPagesWithLink:
            configuration.tokenName = "next"
            configuration.shortPages = true
        case .limitCap40: configuration.maxLimit = 40
        case .ignoresStartingAfter: configuration.ignoreStartingAfter = true
        }
    }

    /// The mock-api flags that select the variant.
    var flags: [String] {
        switch self {
        case .envelopeByLastID: return []
        case .bareArray: return ["--bare-array"]
        case .pagingToken: return ["--token-name", "paging_token"]
        case .nextPageToken: return ["--token-name", "next_page_token"]
        case .startingAfterToken: return ["--token-name", "starting_after"]
        case .lastEvaluatedKey: return ["--token-name", "last_evaluated_key"]
        case .nextLink: return ["--token-name", "next"]
        case .shortPagesWithToken: return ["--token-name", "paging_token", "--short-pages"]
        case .shortPagesWithLink: return ["--token-name", "next", "--short-pages"]
        case .limitCap40: return ["--max-limit", "40"]
        case .ignoresStartingAfter: return ["--ignore-starting-after"]
        }
    }

    /// A server that answers the first page for every cursor: the client must stop, not loop.
    var loops: Bool { self == .ignoresStartingAfter }
}

@Suite("Paging matrix: every way the API may page", .onWaitingExecutor)
struct PagingMatrixTests {
    static let count = 230

    static func server(_ variant: PagingVariant) throws -> DinteroMockServer {
        var configuration = APIFixtures.configuration(count)
        variant.apply(to: &configuration)
        return try DinteroMockServer.start(configuration)
    }

    @Test(arguments: PagingVariant.allCases)
    func browsePagingListsEveryOrderOnce(variant: PagingVariant) async throws {
        let server = try Self.server(variant)
        defer { server.stop() }
        let source = try APIFixtures.source(server)
        let expected = (0..<Self.count).map { String(format: "ord-%04d", $0) }
        if variant.loops {
            await #expect {
                _ = try await APIFixtures.listAll(source, limit: 100)
            } throws: { error in
                (error as? SourceError)?.message.contains("ignore starting_after") == true
            }
            return
        }
        let all = try await APIFixtures.listAll(source, limit: 100)
        #expect(all.map(\.id) == expected)
    }

    @Test(arguments: PagingVariant.allCases)
    func fetchSavesEveryOrderOnce(variant: PagingVariant) async throws {
        let server = try Self.server(variant)
        defer { server.stop() }
        let directory = NSTemporaryDirectory() + "orderscope-matrix-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/out.json"
        let source = try APIFixtures.source(server)
        if variant.loops {
            await #expect {
                try await OrderDumpFetcher.fetch(from: source, to: path, gzip: false, pageSize: 100)
            } throws: { error in
                (error as? SourceError)?.message.contains("ignore starting_after") == true
            }
            #expect(!FileManager.default.fileExists(atPath: path))
            return
        }
        let saved = try await OrderDumpFetcher.fetch(from: source, to: path, gzip: false, pageSize: 100)
        #expect(saved == Self.count)
        // The dump itself, not the fetcher's count: every order once, in list order, whole.
        let dump = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        #expect(dump.arrayValue == APIFixtures.orders(Self.count))
    }

    @Test func limitAboveTheServersCapIsLoweredOnceAndKept() async throws {
        let server = try Self.server(.limitCap40)
        defer { server.stop() }
        let all = try await APIFixtures.listAll(try APIFixtures.source(server), limit: 100)
        #expect(all.count == Self.count)
        let requests = server.apiRequests
        #expect(requests.first?.status == 400 && requests.first?.queryValue("limit") == "100")
        #expect(requests.dropFirst().allSatisfy { $0.status == 200 && $0.queryValue("limit") == "40" })
        // 230 orders in pages of 40 and the empty page after them.
        #expect(requests.count == 1 + 6 + 1)
    }

    @Test func tokensArePassedBackAsStartingAfterWhateverThePageLength() async throws {
        let server = try Self.server(.shortPagesWithToken)
        defer { server.stop() }
        let all = try await APIFixtures.listAll(try APIFixtures.source(server), limit: 30)
        #expect(all.count == Self.count)
        let requests = server.apiRequests
        let cursors = requests.map { $0.queryValue("starting_after") }
        #expect(cursors.first == .some(nil))
        #expect(cursors.dropFirst().allSatisfy { $0?.hasPrefix("pt_") == true }, "\(cursors)")
        // Short pages did not stop the client; the page without a token did (no order id was
        // sent to a server that pages by tokens).
        #expect(requests.count > Self.count / 30 + 1)
        #expect(requests.allSatisfy { $0.status == 200 })
    }
}
