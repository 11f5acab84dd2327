import OrderAnalysis
import OrderModel

extension OrderScreens {
    /// Everything about one order as sections, for `print --order`: the root screen, the payment
    /// timeline with running totals, then every screen that Enter opens from any row of those,
    /// and from the rows of the screens opened, depth first in row order, each once.
    ///
    /// The report is made of the screens themselves, not of a second list of fields, so a field
    /// or a drill-down added to a screen is printed too (a ticket pasted from `print --order`
    /// holds what the operator saw). Each drill-down section is titled with its breadcrumbs
    /// (`Item 1 › Payout · Payout tree`) and keyed by where it was opened (`item0.payout`).
    public static func fullReport(_ order: Order) -> [DetailSection] {
        let loaded = LoadedOrder(order: order)
        var sections = loaded.root.sections
        let timelineRows = loaded.timeline.rows()
        if !timelineRows.isEmpty {
            sections.append(DetailSection(id: "timeline", title: "Payment timeline", rows: timelineRows))
        }
        var usedIDs = Set(sections.map(\.id))
        var seen = Set<DrillTarget>()
        // A stack rather than recursion; children are pushed in reverse so they come out in the
        // order their rows are shown.
        var pending: [(target: DrillTarget, crumbs: [String])] = []
        func push(_ rows: [DetailRow], crumbs: [String]) {
            for target in rows.compactMap(\.target).reversed() { pending.append((target, crumbs)) }
        }
        push(sections.flatMap(\.rows), crumbs: [])
        while let next = pending.popLast() {
            let target = next.target
            guard seen.insert(target).inserted, let screen = screen(target, in: order) else { continue }
            let crumbs = next.crumbs + [screen.crumb]
            let key = reportKey(target)
            let heading = crumbs.joined(separator: " › ")
            var opened: [DetailSection] = []
            for section in screen.sections {
                var section = section
                var id = key + "." + section.id
                // Kept unique whatever a future screen names its sections.
                var suffix = 2
                while usedIDs.contains(id) {
                    id = key + "." + section.id + "#\(suffix)"
                    suffix += 1
                }
                usedIDs.insert(id)
                section.id = id
                // `Itinerary 1 › Tickets`, not `Itinerary 1 › Tickets · Tickets`.
                section.title = section.title == screen.crumb ? heading : heading + " · " + section.title
                opened.append(section)
            }
            sections += opened
            push(screen.sections.flatMap(\.rows), crumbs: crumbs)
        }
        return sections
    }

    /// Where a drill-down section sits in the report: the lists under an item share the item's
    /// key (`item0.tax0`, `item0.payout`), a reservation's the reservation's.
    static func reportKey(_ target: DrillTarget) -> String {
        switch target {
        case .item(let index), .itemTaxLines(let index), .itemDiscountLines(let index),
            .itemAdditions(let index), .itemPayout(let index):
            return "item\(index)"
        case .attachment(let index): return "attachment\(index)"
        case .reservation(let attachment, let kind), .reservationPassengers(let attachment, let kind),
            .reservationInsurance(let attachment, let kind):
            return "attachment\(attachment).\(kind)"
        case .reservationLeg(let attachment, let kind, let leg):
            return "attachment\(attachment).\(kind).leg\(leg)"
        case .itinerary(let index), .itineraryTickets(let index), .itineraryWaypoints(let index):
            return "itinerary\(index)"
        case .operation(let kind, let index): return "\(kind)\(index)"
        case .operationItem(let kind, let index, let item): return "\(kind)\(index).item\(item)"
        case .session(let index): return "session\(index)"
        case .discount(let index): return "discount\(index)"
        case .event(let index): return "event\(index)"
        }
    }
}
