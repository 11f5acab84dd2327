import JSONCore

/// One leg of the order's `itinerary[]` (travel orders): from where to where, when, how, and
/// with which tickets.
public struct Itinerary: Sendable, Equatable {
    public var id: String?
    public var `operator`: String?
    public var departureAddress: Address?
    /// Typed as a plain string by the API; parsed leniently.
    public var departureAt: Timestamp?
    public var arrivalAddress: Address?
    public var arrivalAt: Timestamp?
    /// e.g. `BUS`, `CUSTOM`.
    public var travelMode: String?
    public var routeID: String?
    public var vehicleID: String?
    public var summary: String?
    public var distance: ItineraryMeasure?
    public var duration: ItineraryMeasure?
    public var tickets: [Ticket]
    public var lineIDs: [LineID]
    public var waypoints: [Waypoint]
    public var path: JSONPath
    public var raw: JSONValue

    init(reader r: NodeReader) {
        let skim = r.skimming  // fields no anomaly check reads
        id = r.string("id")
        `operator` = skim.string("operator")
        departureAddress = skim.child("departure_address", Address.init(reader:))
        departureAt = skim.timestamp("departure_at")
        arrivalAddress = skim.child("arrival_address", Address.init(reader:))
        arrivalAt = skim.timestamp("arrival_at")
        travelMode = skim.string("travel_mode")
        routeID = skim.string("route_id")
        vehicleID = skim.string("vehicle_id")
        summary = skim.string("summary")
        distance = skim.child("distance", ItineraryMeasure.init(reader:))
        duration = skim.child("duration", ItineraryMeasure.init(reader:))
        tickets = skim.children("tickets", Ticket.init(reader:))
        lineIDs = r.lineIDs("line_ids")
        waypoints = skim.children("waypoints", Waypoint.init(reader:))
        path = r.path
        raw = r.json
    }
}

/// An itinerary `distance` or `duration`: `{value}` (unit not documented).
public struct ItineraryMeasure: Sendable, Equatable {
    public var value: Double?
    /// `value` as written.
    public var valueText: String?
    public var path: JSONPath
    public var raw: JSONValue

    init(reader r: NodeReader) {
        value = r.double("value")
        valueText = r.numberText("value")
        path = r.path
        raw = r.json
    }
}

/// A ticket of an itinerary leg: `{class, line, seat, zone, passenger_id: [String]}`.
public struct Ticket: Sendable, Equatable {
    /// `class`.
    public var travelClass: String?
    public var line: String?
    public var seat: String?
    public var zone: String?
    /// `passenger_id` (an array despite its name).
    public var passengerIDs: [String]
    public var path: JSONPath
    public var raw: JSONValue

    init(reader r: NodeReader) {
        travelClass = r.string("class")
        line = r.string("line")
        seat = r.string("seat")
        zone = r.string("zone")
        passengerIDs = r.strings("passenger_id")
        path = r.path
        raw = r.json
    }
}

/// A stop along an itinerary leg.
public struct Waypoint: Sendable, Equatable {
    public var latitude: Double?
    public var longitude: Double?
    public var displayName: String?
    public var arrivalScheduleAt: Timestamp?
    public var departureScheduleAt: Timestamp?
    public var path: JSONPath
    public var raw: JSONValue

    init(reader r: NodeReader) {
        latitude = r.double("latitude")
        longitude = r.double("longitude")
        displayName = r.string("display_name")
        arrivalScheduleAt = r.timestamp("arrival_schedule_at")
        departureScheduleAt = r.timestamp("departure_schedule_at")
        path = r.path
        raw = r.json
    }
}
