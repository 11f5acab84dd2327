import OrderSources

/// Builds one synthetic order: plans amounts and payments first (so totals are known before
/// they are written), then writes the JSON in API field order. Internal; `SyntheticOrders` is
/// the public face.
struct SyntheticOrderBuilder {
    typealias T = SyntheticTables

    var rng: SplitMix64
    let index: Int

    // MARK: Plan types

    static let currencyCodes: [StaticString] = ["NOK", "SEK", "DKK", "EUR", "JPY", "KWD"]
    static let currencyNames = ["NOK", "SEK", "DKK", "EUR", "JPY", "KWD"]

    /// Whole NOK to a "nice" price in the minor units of currency `currency`.
    static func minorUnits(kroner kr: Int, currency: Int, rng: inout SplitMix64) -> Int64 {
        switch currency {
        case 2: return Int64(niceKroner(max(1, kr * 65 / 100))) * 100
        case 3:
            let euros = Int64(max(1, kr * 85 / 1000))
            return rng.chance(0.6) && euros > 1 ? euros * 100 - 5 : euros * 100
        case 4: return Int64(max(10, kr * 14 / 10 * 10))
        case 5: return Int64(max(50, kr * 28 / 50 * 50))
        default: return Int64(niceKroner(kr)) * 100
        }
    }
    static let currencyWeights = [70, 9, 7, 8, 3, 3]

    static func niceKroner(_ kr: Int) -> Int {
        if kr < 10 { return kr }
        return kr - kr % 10 + 9
    }

    /// (order status, payment status) pairs with their weights.
    enum Combo: Int, CaseIterable {
        case openPending, openPartiallyPaid, openPaid, openPartiallyRefunded, closedPaid,
            closedPartiallyRefunded
        case closedRefunded, cancelledPending, cancelledRefunded, archivedPaid, archivedRefunded

        var status: StaticString {
            switch self {
            case .openPending, .openPartiallyPaid, .openPaid, .openPartiallyRefunded: return "open"
            case .closedPaid, .closedPartiallyRefunded, .closedRefunded: return "closed"
            case .cancelledPending, .cancelledRefunded: return "cancelled"
            case .archivedPaid, .archivedRefunded: return "archived"
            }
        }

        var payment: Payment {
            switch self {
            case .openPending, .cancelledPending: return .pending
            case .openPartiallyPaid: return .partiallyPaid
            case .openPaid, .closedPaid, .archivedPaid: return .paid
            case .openPartiallyRefunded, .closedPartiallyRefunded: return .partiallyRefunded
            case .closedRefunded, .cancelledRefunded, .archivedRefunded: return .refunded
            }
        }

        static let weights = [12, 6, 14, 2, 33, 8, 6, 8, 3, 2, 1]
    }

    enum Payment: Int {
        case pending, partiallyPaid, paid, partiallyRefunded, refunded

        var text: StaticString {
            switch self {
            case .pending: return "pending"
            case .partiallyPaid: return "partially_paid"
            case .paid: return "paid"
            case .partiallyRefunded: return "partially_refunded"
            case .refunded: return "refunded"
            }
        }
    }

    enum Kind: Int, CaseIterable {
        case bus, car, ferry, metro, taxi, train, tram

        var name: String {
            switch self {
            case .bus: return "bus"
            case .car: return "car"
            case .ferry: return "ferry"
            case .metro: return "metro"
            case .taxi: return "taxi"
            case .train: return "train"
            case .tram: return "tram"
            }
        }
    }

    struct Item {
        var line: Int
        var product: T.Product?
        var description: [UInt8]
        var quantityHundredths: Int64
        var fractional: Bool
        var gross: Int64
        var additions: [(index: Int, quantity: Int64, gross: Int64)] = []
        var discounts: [(amount: Int64, percentage: Int?, type: Int, description: Int)] = []
        var net: Int64
        var tax: Int
        var store: Int
        var conversion: (currency: StaticString, ppm: Int64)?
        var payoutDepth = 0
        var related: Int?
        var groups: [(id: [UInt8], name: [UInt8])]
        var sku: Int64
    }

    struct Reservation {
        var kind: Kind
        var route: T.Route?
        var lines: [Int]
        var passengers: Int
        var departure: Int64
        var returnTrip: Bool
        var carDays: Int
    }

    struct Operation {
        var kind: Int  // 0 authorization, 1 capture, 2 refund, 3 cancellation
        var amount: Int64
        var items: [(line: Int, amount: Int64)]
        var time: Int64
        var success = true
        var id: (UInt64, UInt64)
    }

    struct Person {
        var first: Int
        var last: Int
    }

    // MARK: State

