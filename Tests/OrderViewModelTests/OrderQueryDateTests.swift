import Testing

@testable import OrderViewModel

/// `created` filters take a date (or its start) that can exist.
@Suite struct OrderQueryDateTests {
    @Test(arguments: [
        "2023", "2023-11", "2023-11-01", "2023-11-01T12", "2023-11-01T12:30", "2023-11-01T12:30:59Z",
        "2024-02-29T23:59:59.123+01:00",
    ])
    func realDatesAreTaken(value: String) throws {
        #expect(OrderQuery.isDatePrefix(value))
        _ = try OrderQuery.parse("created>=" + value)
    }

    @Test(arguments: [
        "2024-13-01", "2024-00", "2024-11-32", "2024-1", "2024-11-01T24", "2024-11-01T12:60", "2024T12",
        "banana", "202", "2024-11-01-05",
    ])
    func impossibleDatesAreRefused(value: String) {
        #expect(!OrderQuery.isDatePrefix(value))
        #expect(throws: OrderQueryError.self) { try OrderQuery.parse("created>=" + value) }
    }
}
