import OrderAnalysis
import OrderModel

/// Builds the detail screens of an order: the root screen (summary, customer, items, payments,
/// travel …) and one screen per drill-down target; `fullReport` (OrderScreens+Report.swift)
/// walks them all for `print --order`.
///
/// Everything is a pure function of the order. Row values are raw order text (the renderer
/// sanitizes); money goes through `MoneyFormatter`. Sections with nothing to show are left out.
public enum OrderScreens {
    /// The first screen of an order.
    public static func root(_ order: Order, anomalies: [Anomaly]) -> DetailScreen {
        let sections: [DetailSection?] = [
            summary(order),
            anomalySection(anomalies),
            customer(order),
            addresses(order),
            items(order),
            discounts(order),
            payments(order),
            paymentDetails(order),
            store(order),
            comments(order),
            externalRefs(order),
            itinerary(order),
            attachments(order),
            sessions(order),
            events(order),
            metadata(order),
            misc(order),
            decodeIssues(order),
        ]
        return DetailScreen(crumb: order.displayNumber, sections: sections.compactMap { $0 })
    }

    /// The screen a drill-down target opens; nil when the target does not exist in the order.
    public static func screen(_ target: DrillTarget, in order: Order) -> DetailScreen? {
        switch target {
        case .item(let index): return itemScreen(index, in: order)
        case .itemTaxLines(let index): return taxLinesScreen(index, in: order)
        case .itemDiscountLines(let index): return discountLinesScreen(index, in: order)
        case .itemAdditions(let index): return additionsScreen(index, in: order)
        case .itemPayout(let index): return payoutScreen(index, in: order)
        case .attachment(let index): return attachmentScreen(index, in: order)
        case .reservation(let attachment, let kind): return reservationScreen(attachment, kind, in: order)
        case .reservationLeg(let attachment, let kind, let leg):
            return legScreen(attachment, kind, leg, in: order)
        case .reservationPassengers(let attachment, let kind):
            return passengersScreen(attachment, kind, in: order)
        case .reservationInsurance(let attachment, let kind):
            return insuranceScreen(attachment, kind, in: order)
        case .itinerary(let index): return itineraryScreen(index, in: order)
        case .itineraryTickets(let index): return ticketsScreen(index, in: order)
        case .itineraryWaypoints(let index): return waypointsScreen(index, in: order)
        case .operation(let kind, let index): return operationScreen(kind, index, in: order)
        case .operationItem(let kind, let index, let item):
            return operationItemScreen(kind, index, item, in: order)
        case .session(let index): return sessionScreen(index, in: order)
        case .discount(let index): return discountScreen(index, in: order)
        case .event(let index): return eventScreen(index, in: order)
        }
    }

    // MARK: - Root sections