    var anomaly: SyntheticAnomaly?
    var currency = 0
    var combo = Combo.closedPaid
    /// What `payment_status` says (differs from `combo.payment` only for the `paymentStatus` anomaly).
    var statedPayment = Payment.paid
    var created: Int64 = 0
    var orderID: (UInt64, UInt64) = (0, 0)
    var customer = Person(first: 0, last: 0)
    var items: [Item] = []
    var reservations: [Reservation] = []
    var operations: [Operation] = []
    var hasPayouts = false
    var multipleAuthorizations = false
    var lastTime: Int64 = 0
    var psp = 0
    var cardLast4 = 0
    var cardBrand = 0
    var paymentID: (UInt64, UInt64) = (0, 0)
    var campaignID: (UInt64, UInt64)?

    init(seed: UInt64, index: Int) {
        rng = SplitMix64(seed: seed, index: UInt64(index))
        self.index = index
    }

    /// The tour that opens every dataset: the first seven orders cover every currency, order
    /// status, payment status and reservation kind, so even small datasets show all of them.
    static let tour: [(currency: Int, combo: Combo, kind: Kind)] = [
        (0, .closedPaid, .train), (1, .openPending, .bus), (2, .cancelledPending, .ferry),
        (3, .closedPartiallyRefunded, .car), (4, .openPartiallyPaid, .metro), (5, .archivedRefunded, .taxi),
        (0, .closedRefunded, .tram),
    ]

    // MARK: - Plan

    mutating func plan(anomaly: SyntheticAnomaly?) {
        self.anomaly = anomaly
        orderID = (rng.next(), rng.next())
        var forcedKind: Kind?
        if index < SyntheticOrderBuilder.tour.count {
            let stop = SyntheticOrderBuilder.tour[index]
            currency = stop.currency
            combo = stop.combo
            forcedKind = stop.kind
        } else {
            currency = rng.weighted(SyntheticOrderBuilder.currencyWeights)
            combo = Combo(rawValue: rng.weighted(Combo.weights)) ?? .closedPaid
        }
        switch anomaly {
        case .overCaptured: combo = rng.chance(0.5) ? .closedPaid : .openPaid
        case .overRefunded: combo = rng.chance(0.7) ? .closedRefunded : .cancelledRefunded
        case .paymentStatus: break
        default: break
        }
        statedPayment = combo.payment
        // 2023-01-01 … 2026-11-30, mostly in the day.
        let day = rng.int64(in: 19_358...20_421)
        let hour = Int64(
            rng.weighted([1, 1, 1, 1, 1, 1, 2, 4, 6, 8, 9, 10, 11, 11, 10, 10, 10, 11, 12, 12, 11, 8, 5, 2]))
        created = day * 86_400 + hour * 3600 + rng.int64(in: 0...3599)
        customer = Person(first: rng.below(T.firstNames.count), last: rng.below(T.lastNames.count))

        let travel = forcedKind != nil || anomaly == .danglingLineID || rng.chance(0.10)
        if travel {
            planTravel(forcedKind)
        } else {
            planRetail()
        }
        planDiscounts()
        hasPayouts = anomaly == .payoutChildren || rng.chance(0.15)
        if hasPayouts {
            for i in items.indices { items[i].payoutDepth = rng.int(in: 1...4) }
            if anomaly == .payoutChildren { items[0].payoutDepth = max(2, items[0].payoutDepth) }
        }
        if currency == 0 && rng.chance(0.06) {
            let options: [(StaticString, ClosedRange<Int64>)] = [
                ("SEK", 950_000...1_020_000), ("EUR", 11_300_000...11_900_000),
                ("DKK", 1_520_000...1_600_000),
            ]
            let choice = rng.pick(options)
            let ppm = rng.int64(in: choice.1)
            for i in items.indices { items[i].conversion = (choice.0, ppm) }
        }
        planPayments()
    }

    mutating func price(_ range: ClosedRange<Int>) -> Int64 {
        let kr = rng.int(in: range)
        return SyntheticOrderBuilder.minorUnits(kroner: kr, currency: currency, rng: &rng)
    }

    mutating func planRetail() {
        let count = 1 + rng.weighted([30, 22, 15, 10, 7, 5, 3, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1])
        let store = rng.below(T.stores.count)
        items.reserveCapacity(count)
        for n in 0..<count {
            let product = T.products[rng.below(T.products.count)]
            let unit = price(product.price)
            var quantity: Int64
            var gross: Int64
            if product.byWeight {
                quantity = rng.int64(in: 25...250)
                gross = max(1, (unit * quantity + 50) / 100)
            } else {
                quantity = Int64(1 + rng.weighted([60, 25, 10, 5])) * 100
                gross = unit * quantity / 100
            }
            var item = Item(
                line: n + 1, product: product, description: product.description, quantityHundredths: quantity,
                fractional: product.byWeight, gross: gross, net: gross, tax: product.tax,
                store: rng.chance(0.9) ? store : rng.below(T.stores.count), groups: product.groups,
                sku: rng.int64(in: 100_000...999_999))
            if product.additions && rng.chance(0.3) {
                for _ in 0..<rng.int(in: 1...2) {
                    let addition = rng.below(T.additions.count)
                    let q = Int64(rng.int(in: 1...2))
                    let g = price(T.additions[addition].price) * q
                    item.additions.append((addition, q, g))
                    item.gross += g
                }
                item.net = item.gross
            }
            if n > 0 && rng.chance(0.05) { item.related = 1 }
            items.append(item)
        }
    }

