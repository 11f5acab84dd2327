import Foundation
import JSONCore
import Testing

@testable import OrderModel

/// Loads JSON fixtures from Tests/Fixtures/model, found relative to this source file.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // OrderModelTests
        .deletingLastPathComponent()  // Tests
        .appendingPathComponent("Fixtures")
        .appendingPathComponent("model")

    static func bytes(_ name: String) throws -> [UInt8] {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        return [UInt8](data)
    }

    static func json(_ name: String) throws -> JSONValue {
        try JSONParser.parse(bytes(name))
    }

    static func order(_ name: String = "seed-order.json") throws -> Order {
        Order(json: try json(name))
    }

    static func order(text: String) throws -> Order {
        Order(json: try JSONParser.parse(text))
    }
}