    static func summary(_ order: Order) -> DetailSection? {
        var rows = RowList()
        let currency = order.currency
        // A value said once: the heading is the order number when there is one, and `order_id`
        // shows only when it differs from both `id` and the order number.
        if let number = order.orderNumber, number == order.displayNumber {
            rows.row("Order number", number, tone: .heading, path: order.path["order_number"])
        } else {
            rows.row("Order", order.displayNumber, tone: .heading)
            rows.field("Order number", order.orderNumber, path: order.path["order_number"])
        }
        rows.field("ID", order.id, path: order.path["id"])
        if order.orderID != order.id, order.orderID != order.orderNumber {
            rows.field("Order ID", order.orderID, path: order.path["order_id"])
        }
        rows.field("Status", order.status?.rawValue, path: order.path["status"])
        rows.field("Payment status", order.paymentStatus?.rawValue, path: order.path["payment_status"])
        rows.field("Type", order.type, path: order.path["type"])
        rows.field("Currency", order.currency?.code, path: order.path["currency"])
        rows.field("Version", order.version.map(String.init), path: order.path["version"])
        rows.field("Created", actor(order.createdAt, order.createdBy), path: order.path["created_at"])
        rows.field("Updated", order.updatedAt?.text, path: order.path["updated_at"])
        rows.field("Closed", actor(order.closedAt, order.closedBy), path: order.path["closed_at"])
        var cancelled = actor(order.cancelledAt, order.cancelledBy)
        if let reason = order.cancelledReason {
            cancelled = DisplayText.join([cancelled, "reason: \(reason)"], ", ")
        }
        rows.field("Cancelled", cancelled, path: order.path["cancelled_at"])
        rows.field("Deleted", actor(order.deletedAt, order.deletedBy), path: order.path["deleted_at"])
        rows.money("Gross", order.grossAmount, currency, path: order.path["gross_amount"])
        rows.money("Total discount", order.totalDiscount, currency, path: order.path["total_discount"])
        rows.money(
            "Manual discount", order.totalManualDiscountAmount, currency,
            path: order.path["total_manual_discount_amount"])
        rows.money("Net", order.netAmount, currency, path: order.path["net_amount"])
        let tax = PayoutTree.sumAmounts(order.items.map(\.taxAmount))
        rows.money("Tax (from tax lines)", tax, currency, path: order.path["items"])
        if let gross = order.grossAmount, let net = order.netAmount {
            let expected = gross &- (order.totalDiscount ?? 0)
            if expected == net {
                rows.row("Gross − discounts = net", "✓", tone: .good, path: order.path["net_amount"])
            } else {
                rows.row(
                    "Gross − discounts = net", "✗ differs by \(DisplayText.money(net &- expected, currency))",
                    tone: .bad,
                    path: order.path["net_amount"])
            }
        }
        return rows.section("summary", "Summary", path: order.path)
    }

    static func anomalySection(_ anomalies: [Anomaly]) -> DetailSection? {
        guard !anomalies.isEmpty else { return nil }
        let rows = anomalies.map {
            DetailRow($0.kind.rawValue, "✗ " + $0.message, tone: .bad, jsonPath: $0.jsonPath)
        }
        return DetailSection(id: "anomalies", title: "Anomalies (\(anomalies.count))", rows: rows)
    }

    static func customer(_ order: Order) -> DetailSection? {
        guard let customer = order.customer else { return nil }
        let p = customer.path
        var rows = RowList()
        rows.field("Name", DisplayText.join([customer.firstName, customer.lastName]), path: p)
        rows.field("ID", customer.id, path: p["id"])
        rows.field("Email", customer.email, path: p["email"])
        rows.field("Phone", customer.phoneNumber, path: p["phone_number"])
        rows.field("Gender", customer.gender, path: p["gender"])
        rows.field("Date of birth", customer.dateOfBirth, path: p["date_of_birth"])
        rows.flag("Pays tax", customer.paysTax, path: p["pays_tax"])
        rows.field("Favorite store", customer.favoriteStore, path: p["favorite_store"])
        if let company = customer.company {
            let c = company.path
            rows.field("Company", company.businessName, path: c["bussiness_name"])
            rows.field("Organization number", company.organizationNumber, path: c["organization_number"])
            rows.field("Department", company.department, path: c["department"])
            rows.field("Industry", company.industry, path: c["industry"])
            rows.field("Website", company.website, path: c["website"])
            rows.field("Employees", company.numberOfEmployees, path: c["number_of_employees"])
        }
        if let consent = customer.marketingConsent {
            rows.field("SMS marketing", consentText(consent.sms), path: consent.sms?.path)
            rows.field("Email marketing", consentText(consent.email), path: consent.email?.path)
        }
        if let enrolled = customer.enrolledBy {
            rows.field(
                "Enrolled by",
                DisplayText.join([enrolled.value, enrolled.type.map { "(\($0))" }]), path: enrolled.path)
        }
        rows.field("Status", customer.status, path: p["status"])
        rows.field("Type", customer.type, path: p["type"])
        rows.field("Term", customer.term?.id, path: customer.term?.path)
        rows.metadata(customer.metadata, path: p["metadata"], prefix: "metadata.")
        if rows.isEmpty { rows.row("Customer", "(empty)", tone: .muted, path: p) }
        return rows.section("customer", "Customer", path: p)
    }

