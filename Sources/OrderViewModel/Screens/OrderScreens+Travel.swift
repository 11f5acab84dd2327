import JSONCore
import OrderAnalysis
import OrderModel

extension OrderScreens {
    static func reservation(_ attachment: Int, _ kind: String, in order: Order) -> Reservation? {
        guard order.attachments.indices.contains(attachment), let kind = ReservationKind(rawValue: kind)
        else {
            return nil
        }
        return order.attachments[attachment].reservation(kind)
    }

    static func attachmentScreen(_ index: Int, in order: Order) -> DetailScreen? {
        guard order.attachments.indices.contains(index) else { return nil }
        let attachment = order.attachments[index]
        var rows = RowList()
        rows.field("Attachment ID", attachment.id, path: attachment.path["id"])
        for reservation in attachment.reservations {
            let view = ReservationView(reservation)
            rows.row(
                view.title, legsCount(view),
                target: .reservation(attachment: index, kind: reservation.kind.rawValue),
                path: reservation.path)
        }
        if rows.isEmpty { rows.row("(no reservations)", tone: .muted, path: attachment.path) }
        return DetailScreen(
            crumb: "Attachment \(index + 1)",
            sections: [
                DetailSection(
                    id: "attachment", title: "Attachment", rows: rows.rows, jsonPath: attachment.path.jqPath)
            ])
    }

    /// The rows of a reservation view (shared by the screen and the report).
    static func reservationRows(_ view: ReservationView, attachment: Int, in order: Order) -> [DetailRow] {
        let kind = view.kind.rawValue
        var rows = RowList()
        rows.row(view.title, "", tone: .heading, path: view.path)
        rows.field("Booking ID", view.bookingID, path: view.path["booking_id"])
        rows.field("Lines", DisplayText.lines(view.lineIDs, in: order), path: view.path["line_ids"])
        if !view.passengers.isEmpty {
            rows.row(
                "Passengers", view.passengers.joined(separator: ", "),
                target: .reservationPassengers(attachment: attachment, kind: kind),
                path: view.path["passengers"])
        }
        if !view.drivers.isEmpty {
            rows.row("Drivers", view.drivers.joined(separator: ", "), path: view.path["drivers"])
        }
        for leg in view.legs {
            let label: String
            if view.kind == .car {
                label = "Rental " + (leg.carrier ?? "")
            } else {
                label = "Leg " + (leg.carrier ?? "")
            }
            var value = leg.summary
            if let details = leg.details { value += "  " + details }
            rows.row(
                label.trimmingCharacters(in: " "), value,
                target: .reservationLeg(attachment: attachment, kind: kind, leg: leg.index), path: leg.path)
        }
        if !view.insurance.isEmpty {
            rows.row(
                "Insurance", view.insurance.joined(separator: ", "),
                target: .reservationInsurance(attachment: attachment, kind: kind),
                path: view.path["insurance"])
        }
        return rows.rows
    }

    static func reservationScreen(_ attachment: Int, _ kind: String, in order: Order) -> DetailScreen? {
        guard let reservation = reservation(attachment, kind, in: order) else { return nil }
        let view = ReservationView(reservation)
        return DetailScreen(
            crumb: view.title,
            sections: [
                DetailSection(
                    id: "reservation", title: "\(view.kind.title) reservation",
                    rows: reservationRows(view, attachment: attachment, in: order), jsonPath: view.path.jqPath
                )
            ])
    }