    mutating func planTravel(_ forced: Kind?) {
        var kinds: [Kind] = []
        if let forced { kinds.append(forced) } else { kinds.append(Kind(rawValue: rng.below(7)) ?? .train) }
        if rng.chance(0.3) {
            let extra = Kind(rawValue: rng.below(7)) ?? .taxi
            if !kinds.contains(extra) { kinds.append(extra) }
        }
        let departure = created + Int64(rng.int(in: 1...60)) * 86_400 + Int64(rng.int(in: -8...8)) * 3600
        var line = 1
        for kind in kinds {
            let passengers = kind == .car ? 0 : 1 + rng.weighted([55, 25, 12, 8])
            var reservation = Reservation(
                kind: kind, route: nil, lines: [], passengers: passengers, departure: departure,
                returnTrip: rng.chance(0.3), carDays: rng.int(in: 1...7))
            var description: [UInt8]
            var unit: Int64
            var tax = 12
            if kind == .car {
                let carClass = T.carClasses[rng.below(T.carClasses.count)]
                description = T.b("Leiebil, ") + carClass + T.b(", \(reservation.carDays) døgn")
                unit = price(390...1290) * Int64(reservation.carDays)
                tax = 25
            } else {
                let routes: [T.Route]
                let prefix: String
                switch kind {
                case .bus: routes = T.busRoutes; prefix = "Bussbillett "
                case .ferry: routes = T.ferryRoutes; prefix = "Ferjebillett "
                case .metro: routes = T.metroRoutes; prefix = "T-banebillett "
                case .taxi: routes = T.taxiRoutes; prefix = "Taxi "
                case .train: routes = T.trainRoutes; prefix = "Togbillett "
                case .tram: routes = T.tramRoutes; prefix = "Trikkebillett "
                case .car: routes = []; prefix = ""
                }
                let route = rng.pick(routes)
                reservation.route = route
                description = T.b(prefix) + route.from.name + T.b(" – ") + route.to.name
                unit = price(route.price)
                if reservation.returnTrip { unit *= 2 }
            }
            let quantity = kind == .car || kind == .taxi ? 1 : Int64(passengers)
            items.append(
                Item(
                    line: line, product: nil, description: description, quantityHundredths: quantity * 100,
                    fractional: false, gross: unit * quantity, net: unit * quantity, tax: tax, store: 8,
                    groups: [(T.b("R1"), T.b("Reise"))], sku: rng.int64(in: 100_000...999_999)))
            reservation.lines = [line]
            line += 1
            if kind == .train && rng.chance(0.4) {
                let seatPrice = price(50...90) * Int64(passengers)
                items.append(
                    Item(
                        line: line, product: nil, description: T.b("Setereservasjon"),
                        quantityHundredths: Int64(passengers) * 100, fractional: false, gross: seatPrice,
                        net: seatPrice, tax: 12, store: 8, groups: [(T.b("R1"), T.b("Reise"))],
                        sku: rng.int64(in: 100_000...999_999)))
                reservation.lines.append(line)
                line += 1
            }
            reservations.append(reservation)
        }
    }

    mutating func planDiscounts() {
        guard rng.chance(0.25) else { return }
        var any = false
        for i in items.indices where i == 0 || rng.chance(0.5) {
            let percentage = rng.chance(0.7) ? rng.pick([10, 15, 20, 25, 30, 40]) : nil
            let share = Int64(percentage ?? rng.int(in: 5...30))
            let amount = items[i].gross * share / 100
            guard amount > 0 else { continue }
            let type = rng.below(T.discountTypes.count)
            items[i].discounts.append((amount, percentage, type, rng.below(T.discountDescriptions.count)))
            items[i].net = items[i].gross - amount
            any = true
        }
        if any { campaignID = (rng.next(), rng.next()) }
    }

    var gross: Int64 { items.reduce(0) { $0 + $1.gross } }
    var net: Int64 { items.reduce(0) { $0 + $1.net } }

    mutating func nextTime(after time: Int64, _ range: ClosedRange<Int64>) -> Int64 {
        time + rng.int64(in: range)
    }

    mutating func operation(_ kind: Int, _ lines: [(line: Int, amount: Int64)], at time: Int64) -> Operation {
        Operation(
            kind: kind, amount: lines.reduce(0) { $0 + $1.amount }, items: lines, time: time,
            id: (rng.next(), rng.next()))
    }

