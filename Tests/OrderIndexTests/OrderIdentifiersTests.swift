import JSONCore
import OrderModel
import Testing

@testable import OrderIndex

/// The identifiers `f` and `/` search beyond the list's columns, and that the personal ones are
/// exactly those the redactor masks.
@Suite struct OrderIdentifiersTests {
    static let order = #"""
        {"id": "o-id", "order_id": "ord-77", "order_number": "N-1", "metadata": {"transaction_id": "T-1"},
         "store": {"id": "SL09"}, "customer": {"id": "cus_1", "email": "kari@post.example",
         "phone_number": "+4790000001", "first_name": "Kari"},
         "shipping_address": {"email": "ship@post.example", "phone_number": "+4790000002"},
         "sessions": [{"id": "sess-1", "metadata": {"session_id": "checkout-sess"}}],
         "authorizations": [{"id": "auth-1", "payment_details": {"payment_id": "PID_A", "psp": "Bambora"}}],
         "captures": [{"id": "cap-1", "authorization_id": "auth-1", "metadata": {"transaction_id": "T-2"}}],
         "refunds": [{"id": "ref-1"}], "cancellations": [{"id": "can-1"}],
         "events": [{"id": "evt-1"}], "external_ids": [{"id": "ext-1", "source": "erp"}],
         "items": [{"line_id": 1, "external_id": "item-ext", "description": "not an id",
                    "store": {"id": "SL10"}}]}
        """#

    static func json() throws -> JSONValue { try JSONParser.parse(order) }

    @Test func everyIdentifierFieldIsFoundWithItsKind() throws {
        let found = OrderIdentifiers.of(try Self.json())
        let byKind = Dictionary(grouping: found, by: \.kind).mapValues { $0.map(\.value) }
        #expect(byKind[.order] == ["o-id", "ord-77"])
        #expect(byKind[.transaction] == ["T-1", "T-2"])
        #expect(byKind[.store] == ["SL09", "SL10"])
        #expect(byKind[.customer] == ["cus_1"])
        #expect(byKind[.email] == ["kari@post.example", "ship@post.example"])
        #expect(byKind[.phone] == ["+4790000001", "+4790000002"])
        #expect(byKind[.session] == ["sess-1", "checkout-sess"])
        #expect(byKind[.operation] == ["auth-1", "cap-1", "auth-1", "ref-1", "can-1"])
        #expect(byKind[.paymentID] == ["PID_A"])
        #expect(byKind[.event] == ["evt-1"])
        #expect(byKind[.external] == ["ext-1", "item-ext"])
        #expect(!found.contains { $0.value == "not an id" || $0.value == "Kari" })
    }

    @Test func matchingIgnoresCaseAndLeavesPersonalOnesOutWhenRedacted() throws {
        let found = OrderIdentifiers.of(try Self.json())
        #expect(OrderIdentifiers.contains(found, OrderIdentifiers.needle("pid_a"), redacted: true))
        #expect(OrderIdentifiers.contains(found, OrderIdentifiers.needle("KARI@"), redacted: false))
        #expect(!OrderIdentifiers.contains(found, OrderIdentifiers.needle("kari@"), redacted: true))
        #expect(!OrderIdentifiers.contains(found, OrderIdentifiers.needle("4790000002"), redacted: true))
        #expect(!OrderIdentifiers.contains(found, OrderIdentifiers.needle("not an id"), redacted: false))
    }

    /// One truth for what is personal: the redactor masks every email and phone found, and
    /// leaves every other identifier as it was.
    @Test func thePersonalKindsAreWhatTheRedactorMasks() throws {
        let json = try Self.json()
        let plain = OrderIdentifiers.of(json)
        let masked = OrderIdentifiers.of(Redactor.redact(json))
        #expect(plain.filter { !$0.kind.isPersonal } == masked.filter { !$0.kind.isPersonal })
        for identifier in masked where identifier.kind.isPersonal {
            #expect(identifier.value == Redactor.mask)
        }
        #expect(!OrderIdentifiers.contains(masked, OrderIdentifiers.needle("redact"), redacted: true))
    }

    @Test func positionSetsCountUniteAndVisitInOrder() {
        var set = PositionSet([5, 64, 3, 64])
        #expect(set.count == 3)
        #expect(set.contains(64) && !set.contains(4) && !set.contains(10_000) && !set.contains(-1))
        set.formUnion(PositionSet([200, 5]))
        #expect(set.count == 4)
        var visited: [Int] = []
        set.forEach { visited.append($0) }
        #expect(visited == [3, 5, 64, 200])
    }
}
