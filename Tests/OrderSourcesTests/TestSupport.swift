import CZlib
import Foundation
import OrderIndex
import OrderModel
import Testing

@testable import OrderSources

/// Paths and helpers shared by the dump tests.
enum Fixtures {
    static let directory: String = {
        var url = URL(fileURLWithPath: #filePath)
        url.deleteLastPathComponent()  // OrderSourcesTests
        url.deleteLastPathComponent()  // Tests
        return url.appendingPathComponent("Fixtures/dumps").path
    }()

    static func path(_ name: String) -> String { directory + "/" + name }
}

/// A temporary directory removed when the value goes away.
final class TempDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "orderscope-dump-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = path + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Array(text.utf8))
    }
}

/// Gzip with zlib's deflate (windowBits 16+15 writes the gzip wrapper).
func gzip(_ input: [UInt8]) -> [UInt8] {
    var stream = z_stream()
    let status = deflateInit2_(
        &stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
        Int32(MemoryLayout<z_stream>.size))
    precondition(status == Z_OK)
    defer { deflateEnd(&stream) }
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(input.count))) + 64)
    var input = input
    let produced = input.withUnsafeMutableBufferPointer { inBuffer in
        output.withUnsafeMutableBufferPointer { outBuffer in
            stream.next_in = inBuffer.baseAddress
            stream.avail_in = UInt32(inBuffer.count)
            stream.next_out = outBuffer.baseAddress
            stream.avail_out = UInt32(outBuffer.count)
            let result = deflate(&stream, Z_FINISH)
            precondition(result == Z_STREAM_END)
            return outBuffer.count - Int(stream.avail_out)
        }
    }
    return Array(output.prefix(produced))
}

func gzip(_ text: String) -> [UInt8] { gzip(Array(text.utf8)) }

/// A compact order object with the list columns filled in.
func sampleOrder(_ number: Int, padding: Int = 0) -> String {
    let note = String(repeating: "x", count: padding)
    return """
        {"id":"id-\(number)","order_number":"N\(number)","created_at":"2024-05-01T12:00:00Z","status":"open",\
        "payment_status":"paid","gross_amount":\(number * 10),"currency":"NOK","store":{"id":"S1"},\
        "customer":{"first_name":"First\(number)","last_name":"Last","email":"c\(number)@example.com"},\
        "items":[{"id":"1","line_id":1,"gross_amount":\(number * 10),"tax_lines":[{"amount":1,"percentage":25}],\
        "description":"Stol \\"deluxe\\" \\u00e6 \(note)"}],\
        "captures":[{"id":"cap","amount":\(number * 10),"payment_details":{"card":{"masked_pan":"4444 **** **** \(number % 10_000)"}}}],\
        "attachments":[]}
        """
}

/// Opens a source, recording the error instead of throwing so `#expect` can compare it.
func openResult(_ paths: [String]) -> Result<DumpSource, SourceError> {
    do {
        return .success(try DumpSource.open(paths: paths))
    } catch {
        return .failure(error)
    }
}

func openError(_ paths: [String]) -> SourceError? {
    if case .failure(let error) = openResult(paths) { return error }
    return nil
}