    static func legScreen(_ attachment: Int, _ kind: String, _ leg: Int, in order: Order) -> DetailScreen? {
        guard let reservation = reservation(attachment, kind, in: order) else { return nil }
        var rows = RowList()
        let sectionPath: JSONPath
        switch reservation {
        case .travel(let travel):
            guard travel.legs.indices.contains(leg) else { return nil }
            let value = travel.legs[leg]
            let p = value.path
            sectionPath = p
            rows.field("Operator", value.operator, path: p["operator"])
            rows.field(
                "From", DisplayText.address(value.departureAddress), path: value.departureAddress?.path)
            rows.timestamp("Departure", value.departureAt, path: p["departure_at"])
            rows.field("To", DisplayText.address(value.arrivalAddress), path: value.arrivalAddress?.path)
            rows.timestamp("Arrival", value.arrivalAt, path: p["arrival_at"])
            rows.field(
                "Duration", DisplayText.duration(from: value.departureAt, to: value.arrivalAt), path: p)
            rows.field("Class", value.travelClass, path: p["class"])
            rows.field("Line", value.line, path: p["line"])
            rows.field("Seat", value.seat, path: p["seat"])
            rows.field("Zone", value.zone, path: p["zone"])
            rows.timestamp("Activates at", value.activatesAt, path: p["activates_at"])
            rows.timestamp("Expires at", value.expiresAt, path: p["expires_at"])
            if !value.passengerIDs.isEmpty {
                rows.row("Passengers", value.passengerIDs.joined(separator: ", "), path: p["passenger_id"])
            }
        case .car(let car):
            guard car.rentals.indices.contains(leg) else { return nil }
            let value = car.rentals[leg]
            let p = value.path
            sectionPath = p
            rows.field("Rental company", value.rentalCompany, path: p["rental_company"])
            rows.field("Pick-up", DisplayText.address(value.pickUpAddress), path: value.pickUpAddress?.path)
            rows.timestamp("Pick-up at", value.pickUpAt, path: p["pick_up_at"])
            rows.field(
                "Drop-off", DisplayText.address(value.dropOffAddress), path: value.dropOffAddress?.path)
            rows.timestamp("Drop-off at", value.dropOffAt, path: p["drop_off_at"])
            rows.field("Duration", DisplayText.duration(from: value.pickUpAt, to: value.dropOffAt), path: p)
            rows.field("Class", value.carClass, path: p["class"])
            if !value.driverIDs.isEmpty {
                rows.row("Drivers", value.driverIDs.joined(separator: ", "), path: p["drivers_id"])
            }
        }
        if rows.isEmpty { rows.row("(empty)", tone: .muted, path: sectionPath) }
        let title = reservation.kind == .car ? "Rental \(leg + 1)" : "Leg \(leg + 1)"
        return DetailScreen(
            crumb: title,
            sections: [DetailSection(id: "leg", title: title, rows: rows.rows, jsonPath: sectionPath.jqPath)])
    }

    static func passengersScreen(_ attachment: Int, _ kind: String, in order: Order) -> DetailScreen? {
        guard case .travel(let travel)? = reservation(attachment, kind, in: order) else { return nil }
        var rows = RowList()
        for passenger in travel.passengers {
            rows.row(
                passenger.displayName ?? "—", passenger.id.map { "id \($0)" } ?? "", path: passenger.path)
        }
        return DetailScreen(
            crumb: "Passengers",
            sections: [
                DetailSection(
                    id: "passengers", title: "Passengers", rows: rows.rows,
                    jsonPath: travel.path["passengers"].jqPath)
            ])
    }

    static func insuranceScreen(_ attachment: Int, _ kind: String, in order: Order) -> DetailScreen? {
        guard let reservation = reservation(attachment, kind, in: order) else { return nil }
        var rows = RowList()
        for insurance in reservation.insurance {
            rows.row(insurance.insuranceCompany ?? "—", insurance.insuranceType ?? "", path: insurance.path)
        }
        return DetailScreen(
            crumb: "Insurance",
            sections: [
                DetailSection(
                    id: "insurance", title: "Insurance", rows: rows.rows,
                    jsonPath: reservation.path["insurance"].jqPath)
            ])
    }

