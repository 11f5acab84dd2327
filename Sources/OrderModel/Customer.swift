import JSONCore

/// The order's `customer`: person, contact, company, consents and addresses.
public struct Customer: Sendable, Equatable {
    public var id: String?
    public var firstName: String?
    public var lastName: String?
    public var gender: String?
    public var email: String?
    public var phoneNumber: String?
    public var paysTax: Bool?
    /// A date as written (`1990-09-20`).
    public var dateOfBirth: String?
    public var favoriteStore: String?
    public var status: String?
    /// e.g. `customer`.
    public var type: String?
    public var metadata: JSONObject?
    public var addresses: [Address]
    public var enrolledBy: EnrolledBy?
    public var company: Company?
    public var marketingConsent: MarketingConsent?
    public var term: Term?
    public var path: JSONPath
    public var raw: JSONValue

    init(reader r: NodeReader) {
        id = r.string("id")
        firstName = r.string("first_name")
        lastName = r.string("last_name")
        gender = r.string("gender")
        email = r.string("email")
        phoneNumber = r.string("phone_number")
        paysTax = r.bool("pays_tax")
        dateOfBirth = r.string("date_of_birth")
        favoriteStore = r.string("favorite_store")
        status = r.string("status")
        type = r.string("type")
        metadata = r.object("metadata")
        addresses = r.children("addresses", Address.init(reader:))
        enrolledBy = r.child("enrolled_by", EnrolledBy.init(reader:))
        company = r.child("company", Company.init(reader:))
        marketingConsent = r.child("marketing_consent", MarketingConsent.init(reader:))
        term = r.child("term", Term.init(reader:))
        path = r.path
        raw = r.json
    }

    /// "First Last", else the company name, else the email, else the phone number.
    public var displayName: String? {
        let parts = [firstName, lastName].compactMap { $0 }.filter { !$0.isEmpty }
        if !parts.isEmpty { return parts.joined(separator: " ") }
        if let name = company?.businessName, !name.isEmpty { return name }
        if let email, !email.isEmpty { return email }
        if let phoneNumber, !phoneNumber.isEmpty { return phoneNumber }
        return nil
    }
}

/// How a customer was enrolled: `{value, type}`, e.g. `{"value": "https://facebook.com", "type": "url"}`.
public struct EnrolledBy: Sendable, Equatable {
    public var value: String?
    public var type: String?
    public var path: JSONPath
    public var raw: JSONValue

    init(reader r: NodeReader) {
        value = r.string("value")
        type = r.string("type")
        path = r.path
        raw = r.json
    }
}

/// The customer's company. The API spells the name field `bussiness_name` (sic); a correctly
/// spelt `business_name` is accepted as a fallback.
public struct Company: Sendable, Equatable {
    /// From `bussiness_name` (or `business_name`).
    public var businessName: String?
    public var organizationNumber: String?
    public var department: String?
    public var industry: String?
    public var website: String?
    /// Written as a string in the spec example.
    public var numberOfEmployees: String?
    public var path: JSONPath
    public var raw: JSONValue

    init(reader r: NodeReader) {
        businessName = r.string("bussiness_name") ?? r.string("business_name")
        organizationNumber = r.string("organization_number")
        department = r.string("department")
        industry = r.string("industry")
        website = r.string("website")
        numberOfEmployees = r.string("number_of_employees")
        path = r.path
        raw = r.json
    }
}

/// The customer's marketing consents per channel.
public struct MarketingConsent: Sendable, Equatable {
    public var sms: Consent?
    public var email: Consent?
    public var path: JSONPath
    public var raw: JSONValue

    init(reader r: NodeReader) {
        sms = r.child("sms", Consent.init(reader:))
        email = r.child("email", Consent.init(reader:))
        path = r.path
        raw = r.json
    }
}

/// One marketing consent: `{consent, updated_at}`.
public struct Consent: Sendable, Equatable {
    public var consent: Bool?
    public var updatedAt: Timestamp?
    public var path: JSONPath
    public var raw: JSONValue

    init(reader r: NodeReader) {
        consent = r.bool("consent")
        updatedAt = r.timestamp("updated_at")
        path = r.path
        raw = r.json
    }
}

/// The customer's accepted terms: `{id}`.
public struct Term: Sendable, Equatable {
    public var id: String?
    public var path: JSONPath
    public var raw: JSONValue

    init(reader r: NodeReader) {
        id = r.string("id")
        path = r.path
        raw = r.json
    }
}
