import OrderSources

extension SyntheticOrderBuilder {
    static let travelModes: [StaticString] = ["BUS", "CUSTOM", "FERRY", "METRO", "TAXI", "TRAIN", "TRAM"]
    static let reservationKeys: [StaticString] = [
        "bus_reservation", "car_reservation", "ferry_reservation", "metro_reservation", "taxi_reservation",
        "train_reservation", "tram_reservation",
    ]
    static let titles: [StaticString] = ["Fru", "Herr", "Frk.", "Dr."]

    /// The order-level `itinerary`: one entry per passenger reservation's outbound leg.
    mutating func writeItinerary(_ w: inout JSONByteWriter) {
        w.key("itinerary")
        w.beginArray()
        for (n, reservation) in reservations.enumerated() {
            guard let route = reservation.route else { continue }
            w.beginObject()
            w.key("id")
            w.beginString()
            w.appendRaw("leg-")
            w.appendDigits(Int64(n + 1))
            w.endString()
            w.f("operator", route.operatorName)
            w.key("departure_address")
            SyntheticOrderBuilder.writeStation(&w, route.from, full: true)
            w.key("departure_at")
            w.timestamp(reservation.departure)
            w.key("arrival_address")
            SyntheticOrderBuilder.writeStation(&w, route.to, full: true)
            w.key("arrival_at")
            w.timestamp(reservation.departure + Int64(route.minutes) * 60)
            w.f("travel_mode", SyntheticOrderBuilder.travelModes[reservation.kind.rawValue])
            w.f("route_id", route.line)
            w.key("summary")
            w.beginString()
            w.appendRaw(route.from.name)
            w.appendRaw(" – ")
            w.appendRaw(route.to.name)
            w.endString()
            w.key("duration")
            w.beginObject()
            w.f("value", Int64(route.minutes * 60))
            w.endObject()
            w.key("tickets")
            w.beginArray()
            for p in 0..<reservation.passengers {
                w.beginObject()
                w.f("class", route.classes[(index + p) % route.classes.count])
                w.f("line", route.line)
                if reservation.kind == .train {
                    w.key("seat")
                    w.beginString()
                    w.appendRaw("Vogn ")
                    w.appendDigits(Int64(2 + index % 6))
                    w.appendRaw(", sete ")
                    w.appendDigits(Int64(11 + p + index % 60))
                    w.endString()
                }
                w.key("passenger_id")
                w.beginArray()
                w.beginString()
                w.appendRaw("p")
                w.appendDigits(Int64(p + 1))
                w.endString()
                w.endArray()
                w.endObject()
            }
            w.endArray()
            w.key("line_ids")
            w.beginArray()
            for line in reservation.lines { w.int(line) }
            w.endArray()
            if rng.chance(0.4) {
                w.key("waypoints")
                w.beginArray()
                for (station, offset) in [(route.from, 0), (route.to, route.minutes)] {
                    w.beginObject()
                    w.key("latitude")
                    w.decimal(station.lat, scale: 6)
                    w.key("longitude")
                    w.decimal(station.lon, scale: 6)
                    w.f("display_name", station.name)
                    w.time("arrival_schedule_at", reservation.departure + Int64(offset) * 60)
                    w.time("departure_schedule_at", reservation.departure + Int64(offset) * 60 + 120)
                    w.endObject()
                }
                w.endArray()
            }
            w.endObject()
        }
        w.endArray()
    }

    mutating func writeAttachments(_ w: inout JSONByteWriter) {
        let separate = reservations.count > 1 && rng.chance(0.3)
        let dangling = anomaly == .danglingLineID ? rng.below(reservations.count) : -1
        let highestLine = items.map(\.line).max() ?? 0
        w.key("attachments")
        w.beginArray()
        for (n, reservation) in reservations.enumerated() {
            if n == 0 || separate {
                if n > 0 { w.endObject() }
                w.beginObject()
                w.key("id")
                w.beginString()
                w.appendRaw("att-")
                w.appendHex(orderID.1 &+ UInt64(n), digits: 10)
                w.endString()
            }
            w.key(SyntheticOrderBuilder.reservationKeys[reservation.kind.rawValue])
            w.beginObject()
            w.key("booking_id")
            w.beginString()
            w.appendRaw(reservation.kind == .car ? "TV " : "NE ")
            w.appendDigits(rng.int64(in: 100...999))
            w.appendByte(0x20)
            w.appendDigits(rng.int64(in: 10_000...99_999))
            w.endString()
            w.key("line_ids")
            w.beginArray()
            for line in reservation.lines { w.int(line) }
            if n == dangling { w.int(highestLine + 1 + rng.below(5)) }
            w.endArray()
            if reservation.kind == .car {
                writeCar(&w, reservation)
            } else {
                writePassengerReservation(&w, reservation)
            }
            if rng.chance(0.35) {
                w.key("insurance")
                w.beginArray()
                w.beginObject()
                w.f("insurance_company", T.insuranceCompanies[rng.below(T.insuranceCompanies.count)])
                w.f("insurance_type", T.insuranceTypes[rng.below(T.insuranceTypes.count)])
                w.endObject()
                w.endArray()
            }
            w.endObject()
        }
        w.endObject()
        w.endArray()
    }