    mutating func planPayments() {
        psp = rng.weighted(currency == 1 ? [40, 0, 25, 35] : [50, currency == 0 ? 30 : 0, 20, 0])
        cardBrand = rng.below(2)
        cardLast4 = rng.int(in: 1000...9999)
        paymentID = (rng.next(), rng.next())
        let lines = items.map { (line: $0.line, amount: $0.net) }
        var ops: [Operation] = []
        var time = created + rng.int64(in: 60...600)
        var payment = combo.payment
        if anomaly == .paymentStatus {
            switch rng.below(3) {
            case 0: statedPayment = .paid; payment = .pending; combo = .openPaid
            case 1: statedPayment = .pending; payment = .paid; combo = .openPending
            default: statedPayment = .refunded; payment = .paid; combo = .closedRefunded
            }
        }
        let authorize = payment != .pending || anomaly == .failedOperation || rng.chance(0.7)
        if authorize {
            if lines.count >= 2 && rng.chance(0.06) {
                multipleAuthorizations = true
                let split = rng.int(in: 1...(lines.count - 1))
                ops.append(operation(0, Array(lines[..<split]), at: time))
                time = nextTime(after: time, 60...1800)
                ops.append(operation(0, Array(lines[split...]), at: time))
            } else {
                ops.append(operation(0, lines, at: time))
            }
        }
        var captured: [(line: Int, amount: Int64)] = []
        if authorize && payment != .pending {
            time = nextTime(after: time, 3600...(5 * 86_400))
            if payment == .partiallyPaid {
                if lines.count >= 2 {
                    captured = Array(lines[..<rng.int(in: 1...(lines.count - 1))])
                } else {
                    captured = [(lines[0].line, max(1, lines[0].amount / 2))]
                }
                ops.append(operation(1, captured, at: time))
            } else {
                captured = lines
                if lines.count >= 2 && rng.chance(0.3) {
                    let split = rng.int(in: 1...(lines.count - 1))
                    ops.append(operation(1, Array(lines[..<split]), at: time))
                    time = nextTime(after: time, 3600...(3 * 86_400))
                    ops.append(operation(1, Array(lines[split...]), at: time))
                } else {
                    ops.append(operation(1, lines, at: time))
                }
            }
        }
        if payment == .partiallyRefunded || payment == .refunded {
            time = nextTime(after: time, 86_400...(20 * 86_400))
            if payment == .partiallyRefunded {
                let refund: [(line: Int, amount: Int64)] =
                    captured.count >= 2
                    ? Array(captured[..<rng.int(in: 1...(captured.count - 1))])
                    : [(captured[0].line, max(1, captured[0].amount / 2))]
                ops.append(operation(2, refund, at: time))
            } else if captured.count >= 2 && rng.chance(0.3) {
                let split = rng.int(in: 1...(captured.count - 1))
                ops.append(operation(2, Array(captured[..<split]), at: time))
                time = nextTime(after: time, 3600...(2 * 86_400))
                ops.append(operation(2, Array(captured[split...]), at: time))
            } else {
                ops.append(operation(2, captured, at: time))
            }
        }
        if combo == .cancelledPending && authorize {
            time = nextTime(after: time, 600...(2 * 86_400))
            ops.append(operation(3, lines, at: time))
        }
        // Anomalies on the operations.
        switch anomaly {
        case .overCaptured:
            if let last = ops.last(where: { $0.kind == 1 }) {
                time = nextTime(after: time, 600...(2 * 86_400))
                ops.append(operation(1, last.items, at: time))
            }
        case .overRefunded:
            if let last = ops.last(where: { $0.kind == 2 }) {
                time = nextTime(after: time, 600...(3 * 86_400))
                ops.append(operation(2, last.items, at: time))
            }
        case .failedOperation:
            if let firstCapture = ops.firstIndex(where: { $0.kind == 1 }), rng.chance(0.5) {
                var failed = operation(
                    1, ops[firstCapture].items, at: ops[firstCapture].time - rng.int64(in: 60...1800))
                failed.success = false
                ops.insert(failed, at: firstCapture)
            } else {
                let at = (ops.first?.time ?? time) - rng.int64(in: 20...300)
                var failed = operation(0, lines, at: at)
                failed.success = false
                ops.insert(failed, at: 0)
            }
        default: break
        }
        operations = ops
        lastTime = max(time, created + 600)
    }

    // MARK: - Info

    var info: SyntheticOrderInfo {
        SyntheticOrderInfo(
            index: index, status: combo.status.description, paymentStatus: statedPayment.text.description,
            currency: SyntheticOrderBuilder.currencyNames[currency], anomaly: anomaly,
            reservationKinds: reservations.map(\.kind.name))
    }
}