    static func consentText(_ consent: Consent?) -> String? {
        guard let consent else { return nil }
        let text = DisplayText.join([
            DisplayText.yesNo(consent.consent), consent.updatedAt.map { "(\($0.text))" },
        ])
        return text.isEmpty ? "—" : text
    }

    static func addresses(_ order: Order) -> DetailSection? {
        var rows = RowList()
        func add(_ label: String, _ address: Address?) {
            guard let address else { return }
            rows.row(label, DisplayText.address(address) ?? "—", path: address.path)
            rows.indent = 1
            rows.field("comment", address.comment, path: address.path["comment"])
            if let lat = address.latitude, let lon = address.longitude {
                rows.row("coordinates", "\(lat), \(lon)", path: address.path)
            }
            rows.indent = 0
        }
        add("Shipping", order.shippingAddress)
        add("Billing", order.billingAddress)
        for (index, address) in (order.customer?.addresses ?? []).enumerated() {
            let kind = DisplayText.join([address.type, address.customType], " / ")
            add("Customer address \(index + 1)" + (kind.isEmpty ? "" : " (\(kind))"), address)
        }
        return rows.section("addresses", "Addresses")
    }

    static func items(_ order: Order) -> DetailSection? {
        guard !order.items.isEmpty else { return nil }
        var rows = RowList()
        for (index, item) in order.items.enumerated() {
            rows.row(
                itemLabel(item, index: index), itemValue(item, order.currency), target: .item(index),
                path: item.path)
        }
        return rows.section("items", "Items (\(order.items.count))", path: order.path["items"])
    }

    /// `#1  2 × Stablestol for utendørsbruk`: line id (or position) marked as a line number,
    /// then quantity × description, so `#10  4 × Kokebok` never reads as 40 books.
    static func itemLabel(_ item: OrderItem, index: Int) -> String {
        let line = item.lineID?.rawValue ?? String(index + 1)
        let quantity = DisplayText.quantity(item.quantityText, item.quantity) ?? "?"
        return "#\(line)  \(quantity) × \(item.description ?? item.descriptionAlias ?? item.id ?? "—")"
    }

    /// `398.00 NOK`, with the net after it when discounts changed it.
    static func itemValue(_ item: OrderItem, _ currency: Currency?) -> String {
        var text = DisplayText.money(item.grossAmount, currency) ?? "—"
        if let net = item.netAmount, net != item.grossAmount {
            text += "  net " + DisplayText.money(net, currency)
        }
        return text
    }

    static func discounts(_ order: Order) -> DetailSection? {
        guard !order.discounts.isEmpty else { return nil }
        var rows = RowList()
        for (index, discount) in order.discounts.enumerated() {
            let total = PayoutTree.sumAmounts(discount.refs.map(\.amount))
            rows.row(
                "Discount \(discount.id ?? String(index + 1))",
                DisplayText.join(
                    [
                        DisplayText.money(total, order.currency),
                        DisplayText.count(discount.refs.count, "ref"),
                    ], "  "),
                target: .discount(index), path: discount.path)
            rows.indent = 1
            for ref in discount.refs {
                rows.row(
                    "ref \(ref.id ?? "—")", DisplayText.money(ref.amount, order.currency) ?? "—",
                    path: ref.path)
            }
            rows.indent = 0
        }
        return rows.section("discounts", "Order discounts", path: order.path["discounts"])
    }

    static func payments(_ order: Order) -> DetailSection? {
        guard !order.operations.isEmpty else { return nil }
        var rows = RowList()
        for kind in OperationKind.allCases {
            for (index, operation) in order.operations(kind).enumerated() {
                let entry = TimelineEntry(operation: operation, index: index, currency: order.currency)
                rows.row(
                    entry.timeText.isEmpty ? "—" : entry.timeText, entry.summary,
                    tone: operation.success == false ? .bad : .normal, target: entry.target,
                    path: operation.path)
            }
        }
        return rows.section("payments", "Payment operations")
    }

