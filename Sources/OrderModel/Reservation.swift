import JSONCore

/// The seven reservation kinds an attachment can hold.
public enum ReservationKind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case bus, car, ferry, metro, taxi, train, tram

    /// The attachment field, e.g. `train_reservation`.
    public var fieldName: String { fieldKey.description }

    /// The attachment field as the decoders look it up (a literal, see `NodeReader.node`).
    var fieldKey: StaticString {
        switch self {
        case .bus: return "bus_reservation"
        case .car: return "car_reservation"
        case .ferry: return "ferry_reservation"
        case .metro: return "metro_reservation"
        case .taxi: return "taxi_reservation"
        case .train: return "train_reservation"
        case .tram: return "tram_reservation"
        }
    }

    /// "Bus", "Car", …
    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    public var description: String { rawValue }
}

/// One reservation of an attachment: a passenger reservation (bus, ferry, metro, taxi, train,
/// tram share one shape) or a car rental (a different shape).
public enum Reservation: Sendable, Equatable {
    case travel(TravelReservation)
    case car(CarReservation)

    public var kind: ReservationKind {
        switch self {
        case .travel(let reservation): return reservation.kind
        case .car: return .car
        }
    }

    public var bookingID: String? {
        switch self {
        case .travel(let reservation): return reservation.bookingID
        case .car(let reservation): return reservation.bookingID
        }
    }

    public var lineIDs: [LineID] {
        switch self {
        case .travel(let reservation): return reservation.lineIDs
        case .car(let reservation): return reservation.lineIDs
        }
    }

    public var insurance: [Insurance] {
        switch self {
        case .travel(let reservation): return reservation.insurance
        case .car(let reservation): return reservation.insurance
        }
    }

    public var path: JSONPath {
        switch self {
        case .travel(let reservation): return reservation.path
        case .car(let reservation): return reservation.path
        }
    }

    public var raw: JSONValue {
        switch self {
        case .travel(let reservation): return reservation.raw
        case .car(let reservation): return reservation.raw
        }
    }
}

/// A passenger reservation (bus, ferry, metro, taxi, train or tram): booking, passengers, legs
/// and insurance.
public struct TravelReservation: Sendable, Equatable {
    /// Which attachment field it came from (never `.car`).
    public var kind: ReservationKind
    /// e.g. `NE 138 47794`.
    public var bookingID: String?
    public var lineIDs: [LineID]
    public var passengers: [Passenger]
    /// The reservation's `itinerary[]`: one entry per leg.
    public var legs: [ReservationLeg]
    public var insurance: [Insurance]
    public var path: JSONPath
    public var raw: JSONValue

    init(kind: ReservationKind, reader r: NodeReader) {
        let skim = r.skimming  // fields no anomaly check reads
        self.kind = kind
        bookingID = r.string("booking_id")
        lineIDs = r.lineIDs("line_ids")
        passengers = skim.children("passengers", Passenger.init(reader:))
        legs = skim.children("itinerary", ReservationLeg.init(reader:))
        insurance = skim.children("insurance", Insurance.init(reader:))
        path = r.path
        raw = r.json
    }
}

/// A car rental reservation: booking, rental legs, drivers and insurance.
public struct CarReservation: Sendable, Equatable {
    public var bookingID: String?
    public var lineIDs: [LineID]
    /// The reservation's `itinerary[]`: one entry per rental.
    public var rentals: [CarRental]
    /// Driver ids.
    public var drivers: [String]
    public var insurance: [Insurance]
    public var path: JSONPath
    public var raw: JSONValue

    init(reader r: NodeReader) {
        let skim = r.skimming  // fields no anomaly check reads
        bookingID = r.string("booking_id")
        lineIDs = r.lineIDs("line_ids")
        rentals = skim.children("itinerary", CarRental.init(reader:))
        drivers = skim.strings("drivers")
        insurance = skim.children("insurance", Insurance.init(reader:))
        path = r.path
        raw = r.json
    }
}

/// A passenger of a travel reservation: `{id, title, first_name, last_name}`.
public struct Passenger: Sendable, Equatable {
    public var id: String?
    public var title: String?
    public var firstName: String?
    public var lastName: String?
    public var path: JSONPath
    public var raw: JSONValue

    init(reader r: NodeReader) {
        id = r.string("id")
        title = r.string("title")
        firstName = r.string("first_name")
        lastName = r.string("last_name")
        path = r.path
        raw = r.json
    }

    /// "Title First Last" from the parts present.
    public var displayName: String? {
        let parts = [title, firstName, lastName].compactMap { $0 }.filter { !$0.isEmpty }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }
}

/// One leg of a travel reservation.
public struct ReservationLeg: Sendable, Equatable {
    public var departureAddress: Address?
    public var departureAt: Timestamp?
    public var arrivalAddress: Address?
    public var arrivalAt: Timestamp?
    /// e.g. `SAS`.
    public var `operator`: String?
    /// `class`.
    public var travelClass: String?
    public var line: String?
    public var seat: String?
    public var zone: String?
    public var expiresAt: Timestamp?
    public var activatesAt: Timestamp?
    /// `passenger_id`.
    public var passengerIDs: [String]
    public var path: JSONPath
    public var raw: JSONValue

    init(reader r: NodeReader) {
        departureAddress = r.child("departure_address", Address.init(reader:))
        departureAt = r.timestamp("departure_at")
        arrivalAddress = r.child("arrival_address", Address.init(reader:))
        arrivalAt = r.timestamp("arrival_at")
        `operator` = r.string("operator")
        travelClass = r.string("class")
        line = r.string("line")
        seat = r.string("seat")
        zone = r.string("zone")
        expiresAt = r.timestamp("expires_at")
        activatesAt = r.timestamp("activates_at")
        passengerIDs = r.strings("passenger_id")
        path = r.path
        raw = r.json
    }
}

/// One rental of a car reservation: company, drivers, pick-up and drop-off.
public struct CarRental: Sendable, Equatable {
    /// e.g. `Avis`.
    public var rentalCompany: String?
    /// `drivers_id`.
    public var driverIDs: [String]
    public var pickUpAddress: Address?
    public var pickUpAt: Timestamp?
    public var dropOffAddress: Address?
    public var dropOffAt: Timestamp?
    /// `class`.
    public var carClass: String?
    public var path: JSONPath
    public var raw: JSONValue

    init(reader r: NodeReader) {
        rentalCompany = r.string("rental_company")
        driverIDs = r.strings("drivers_id")
        pickUpAddress = r.child("pick_up_address", Address.init(reader:))
        pickUpAt = r.timestamp("pick_up_at")
        dropOffAddress = r.child("drop_off_address", Address.init(reader:))
        dropOffAt = r.timestamp("drop_off_at")
        carClass = r.string("class")
        path = r.path
        raw = r.json
    }
}

/// An insurance of a reservation: `{insurance_company, insurance_type}`.
public struct Insurance: Sendable, Equatable {
    public var insuranceCompany: String?
    public var insuranceType: String?
    public var path: JSONPath
    public var raw: JSONValue

    init(reader r: NodeReader) {
        insuranceCompany = r.string("insurance_company")
        insuranceType = r.string("insurance_type")
        path = r.path
        raw = r.json
    }
}
