import OrderAnalysis
import OrderModel
import Testing

@testable import OrderViewModel

@Suite struct ReservationViewTests {
    static func travel(_ kind: String) -> String {
        """
        {"id":"A1","\(kind)_reservation":{"booking_id":"NE 138 47794","line_ids":[1],
          "passengers":[{"id":"p1","title":"Mr","first_name":"John","last_name":"Doe"},{"id":"p2"}],
          "itinerary":[
            {"departure_address":{"name":"Bergen"},"arrival_address":{"name":"Voss"},
             "departure_at":"2024-05-01T12:00:00Z","arrival_at":"2024-05-01T13:10:00Z","operator":"Vy","seat":"12A","passenger_id":["p1"]},
            {"departure_address":{"name":"Oslo S"},"arrival_address":{"name":"Bergen"},
             "departure_at":"2024-05-01T07:00:00Z","arrival_at":"2024-05-01T09:15:00Z","operator":"Vy","class":"2"}],
          "insurance":[{"insurance_company":"If","insurance_type":"travel"}]}}
        """
    }

    @Test(arguments: ["bus", "ferry", "metro", "taxi", "train", "tram"])
    func travelReservationView(kind: String) throws {
        let order = try Fixtures.order(
            "{\"items\":[{\"line_id\":1,\"description\":\"Ticket\"}],\"attachments\":[\(Self.travel(kind))]}")
        let reservation = try #require(order.attachments.first?.reservations.first)
        let view = ReservationView(reservation)
        let title = kind.prefix(1).uppercased() + kind.dropFirst()
        #expect(view.title == "\(title) NE 138 47794")
        #expect(view.passengers == ["Mr John Doe", "p2"])
        #expect(view.legs.map(\.index) == [1, 0])
        #expect(view.legs.map(\.duration) == ["2h 15m", "1h 10m"])
        #expect(
            view.legs[0].summary == "Oslo S → Bergen  2024-05-01T07:00:00Z – 2024-05-01T09:15:00Z (2h 15m)")
        #expect(view.legs[0].details == "class 2")
        #expect(view.insurance == ["If travel"])

        let screen = try #require(OrderScreens.screen(.reservation(attachment: 0, kind: kind), in: order))
        let rows = try #require(screen.section("reservation")).rows
        #expect(
            Fixtures.lines(rows) == [
                "0|\(title) NE 138 47794|",
                "0|Booking ID|NE 138 47794",
                "0|Lines|1 (Ticket)",
                "0|Passengers|Mr John Doe, p2",
                "0|Leg Vy|Oslo S → Bergen  2024-05-01T07:00:00Z – 2024-05-01T09:15:00Z (2h 15m)  class 2",
                "0|Leg Vy|Bergen → Voss  2024-05-01T12:00:00Z – 2024-05-01T13:10:00Z (1h 10m)  seat 12A",
                "0|Insurance|If travel",
            ])
        #expect(rows[4].target == .reservationLeg(attachment: 0, kind: kind, leg: 1))
        #expect(rows[3].target == .reservationPassengers(attachment: 0, kind: kind))
        let leg = try #require(
            OrderScreens.screen(.reservationLeg(attachment: 0, kind: kind, leg: 1), in: order))
        #expect(leg.allRows.first { $0.label == "Duration" }?.value == "2h 15m")
        let passengers = try #require(
            OrderScreens.screen(.reservationPassengers(attachment: 0, kind: kind), in: order))
        #expect(Fixtures.lines(passengers.allRows) == ["0|Mr John Doe|id p1", "0|—|id p2"])
        let insurance = try #require(
            OrderScreens.screen(.reservationInsurance(attachment: 0, kind: kind), in: order))
        #expect(Fixtures.lines(insurance.allRows) == ["0|If|travel"])
        #expect(OrderScreens.screen(.reservation(attachment: 0, kind: "car"), in: order) == nil)
        #expect(AnomalyChecker.check(order).isEmpty)
    }

    @Test func carReservationView() throws {
        let order = try Fixtures.order(
            """
            {"attachments":[{"car_reservation":{"booking_id":"TV 347794","line_ids":[3],"drivers":["d1","d2"],
              "itinerary":[{"rental_company":"Avis","drivers_id":["d1"],"class":"B",
                "pick_up_address":{"address_line":"Flyplassvegen 1","postal_place":"Gardermoen"},"pick_up_at":"2024-05-01T10:00:00Z",
                "drop_off_address":{"address_line":"Strandkaien 2","postal_place":"Bergen"},"drop_off_at":"2024-05-03T12:30:00Z"}],
              "insurance":[{"insurance_company":"Gjensidige","insurance_type":"collision"}]}}]}
            """)
        let reservation = try #require(order.attachments.first?.reservations.first)
        let view = ReservationView(reservation)
        #expect(view.title == "Car TV 347794")
        #expect(view.drivers == ["d1", "d2"])
        #expect(view.passengers == [])
        #expect(view.legs.count == 1)
        #expect(view.legs[0].carrier == "Avis")
        #expect(view.legs[0].duration == "2d 2h 30m")
        #expect(view.legs[0].from == "Flyplassvegen 1, Gardermoen")
        let screen = try #require(OrderScreens.screen(.reservation(attachment: 0, kind: "car"), in: order))
        #expect(
            Fixtures.lines(screen.allRows) == [
                "0|Car TV 347794|",
                "0|Booking ID|TV 347794",
                "0|Lines|3 (no such item)",
                "0|Drivers|d1, d2",
                "0|Rental Avis|Flyplassvegen 1, Gardermoen → Strandkaien 2, Bergen  2024-05-01T10:00:00Z – 2024-05-03T12:30:00Z (2d 2h 30m)  class B",
                "0|Insurance|Gjensidige collision",
            ])
        let rental = try #require(
            OrderScreens.screen(.reservationLeg(attachment: 0, kind: "car", leg: 0), in: order))
        #expect(
            Fixtures.lines(rental.allRows) == [
                "0|Rental company|Avis", "0|Pick-up|Flyplassvegen 1, Gardermoen",
                "0|Pick-up at|2024-05-01T10:00:00Z",
                "0|Drop-off|Strandkaien 2, Bergen", "0|Drop-off at|2024-05-03T12:30:00Z",
                "0|Duration|2d 2h 30m",
                "0|Class|B", "0|Drivers|d1",
            ])
        #expect(OrderScreens.screen(.reservationPassengers(attachment: 0, kind: "car"), in: order) == nil)
        #expect(AnomalyChecker.check(order).map(\.kind) == [.danglingLineID])
    }
}