    static func paymentDetails(_ order: Order) -> DetailSection? {
        guard let details = order.paymentDetails else { return nil }
        let p = details.path
        let c = order.currency
        var rows = RowList()
        rows.money(
            "Remaining capture", details.remainingCaptureAmount, c, path: p["remaining_capture_amount"])
        rows.money("Remaining refund", details.remainingRefundAmount, c, path: p["remaining_refund_amount"])
        rows.money(
            "Remaining cancellation", details.remainingCancellationAmount, c,
            path: p["remaining_cancellation_amount"])
        rows.money(
            "Remaining authorization", details.remainingAuthorizationAmount, c,
            path: p["remaining_authorization_amount"])
        rows.money("Amount due", details.amountDue, c, path: p["amount_due"])
        return rows.section("paymentDetails", "Payment details", path: p)
    }

    static func store(_ order: Order) -> DetailSection? {
        guard let store = order.store else { return nil }
        var rows = RowList()
        storeRows(store, into: &rows)
        return rows.section("store", "Store", path: store.path)
    }

    static func storeRows(_ store: Store, into rows: inout RowList) {
        let p = store.path
        rows.field("Store ID", store.id, path: p["id"])
        rows.field("Name", store.name, path: p["name"])
        rows.field("Business name", store.businessName, path: p["business_name"])
        rows.field("Organization number", store.organizationNumber, path: p["organization_number"])
        rows.field("Comment", store.comment, path: p["comment"])
        for (index, comment) in store.comments.enumerated() {
            rows.row("Comment \(index + 1)", comment, path: p["comments"][index])
        }
    }

    static func comments(_ order: Order) -> DetailSection? {
        var rows = RowList()
        rows.field("Comment", order.comment, path: order.path["comment"])
        for comment in order.comments {
            let label = DisplayText.join([
                comment.createdAt?.text, comment.createdBy.map { "by \($0)" },
                comment.visibility.map { "(\($0))" },
            ])
            var value = comment.body ?? "—"
            if let deleted = comment.deletedAt {
                value += "  [deleted \(deleted.text)\(comment.deletedBy.map { " by \($0)" } ?? "")]"
            }
            rows.row(
                label.isEmpty ? "comment" : label, value, tone: comment.deletedAt != nil ? .muted : .normal,
                path: comment.path)
        }
        return rows.section("comments", "Comments")
    }

    static func externalRefs(_ order: Order) -> DetailSection? {
        var rows = RowList()
        for external in order.externalIDs {
            rows.row(
                "External ID" + (external.source.map { " (\($0))" } ?? ""),
                DisplayText.join([external.id, external.description.map { "– \($0)" }]), path: external.path)
        }
        for link in order.externalLinks {
            let visibility = link.isPublic.map { $0 ? " (public)" : " (private)" } ?? ""
            rows.row((link.text ?? "Link") + visibility, link.href ?? "—", path: link.path)
        }
        return rows.section("external", "External ids and links")
    }

    static func itinerary(_ order: Order) -> DetailSection? {
        guard !order.itinerary.isEmpty else { return nil }
        var rows = RowList()
        for (index, leg) in order.itinerary.enumerated() {
            rows.row(
                itineraryLabel(leg, index: index), itineraryValue(leg), target: .itinerary(index),
                path: leg.path)
        }
        return rows.section("itinerary", "Itinerary", path: order.path["itinerary"])
    }

    static func itineraryLabel(_ leg: Itinerary, index: Int) -> String {
        let text = DisplayText.join([leg.travelMode, leg.operator])
        return text.isEmpty ? "Leg \(index + 1)" : text
    }

    static func itineraryValue(_ leg: Itinerary) -> String {
        let route = DisplayText.join(
            [DisplayText.place(leg.departureAddress) ?? "?", DisplayText.place(leg.arrivalAddress) ?? "?"],
            " → ")
        var times = DisplayText.join([leg.departureAt?.text, leg.arrivalAt?.text], " – ")
        if let duration = DisplayText.duration(from: leg.departureAt, to: leg.arrivalAt) {
            times += " (\(duration))"
        }
        return DisplayText.join([route, times], "  ")
    }

