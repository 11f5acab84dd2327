import Foundation
import OrderIndex
import Testing

@testable import OrderSources

/// A dump that shrinks while it is mapped reads as zeros past its new end instead of killing
/// the process with SIGBUS (issue 22, item 2).
@Suite("File that shrinks while open")
struct TruncationGuardTests {
    @Test func readingPastTheNewEndGivesZerosAndMarksTheRegion() throws {
        let dir = try TempDirectory()
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let path = try dir.write("shrinks.json", [UInt8](repeating: UInt8(ascii: " "), count: page * 3))
        let descriptor = open(path, O_RDONLY)
        defer { close(descriptor) }
        let region = try #require(MappedRegion.mapFile(descriptor: descriptor, length: page * 3))
        #expect(region.bytes[page * 2] == UInt8(ascii: " "))
        #expect(!region.changedWhileRead)
        #expect(truncate(path, off_t(page)) == 0)
        #expect(region.bytes[page * 2 + 10] == 0)  // SIGBUS before the guard
        #expect(region.changedWhileRead)
        #expect(region.bytes[0] == UInt8(ascii: " "))
    }

    @Test func aDumpThatShrinksAfterIndexingSaysSoAndKeepsWhatWasRead() throws {
        let dir = try TempDirectory()
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let orders = (0..<200).map {
            #"{"id":"o\#($0)","status":"open","currency":"NOK","note":"\#(String(repeating: "x", count: 100))"}"#
        }
        let path = try dir.write("orders.json", "[\n" + orders.joined(separator: ",\n") + "\n]\n")
        let source = try DumpSource.open(paths: [path])
        #expect(source.count == 200)
        #expect(truncate(path, off_t(page)) == 0)
        #expect(throws: SourceError.self) { try source.loadOrder(id: "o199") }
        #expect(try source.loadOrder(id: "o0").id == "o0")
        #expect(source.changedFiles == [path])
        #expect(
            source.problems.contains {
                $0.fileChanged && $0.message.hasPrefix("the file changed while it was read")
            })
    }
}
