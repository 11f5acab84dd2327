import DinteroMock
import Foundation
import OrderIndex
import OrderModel
import OrderSources
import TestTiming
import Testing

/// An interrupted fetch keeps its whole pages beside the target and `resume` goes on from
/// there: faults that outlast the retries at every page in turn, and a cancel (Ctrl-C).
@Suite("Fetch resume", .onWaitingExecutor)
struct FetchResumeTests {
    static let count = 230

    @Test(arguments: [PagingVariant.envelopeByLastID, .shortPagesWithToken, .nextLink])
    func aFaultAtEveryPageKeepsProgressAndResumeSavesEachOrderOnce(variant: PagingVariant) async throws {
        var faultAt = 0
        while true {
            var configuration = APIFixtures.configuration(Self.count)
            variant.apply(to: &configuration)
            configuration.faultsAfter = faultAt
            configuration.fail500Count = 2
            let server = try DinteroMockServer.start(configuration)
            defer { server.stop() }
            let directory = try FetchTests.directory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let path = directory + "/out.json"
            let source = try APIFixtures.source(server, maxAttempts: 2)
            do {
                try await OrderDumpFetcher.fetch(from: source, to: path, gzip: false, pageSize: 50)
                // No request was left for the fault to hit: a fault was tried at every one.
                #expect(faultAt == server.apiRequests.count && faultAt >= 5)
                #expect(try FetchTests.savedOrders(path) == APIFixtures.orders(Self.count))
                return
            } catch {
                #expect((error as? SourceError)?.message.contains("injected failure") == true, "\(error)")
            }
            #expect(!FileManager.default.fileExists(atPath: path))
            let kept = OrderDumpFetcher.progress(for: path)
            // A failure on the first page has nothing to keep.
            #expect((kept == nil) == (faultAt == 0), "fault at request \(faultAt)")
            let resumed = try await OrderDumpFetcher.fetch(
                from: try APIFixtures.source(server), to: path, gzip: false, pageSize: 50, resume: kept != nil
            )
            #expect(resumed == Self.count)
            #expect(
                try FetchTests.savedOrders(path) == APIFixtures.orders(Self.count),
                "fault at request \(faultAt)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["out.json"])
            faultAt += 1
            try #require(faultAt < 40)
        }
    }

    @Test func cancelKeepsWholePagesAndResumeFinishes() async throws {
        var configuration = APIFixtures.configuration(Self.count)
        configuration.latencyMilliseconds = 20
        let server = try DinteroMockServer.start(configuration)
        defer { server.stop() }
        let directory = try FetchTests.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/out.json.gz"
        let source = try APIFixtures.source(server)
        let box = FetchCancellation()
        let task = Task {
            try await OrderDumpFetcher.fetch(from: source, to: path, gzip: true, pageSize: 20) { state in
                if state.saved >= 60 { box.cancel() }
            }
        }
        box.attach(task)
        await #expect(throws: SourceError.cancelled) { try await task.value }
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(OrderDumpFetcher.progress(for: path) != nil)
        // A new fetch does not silently throw the progress away.
        await #expect(throws: SourceError.self) {
            try await OrderDumpFetcher.fetch(from: source, to: path, gzip: true, pageSize: 20)
        }
        // Nor does a resume with other filters or another page size mix orders.
        await #expect(throws: SourceError.self) {
            try await OrderDumpFetcher.fetch(from: source, to: path, gzip: true, pageSize: 50, resume: true)
        }
        server.resetLog()
        let saved = try await OrderDumpFetcher.fetch(
            from: source, to: path, gzip: true, pageSize: 20, resume: true)
        #expect(saved == Self.count)
        // It went on after the pages it had: the first request asked for what followed them.
        #expect(server.apiRequests.first?.queryValue("starting_after") != nil)
        let dump = try DumpSource.open(paths: [path])
        #expect(dump.count == Self.count)
        for index in 0..<Self.count {
            #expect(try dump.json(at: index) == APIFixtures.orders(Self.count)[index])
        }
        #expect(OrderDumpFetcher.progress(for: path) == nil)
    }
}