    static func attachments(_ order: Order) -> DetailSection? {
        guard !order.attachments.isEmpty else { return nil }
        var rows = RowList()
        for (index, attachment) in order.attachments.enumerated() {
            rows.row(
                "Attachment \(attachment.id ?? String(index + 1))",
                DisplayText.count(attachment.reservations.count, "reservation"),
                tone: .heading, target: .attachment(index), path: attachment.path)
            for reservation in attachment.reservations {
                let view = ReservationView(reservation)
                rows.row(
                    "\(reservation.kind.title) reservation",
                    DisplayText.join([reservation.bookingID, legsCount(view)], "  "),
                    target: .reservation(attachment: index, kind: reservation.kind.rawValue),
                    path: reservation.path,
                    indent: 1)
            }
        }
        return rows.section("attachments", "Attachments", path: order.path["attachments"])
    }

    static func legsCount(_ view: ReservationView) -> String {
        let noun = view.kind == .car ? "rental" : "leg"
        return DisplayText.count(view.legs.count, noun)
    }

    static func sessions(_ order: Order) -> DetailSection? {
        guard !order.sessions.isEmpty else { return nil }
        var rows = RowList()
        for (index, session) in order.sessions.enumerated() {
            let entry = TimelineEntry(session: session, index: index, currency: order.currency)
            rows.row(
                entry.timeText.isEmpty ? "—" : entry.timeText, entry.summary, target: entry.target,
                path: session.path)
        }
        return rows.section("sessions", "Sessions", path: order.path["sessions"])
    }

    static func events(_ order: Order) -> DetailSection? {
        guard !order.events.isEmpty || order.state != nil else { return nil }
        var rows = RowList()
        rows.field("Combined state", order.state?.rawValue, path: order.path["state"])
        for (index, event) in order.events.enumerated() {
            let entry = TimelineEntry(event: event, index: index)
            rows.row(
                entry.timeText.isEmpty ? "—" : entry.timeText, entry.summary, target: entry.target,
                path: event.path)
        }
        return rows.section("events", "Events", path: order.path["events"])
    }

    static func metadata(_ order: Order) -> DetailSection? {
        var rows = RowList()
        rows.metadata(order.metadata, path: order.path["metadata"])
        return rows.section("metadata", "Metadata", path: order.path["metadata"])
    }

    static func misc(_ order: Order) -> DetailSection? {
        let p = order.path
        var rows = RowList()
        rows.field(
            "Salesperson", DisplayText.join([order.salespersonName, order.salespersonID.map { "(\($0))" }]),
            path: p["salesperson_id"])
        rows.timestamp("Delivery at", order.deliveryAt, path: p["delivery_at"])
        rows.timestamp("Pickup at", order.pickupAt, path: p["pickup_at"])
        rows.field("Courier", order.courierID, path: p["courier_id"])
        rows.field("Delivery ID", order.deliveryID, path: p["delivery_id"])
        rows.flag("Pre-order", order.preOrder, path: p["pre_order"])
        if let ttl = order.timeToLive {
            rows.row(
                "Time to live", "\(ttl) s (\(DisplayText.duration(seconds: Double(ttl))))",
                path: p["time_to_live"])
        }
        rows.timestamp("Expires at", order.timeToLiveExpiresAt, path: p["time_to_live_expires_at"])
        rows.flag("Multiple authorizations", order.multipleAuthorizations, path: p["multiple_authorizations"])
        for link in order.links {
            rows.row("Link" + (link.rel.map { " (\($0))" } ?? ""), link.href ?? "—", path: link.path)
        }
        return rows.section("misc", "Other")
    }

    static func decodeIssues(_ order: Order) -> DetailSection? {
        guard !order.decodeIssues.isEmpty else { return nil }
        let rows = order.decodeIssues.map {
            DetailRow(
                $0.path.isRoot ? "." : $0.path.description, "⚠ " + $0.message, tone: .warning,
                jsonPath: $0.path.jqPath)
        }
        return DetailSection(id: "decodeIssues", title: "Unreadable fields", rows: rows)
    }

    static func actor(_ time: Timestamp?, _ who: String?) -> String? {
        let text = DisplayText.join([time?.text, who.map { "by \($0)" }])
        return text.isEmpty ? nil : text
    }
}

extension String {
    /// `Capture` from `capture`.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
