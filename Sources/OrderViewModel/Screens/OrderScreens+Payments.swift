import OrderAnalysis
import OrderModel

extension OrderScreens {
    static func operation(_ kind: String, _ index: Int, in order: Order) -> PaymentOperation? {
        guard let kind = OperationKind(rawValue: kind) else { return nil }
        let operations = order.operations(kind)
        return operations.indices.contains(index) ? operations[index] : nil
    }

    static func operationScreen(_ kindName: String, _ index: Int, in order: Order) -> DetailScreen? {
        guard let operation = operation(kindName, index, in: order) else { return nil }
        let c = order.currency
        let p = operation.path
        var rows = RowList()
        rows.row(
            operation.kind.rawValue.capitalizedFirst, DisplayText.money(operation.amount, c) ?? "—",
            tone: .heading, path: p)
        rows.field("ID", operation.id, path: p["id"])
        if let success = operation.success {
            rows.row(
                "Success", success ? "✓ yes" : "✗ failed", tone: success ? .good : .bad, path: p["success"])
        }
        rows.timestamp("Processed at", operation.processedAt, path: p["processed_at"])
        rows.field("Processed by", operation.processedBy, path: p["processed_by"])
        rows.field("Created", actor(operation.createdAt, operation.createdBy), path: p["created_at"])
        rows.field("Authorization ID", operation.authorizationID, path: p["authorization_id"])
        if let details = operation.paymentDetails {
            let d = details.path
            rows.field("PSP", details.psp, path: d["psp"])
            rows.field("Payment ID", details.paymentID, path: d["payment_id"])
            rows.field("Payment product", details.paymentProduct, path: d["payment_product"])
            rows.field("Payment type", details.paymentProductType, path: d["payment_product_type"])
            if let card = details.card {
                rows.field("Card brand", card.brand, path: card.path["brand"])
                rows.field("Card type", card.type, path: card.path["type"])
                rows.field("Card number", card.maskedPAN, path: card.path["masked_pan"])
                rows.metadata(card.metadata, path: card.path["metadata"], prefix: "card.")
            }
        }
        rows.metadata(operation.metadata, path: p["metadata"], prefix: "metadata.")
        for link in operation.links {
            rows.row("Link" + (link.rel.map { " (\($0))" } ?? ""), link.href ?? "—", path: link.path)
        }
        var sections: [DetailSection?] = [
            rows.section("operation", operation.kind.rawValue.capitalizedFirst, path: p)
        ]

        var items = RowList()
        for (number, item) in operation.items.enumerated() {
            items.row(
                item.lineID.map { "line " + DisplayText.line($0, in: order) } ?? "line ?",
                DisplayText.money(item.amount, c) ?? "—",
                target: .operationItem(kind: operation.kind.rawValue, index: index, item: number),
                path: item.path)
            if let payout = item.payout {
                for destination in payout.destinations {
                    items.row(
                        "→ " + (destination.destination ?? "—"),
                        DisplayText.money(destination.amount, c) ?? "—",
                        path: destination.path, indent: 1)
                }
            }
        }
        sections.append(items.section("items", "Items (\(operation.items.count))", path: p["items"]))
        return DetailScreen(
            crumb: "\(operation.kind.rawValue.capitalizedFirst) \(index + 1)",
            sections: sections.compactMap { $0 })
    }

    static func operationItemScreen(_ kindName: String, _ index: Int, _ itemIndex: Int, in order: Order)
        -> DetailScreen?
    {
        guard let operation = operation(kindName, index, in: order),
            operation.items.indices.contains(itemIndex)
        else {
            return nil
        }
        let item = operation.items[itemIndex]
        let c = order.currency
        var rows = RowList()
        rows.field("Line", item.lineID.map { DisplayText.line($0, in: order) }, path: item.path["line_id"])
        rows.money("Amount", item.amount, c, path: item.path["amount"])
        var sections: [DetailSection?] = [rows.section("item", "Operation item", path: item.path)]
        if let payout = item.payout {
            var payoutRows = RowList()
            payoutRows.field("Rule type", payout.ruleType, path: payout.path["rule_type"])
            payoutRows.field("Rule ID", payout.ruleID, path: payout.path["rule_id"])
            for destination in payout.destinations {
                payoutRows.row(
                    destination.destination ?? "—", DisplayText.money(destination.amount, c) ?? "—",
                    path: destination.path)
            }
            if let item = item.amount, let sum = PayoutTree.sumAmounts(payout.destinations.map(\.amount)) {
                payoutRows.row(
                    "Destinations total",
                    sum == item
                        ? "\(DisplayText.money(sum, c)) ✓"
                        : "\(DisplayText.money(sum, c)) ✗ item amount is \(DisplayText.money(item, c))",
                    tone: sum == item ? .good : .bad, path: payout.path)
            }
            sections.append(payoutRows.section("payout", "Payout", path: payout.path))
        }
        if let conversion = item.conversion { sections.append(conversionSection(conversion)) }
        return DetailScreen(
            crumb: "Line \(item.lineID?.rawValue ?? String(itemIndex + 1))",
            sections: sections.compactMap { $0 })
    }

