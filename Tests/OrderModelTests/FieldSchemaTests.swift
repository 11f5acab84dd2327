import Foundation
import JSONCore
import Testing

@testable import OrderModel

/// The schema of what decoding for the checks skims (`FieldSchema`), recorded from the
/// decoders, and the sweep that lets a skimming reader skip its reads: the issues never
/// change, whether the sweep passes or not (issue 19).
@Suite("Skimmed-field schema")
struct FieldSchemaTests {
    /// The rules a schema holds for `key`, and the nested schema of the first rule with one.
    static func rules(_ schema: FieldSchema, _ key: String) -> [FieldSchema.Take] {
        let index = Array(key.utf8).withUnsafeBytes { bytes in
            schema.field(signature: NodeReader.signature(bytes), rest: NodeReader.rest(bytes)) {
                $0.elementsEqual(bytes)
            }
        }
        guard index >= 0 else { return [] }
        let field = schema.fields[index]
        return (Int(field.firstRule)..<Int(field.firstRule + field.ruleCount)).map { schema.rules[$0].take }
    }

    static func nested(_ schema: FieldSchema, _ key: String) -> FieldSchema? {
        let index = Array(key.utf8).withUnsafeBytes { bytes in
            schema.field(signature: NodeReader.signature(bytes), rest: NodeReader.rest(bytes)) {
                $0.elementsEqual(bytes)
            }
        }
        guard index >= 0 else { return nil }
        let field = schema.fields[index]
        return (Int(field.firstRule)..<Int(field.firstRule + field.ruleCount)).lazy
            .compactMap { schema.rules[$0].nested?.takeUnretainedValue() }.first
    }

    /// The decoders' own reads make the schema: the order's skimmed fields with what they take,
    /// the skimmed objects' fields below them, and the schemas of the objects kept.
    @Test func theOrderSchemaIsRecordedFromTheDecoders() throws {
        let schema = Order.checksSchema
        #expect(!schema.opaque)
        #expect(Self.rules(schema, "status") == [.text])
        #expect(Self.rules(schema, "created_at") == [.textual])
        #expect(Self.rules(schema, "time_to_live") == [.integer])
        #expect(Self.rules(schema, "pre_order") == [.boolean])
        #expect(Self.rules(schema, "metadata") == [.object])
        #expect(Self.rules(schema, "time_to_live_expires_at") == [.textual])  // over 15 bytes
        #expect(Self.rules(schema, "customer") == [.child])
        #expect(Self.rules(schema, "sessions") == [.children])
        // Read without skimming: not in the schema (they are read field by field anyway).
        #expect(Self.rules(schema, "gross_amount").isEmpty)
        #expect(Self.rules(schema, "items").isEmpty)
        // A skimmed object's schema holds every field its decoder reads.
        let customer = try #require(Self.nested(schema, "customer"))
        #expect(Self.rules(customer, "email") == [.text])
        #expect(Self.rules(customer, "addresses") == [.children])
        // Both spellings the company decoder tries, one after the other.
        let company = try #require(Self.nested(customer, "company"))
        #expect(Self.rules(company, "bussiness_name") == [.text])
        #expect(Self.rules(company, "business_name") == [.text])
        // An item is kept; its schema holds its skimmed fields, one key read two ways.
        let item = try #require(schema.keptSchema("items")).takeUnretainedValue()
        #expect(Self.rules(item, "quantity") == [.number, .numberText])
        #expect(Self.rules(item, "store") == [.child])
        #expect(Self.rules(item, "gross_amount").isEmpty)
        #expect(schema.keptSchema("customer") == nil)
    }

    /// A decoder that takes a skimmed node by hand cannot be swept: its schema is opaque, and
    /// its objects are read field by field.
    @Test func readsTheSweepCannotMirrorMakeTheSchemaOpaque() {
        let byHand = FieldSchema.record { reader in _ = reader.skimming.node("anything") }
        #expect(byHand.opaque)
        let byElements = FieldSchema.record { reader in reader.skimming.forEachElement("list") { _, _ in } }
        #expect(byElements.opaque)
        let plain = FieldSchema.record { reader in _ = reader.skimming.string("name") }
        #expect(!plain.opaque)
        #expect(Self.rules(plain, "name") == [.text])
    }

    /// Orders whose skimmed fields are all fine, and the same orders with one skimmed field
    /// wrong at every depth, or hidden behind a repeated key: the same issues as the tree
    /// decoder, which reads every field.
    @Test(arguments: [
        #"{"customer": {"email": "a@b.c", "addresses": [{"latitude": 1.5}]}, "items": [{"line_id": 1}]}"#,
        #"{"customer": {"email": 5}}"#,
        #"{"customer": {"addresses": [null, {"latitude": "north"}]}}"#,
        #"{"customer": {"addresses": [1]}}"#,
        #"{"customer": {"email": 5}, "customer": {"email": "fine"}}"#,
        #"{"customer": {"email": "fine"}, "customer": {"email": []}}"#,
        #"{"items": [{"line_id": 1, "quantity": "two"}, {"quantity": " 2 "}]}"#,
        #"{"items": [{"store": {"name": {}}}], "pre_order": "TRUE", "time_to_live": 1e3}"#,
        #"{"time_to_live_expires_at": {}, "multiple_authorizations": "yes"}"#,
        #"{"sessions": [{"items": [{"line_id": []}]}], "events": [{"amount": "x"}]}"#,
        #"{"captures": [{"amount": 5, "payment_details": {"card": {"brand": []}}}]}"#,
        #"{"cust\u006fmer": {"email": 5}, "metadata": []}"#,
    ])
    func sweptOrdersReportTheSameIssues(text: String) throws {
        let bytes = Array(text.utf8)
        let whole = Order(json: try JSONParser.parse(bytes))
        try bytes.withUnsafeBytes { buffer in
            var issues = JSONTextIssues()
            let checked = Order(tape: try JSONTape(buffer, textIssues: &issues), forChecks: true)
            #expect(checked.decodeIssues == whole.decodeIssues)
        }
    }
}