    mutating func writePassengerReservation(_ w: inout JSONByteWriter, _ reservation: Reservation) {
        guard let route = reservation.route else { return }
        w.key("passengers")
        w.beginArray()
        var names: [(Int, Int)] = []
        for p in 0..<reservation.passengers {
            let name =
                p == 0
                ? (customer.first, customer.last)
                : (rng.below(T.firstNames.count), p % 2 == 1 ? customer.last : rng.below(T.lastNames.count))
            names.append(name)
            w.beginObject()
            w.key("id")
            w.beginString()
            w.appendRaw("p")
            w.appendDigits(Int64(p + 1))
            w.endString()
            w.f("title", SyntheticOrderBuilder.titles[T.genders[name.0] == 0 ? 0 : 1])
            w.f("first_name", T.firstNames[name.0])
            w.f("last_name", T.lastNames[name.1])
            w.endObject()
        }
        w.endArray()
        w.key("itinerary")
        w.beginArray()
        let legs = reservation.returnTrip ? 2 : 1
        for leg in 0..<legs {
            let from = leg == 0 ? route.from : route.to
            let to = leg == 0 ? route.to : route.from
            let departure =
                reservation.departure + Int64(leg) * Int64(rng.int(in: 1...7)) * 86_400 + Int64(leg) * 3600
            w.beginObject()
            w.key("departure_address")
            SyntheticOrderBuilder.writeStation(&w, from, full: false)
            w.time("departure_at", departure)
            w.key("arrival_address")
            SyntheticOrderBuilder.writeStation(&w, to, full: false)
            w.time("arrival_at", departure + Int64(route.minutes) * 60)
            w.f("operator", route.operatorName)
            w.f("class", route.classes[index % route.classes.count])
            w.f("line", route.line)
            switch reservation.kind {
            case .train:
                w.key("seat")
                w.beginString()
                w.appendRaw("Vogn ")
                w.appendDigits(Int64(2 + index % 6))
                w.appendRaw(", sete ")
                w.appendDigits(Int64(11 + index % 60))
                w.endString()
            case .metro, .tram:
                w.f("zone", "1")
                w.time("activates_at", departure - 300)
                w.time("expires_at", departure + 3600)
            case .ferry:
                w.f("seat", "Salong, dekk 5")
            case .bus:
                w.key("seat")
                w.beginString()
                w.appendDigits(Int64(1 + index % 48))
                w.endString()
            default: break
            }
            w.key("passenger_id")
            w.beginArray()
            for p in 0..<reservation.passengers {
                w.beginString()
                w.appendRaw("p")
                w.appendDigits(Int64(p + 1))
                w.endString()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
    }

    mutating func writeCar(_ w: inout JSONByteWriter, _ reservation: Reservation) {
        let pickUp = T.carPickups[rng.below(T.carPickups.count)]
        let dropOff = rng.chance(0.8) ? pickUp : T.carPickups[rng.below(T.carPickups.count)]
        let drivers = rng.chance(0.3) ? 2 : 1
        w.key("itinerary")
        w.beginArray()
        w.beginObject()
        w.f("rental_company", T.rentalCompanies[rng.below(T.rentalCompanies.count)])
        w.key("drivers_id")
        w.beginArray()
        for d in 0..<drivers {
            w.beginString()
            w.appendRaw("d")
            w.appendDigits(Int64(d + 1))
            w.endString()
        }
        w.endArray()
        w.key("pick_up_address")
        SyntheticOrderBuilder.writeStation(&w, pickUp, full: false)
        w.time("pick_up_at", reservation.departure)
        w.key("drop_off_address")
        SyntheticOrderBuilder.writeStation(&w, dropOff, full: false)
        w.time("drop_off_at", reservation.departure + Int64(reservation.carDays) * 86_400)
        w.f("class", T.carClasses[index % T.carClasses.count])
        w.endObject()
        w.endArray()
        w.key("drivers")
        w.beginArray()
        for d in 0..<drivers {
            w.beginString()
            w.appendRaw("d")
            w.appendDigits(Int64(d + 1))
            w.endString()
        }
        w.endArray()
    }
}
