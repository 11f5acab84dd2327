import JSONCore

/// One of the order's `attachments[]`: travel reservations, with each of the seven kinds as an
/// optional sibling (`bus_reservation`, `car_reservation`, … `tram_reservation`). Real orders
/// carry one or two; generated examples carry all seven.
public struct Attachment: Sendable, Equatable {
    public var id: String?
    public var bus: TravelReservation?
    public var car: CarReservation?
    public var ferry: TravelReservation?
    public var metro: TravelReservation?
    public var taxi: TravelReservation?
    public var train: TravelReservation?
    public var tram: TravelReservation?
    public var path: JSONPath
    public var raw: JSONValue

    init(reader r: NodeReader) {
        id = r.string("id")
        bus = r.child(ReservationKind.bus.fieldKey) { TravelReservation(kind: .bus, reader: $0) }
        car = r.child(ReservationKind.car.fieldKey, CarReservation.init(reader:))
        ferry = r.child(ReservationKind.ferry.fieldKey) { TravelReservation(kind: .ferry, reader: $0) }
        metro = r.child(ReservationKind.metro.fieldKey) { TravelReservation(kind: .metro, reader: $0) }
        taxi = r.child(ReservationKind.taxi.fieldKey) { TravelReservation(kind: .taxi, reader: $0) }
        train = r.child(ReservationKind.train.fieldKey) { TravelReservation(kind: .train, reader: $0) }
        tram = r.child(ReservationKind.tram.fieldKey) { TravelReservation(kind: .tram, reader: $0) }
        path = r.path
        raw = r.json
    }

    /// The reservations present, in `ReservationKind.allCases` order.
    public var reservations: [Reservation] {
        var result: [Reservation] = []
        if let bus { result.append(.travel(bus)) }
        if let car { result.append(.car(car)) }
        if let ferry { result.append(.travel(ferry)) }
        if let metro { result.append(.travel(metro)) }
        if let taxi { result.append(.travel(taxi)) }
        if let train { result.append(.travel(train)) }
        if let tram { result.append(.travel(tram)) }
        return result
    }

    /// The kinds present.
    public var kinds: [ReservationKind] { reservations.map(\.kind) }

    /// The reservation of one kind, if present.
    public func reservation(_ kind: ReservationKind) -> Reservation? {
        reservations.first { $0.kind == kind }
    }
}