    static func sessionScreen(_ index: Int, in order: Order) -> DetailScreen? {
        guard order.sessions.indices.contains(index) else { return nil }
        let session = order.sessions[index]
        let p = session.path
        var rows = RowList()
        rows.row("Session", session.id ?? "—", tone: .heading, path: p)
        rows.money("Amount", session.amount, order.currency, path: p["amount"])
        rows.field("Created", actor(session.createdAt, session.createdBy), path: p["created_at"])
        rows.timestamp("Processed at", session.processedAt, path: p["processed_at"])
        rows.metadata(session.metadata, path: p["metadata"], prefix: "metadata.")
        for link in session.links {
            rows.row("Link" + (link.rel.map { " (\($0))" } ?? ""), link.href ?? "—", path: link.path)
        }
        var items = RowList()
        for item in session.items {
            items.row(
                item.lineID.map { "line " + DisplayText.line($0, in: order) } ?? "line ?",
                DisplayText.money(item.amount, order.currency) ?? "—", path: item.path)
        }
        let sections = [
            rows.section("session", "Session", path: p), items.section("items", "Items", path: p["items"]),
        ]
        return DetailScreen(crumb: "Session \(index + 1)", sections: sections.compactMap { $0 })
    }

    static func discountScreen(_ index: Int, in order: Order) -> DetailScreen? {
        guard order.discounts.indices.contains(index) else { return nil }
        let discount = order.discounts[index]
        let c = order.currency
        var sections: [DetailSection] = []
        var head = RowList()
        head.row("Discount", discount.id ?? "—", tone: .heading, path: discount.path)
        sections.append(
            DetailSection(id: "discount", title: "Discount", rows: head.rows, jsonPath: discount.path.jqPath))
        for (number, ref) in discount.refs.enumerated() {
            var rows = RowList()
            let p = ref.path
            rows.field("Ref ID", ref.id, path: p["id"])
            rows.money("Amount", ref.amount, c, path: p["amount"])
            rows.field("Stamp", ref.stamp.map(String.init), path: p["stamp"])
            rows.field("Usages", ref.usages.map(String.init), path: p["usages"])
            if let stats = ref.statistics {
                rows.field(
                    "Statistics",
                    DisplayText.join(
                        [
                            DisplayText.money(stats.amount, c), stats.usage.map { "usage \($0)" },
                            stats.stamp.map { "stamp \($0)" },
                        ], " · "), path: stats.path)
            }
            for item in ref.items {
                rows.row(
                    item.lineID.map { "line " + DisplayText.line($0, in: order) } ?? "line ?",
                    DisplayText.money(item.amount, c) ?? "—", path: item.path, indent: 1)
            }
            if rows.isEmpty { rows.row("(empty)", tone: .muted, path: p) }
            sections.append(
                DetailSection(
                    id: "ref\(number)", title: "Ref \(number + 1)", rows: rows.rows, jsonPath: p.jqPath))
        }
        return DetailScreen(crumb: "Discount \(index + 1)", sections: sections)
    }

    static func eventScreen(_ index: Int, in order: Order) -> DetailScreen? {
        guard order.events.indices.contains(index) else { return nil }
        let event = order.events[index]
        let p = event.path
        var rows = RowList()
        rows.row("Event", event.shape == .api ? "API event" : "status event", tone: .heading, path: p)
        rows.field("ID", event.id, path: p["id"])
        rows.field("Created", actor(event.createdAt, event.createdBy), path: p["created_at"])
        rows.field("Version", event.version.map(String.init), path: p["version"])
        rows.field("Event type", event.eventType, path: p["event_type"])
        rows.field("Draft ID", event.draftID, path: p["draft_id"])
        rows.field("State", event.state?.rawValue, path: p["state"])
        rows.field("Service", event.service, path: p["service"])
        rows.field("Service status", event.serviceStatus, path: p["service_status"])
        rows.field("Description", event.description, path: p["description"])
        rows.metadata(event.metadata, path: p["metadata"], prefix: "metadata.")
        for link in event.links {
            rows.row("Link" + (link.rel.map { " (\($0))" } ?? ""), link.href ?? "—", path: link.path)
        }
        var sections = [rows.section("event", "Event", path: p)]
        if let request = event.request {
            var req = RowList()
            req.field("Method", request.method, path: request.nodePath["method"])
            req.field("Path", request.path, path: request.nodePath["path"])
            req.field("Body", request.body, path: request.nodePath["body"])
            sections.append(req.section("request", "Request", path: request.nodePath))
        }
        return DetailScreen(crumb: "Event \(index + 1)", sections: sections.compactMap { $0 })
    }
}
