import JSONCore

/// A postal address in any of its Dintero variants: shipping/billing (with names and a
/// comment), customer addresses (with `type`/`custom_type`), itinerary addresses (with `id`,
/// `name`, `external_ids`) and reservation addresses. Absent fields are nil.
public struct Address: Sendable, Equatable {
    public var id: String?
    public var name: String?
    public var firstName: String?
    public var lastName: String?
    public var addressLine: String?
    public var addressLine2: String?
    public var postalCode: String?
    public var postalPlace: String?
    public var country: String?
    public var latitude: Double?
    public var longitude: Double?
    public var comment: String?
    /// Customer addresses: the kind of address and a free-text kind.
    public var type: String?
    public var customType: String?
    public var externalIDs: [ExternalID]
    public var path: JSONPath
    public var raw: JSONValue

    init(reader r: NodeReader) {
        id = r.string("id")
        name = r.string("name")
        firstName = r.string("first_name")
        lastName = r.string("last_name")
        addressLine = r.string("address_line")
        addressLine2 = r.string("address_line_2")
        postalCode = r.string("postal_code")
        postalPlace = r.string("postal_place")
        country = r.string("country")
        latitude = r.double("latitude")
        longitude = r.double("longitude")
        comment = r.string("comment")
        type = r.string("type")
        customType = r.string("custom_type")
        externalIDs = r.children("external_ids", ExternalID.init(reader:))
        path = r.path
        raw = r.json
    }

    /// The address as display lines: name, street lines, "postal code place", country.
    public var lines: [String] {
        var result: [String] = []
        let person = [firstName, lastName].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        if let name, !name.isEmpty { result.append(name) }
        if !person.isEmpty { result.append(person) }
        if let addressLine, !addressLine.isEmpty { result.append(addressLine) }
        if let addressLine2, !addressLine2.isEmpty { result.append(addressLine2) }
        let place = [postalCode, postalPlace].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        if !place.isEmpty { result.append(place) }
        if let country, !country.isEmpty { result.append(country) }
        return result
    }
}