    static func itineraryScreen(_ index: Int, in order: Order) -> DetailScreen? {
        guard order.itinerary.indices.contains(index) else { return nil }
        let leg = order.itinerary[index]
        let p = leg.path
        var rows = RowList()
        rows.row(itineraryLabel(leg, index: index), itineraryValue(leg), tone: .heading, path: p)
        rows.field("ID", leg.id, path: p["id"])
        rows.field("Operator", leg.operator, path: p["operator"])
        rows.field("Travel mode", leg.travelMode, path: p["travel_mode"])
        rows.field("Route ID", leg.routeID, path: p["route_id"])
        rows.field("Vehicle ID", leg.vehicleID, path: p["vehicle_id"])
        rows.field("Summary", leg.summary, path: p["summary"])
        rows.field("From", DisplayText.address(leg.departureAddress), path: leg.departureAddress?.path)
        rows.timestamp("Departure", leg.departureAt, path: p["departure_at"])
        rows.field("To", DisplayText.address(leg.arrivalAddress), path: leg.arrivalAddress?.path)
        rows.timestamp("Arrival", leg.arrivalAt, path: p["arrival_at"])
        rows.field("Distance", DisplayText.distance(leg.distance), path: leg.distance?.path)
        rows.field("Duration", DisplayText.duration(leg.duration), path: leg.duration?.path)
        rows.field("Lines", DisplayText.lines(leg.lineIDs, in: order), path: p["line_ids"])
        if !leg.tickets.isEmpty {
            rows.row("Tickets", "\(leg.tickets.count)", target: .itineraryTickets(index), path: p["tickets"])
        }
        if !leg.waypoints.isEmpty {
            rows.row(
                "Waypoints", "\(leg.waypoints.count)", target: .itineraryWaypoints(index),
                path: p["waypoints"])
        }
        return DetailScreen(
            crumb: "Itinerary \(index + 1)",
            sections: [
                DetailSection(id: "itinerary", title: "Itinerary leg", rows: rows.rows, jsonPath: p.jqPath)
            ])
    }

    static func ticketsScreen(_ index: Int, in order: Order) -> DetailScreen? {
        guard order.itinerary.indices.contains(index) else { return nil }
        var rows = RowList()
        for (number, ticket) in order.itinerary[index].tickets.enumerated() {
            let text = DisplayText.join(
                [
                    ticket.travelClass.map { "class \($0)" }, ticket.line.map { "line \($0)" },
                    ticket.seat.map { "seat \($0)" }, ticket.zone.map { "zone \($0)" },
                    ticket.passengerIDs.isEmpty
                        ? nil : "passengers " + ticket.passengerIDs.joined(separator: ", "),
                ], " · ")
            rows.row("Ticket \(number + 1)", text.isEmpty ? "—" : text, path: ticket.path)
        }
        return DetailScreen(
            crumb: "Tickets",
            sections: [
                DetailSection(
                    id: "tickets", title: "Tickets", rows: rows.rows,
                    jsonPath: order.itinerary[index].path["tickets"].jqPath)
            ])
    }

    static func waypointsScreen(_ index: Int, in order: Order) -> DetailScreen? {
        guard order.itinerary.indices.contains(index) else { return nil }
        var rows = RowList()
        for (number, waypoint) in order.itinerary[index].waypoints.enumerated() {
            let position = waypoint.latitude.flatMap { lat in waypoint.longitude.map { "\(lat), \($0)" } }
            let times = DisplayText.join(
                [
                    waypoint.arrivalScheduleAt.map { "arrives \($0.text)" },
                    waypoint.departureScheduleAt.map { "departs \($0.text)" },
                ], ", ")
            rows.row(
                waypoint.displayName ?? "Waypoint \(number + 1)",
                DisplayText.join([times, position.map { "(\($0))" }], "  "),
                path: waypoint.path)
        }
        return DetailScreen(
            crumb: "Waypoints",
            sections: [
                DetailSection(
                    id: "waypoints", title: "Waypoints", rows: rows.rows,
                    jsonPath: order.itinerary[index].path["waypoints"].jqPath)
            ])
    }
}
