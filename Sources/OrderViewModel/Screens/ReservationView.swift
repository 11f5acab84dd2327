import JSONCore
import OrderAnalysis
import OrderModel

/// A travel reservation made readable: a title such as "Train NE 138 47794", passengers, legs
/// in time order with their durations, insurance; for a car, the rentals with company,
/// pick-up and drop-off, drivers and class.
public struct ReservationView: Sendable, Equatable {
    public var kind: ReservationKind
    /// `Train NE 138 47794`, or just `Train` without a booking id.
    public var title: String
    public var bookingID: String?
    public var lineIDs: [LineID]
    /// Display names of the passengers (`Mr John Doe`), or their ids when nameless.
    public var passengers: [String]
    /// Passenger legs sorted by departure (legs without a time last, in source order); for a
    /// car, the rentals sorted by pick-up time.
    public var legs: [Leg]
    /// `company type` per insurance.
    public var insurance: [String]
    /// Car only: driver ids.
    public var drivers: [String]
    public var path: JSONPath

    /// One leg (or car rental) of a reservation.
    public struct Leg: Sendable, Equatable {
        /// Index in the reservation's `itinerary` array (for drill-down).
        public var index: Int
        /// Departure place (pick-up for a car).
        public var from: String?
        /// Arrival place (drop-off for a car).
        public var to: String?
        public var departure: Timestamp?
        public var arrival: Timestamp?
        /// `2h 15m`, when both times parse.
        public var duration: String?
        /// The operator, or the rental company for a car.
        public var carrier: String?
        /// Class, line, seat and zone as `class 2 · line L1 · seat 12A · zone 1`.
        public var details: String?
        /// Passenger or driver ids.
        public var people: [String]
        public var path: JSONPath

        /// `Oslo → Bergen  2023-11-07T05:31:56Z – 2023-11-07T07:46:56Z (2h 15m)`.
        public var summary: String {
            let route = DisplayText.join([from ?? "?", to ?? "?"], " → ")
            var times = DisplayText.join([departure?.text, arrival?.text], " – ")
            if let duration { times += times.isEmpty ? duration : " (\(duration))" }
            return DisplayText.join([route, times], "  ")
        }
    }

    public init(_ reservation: Reservation) {
        kind = reservation.kind
        bookingID = reservation.bookingID
        title = DisplayText.join([reservation.kind.title, reservation.bookingID])
        lineIDs = reservation.lineIDs
        insurance = reservation.insurance.map { DisplayText.join([$0.insuranceCompany, $0.insuranceType]) }
            .map { $0.isEmpty ? "—" : $0 }
        path = reservation.path
        var legs: [Leg] = []
        switch reservation {
        case .travel(let travel):
            passengers = travel.passengers.map { $0.displayName ?? $0.id ?? "—" }
            drivers = []
            for (index, leg) in travel.legs.enumerated() {
                let details = DisplayText.join(
                    [
                        leg.travelClass.map { "class \($0)" }, leg.line.map { "line \($0)" },
                        leg.seat.map { "seat \($0)" }, leg.zone.map { "zone \($0)" },
                    ], " · ")
                legs.append(
                    Leg(
                        index: index, from: DisplayText.place(leg.departureAddress),
                        to: DisplayText.place(leg.arrivalAddress), departure: leg.departureAt,
                        arrival: leg.arrivalAt,
                        duration: DisplayText.duration(from: leg.departureAt, to: leg.arrivalAt),
                        carrier: leg.operator, details: details.isEmpty ? nil : details,
                        people: leg.passengerIDs,
                        path: leg.path))
            }
        case .car(let car):
            passengers = []
            drivers = car.drivers
            for (index, rental) in car.rentals.enumerated() {
                legs.append(
                    Leg(
                        index: index, from: DisplayText.place(rental.pickUpAddress),
                        to: DisplayText.place(rental.dropOffAddress), departure: rental.pickUpAt,
                        arrival: rental.dropOffAt,
                        duration: DisplayText.duration(from: rental.pickUpAt, to: rental.dropOffAt),
                        carrier: rental.rentalCompany, details: rental.carClass.map { "class \($0)" },
                        people: rental.driverIDs, path: rental.path))
            }
        }
        self.legs = legs.enumerated().sorted { lhs, rhs in
            switch (lhs.element.departure, rhs.element.departure) {
            case let (l?, r?) where l != r: return l < r
            case (.some, nil): return true
            case (nil, .some): return false
            default: return lhs.offset < rhs.offset
            }
        }.map(\.element)
    }

    /// The view of every reservation of an order, with its attachment index.
    public static func all(in order: Order) -> [(attachment: Int, view: ReservationView)] {
        var result: [(Int, ReservationView)] = []
        for (index, attachment) in order.attachments.enumerated() {
            for reservation in attachment.reservations {
                result.append((index, ReservationView(reservation)))
            }
        }
        return result
    }
}
