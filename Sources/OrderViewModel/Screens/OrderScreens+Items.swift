import OrderAnalysis
import OrderModel

extension OrderScreens {
    static func itemScreen(_ index: Int, in order: Order) -> DetailScreen? {
        guard order.items.indices.contains(index) else { return nil }
        let item = order.items[index]
        let c = order.currency
        let p = item.path
        var sections: [DetailSection?] = []

        var rows = RowList()
        rows.row("Item", itemLabel(item, index: index), tone: .heading, path: p)
        rows.field("Description", item.description, path: p["description"])
        rows.field("Alias", item.descriptionAlias, path: p["description_alias"])
        rows.field("ID", item.id, path: p["id"])
        rows.field("Line ID", item.lineID?.rawValue, path: p["line_id"])
        rows.field("External ID", item.externalID, path: p["external_id"])
        rows.field("Status", item.status, path: p["status"])
        rows.field("Version", item.version.map(String.init), path: p["version"])
        rows.field("Quantity", DisplayText.quantity(item.quantityText, item.quantity), path: p["quantity"])
        rows.money("Gross", item.grossAmount, c, path: p["gross_amount"])
        rows.money("Net", item.netAmount, c, path: p["net_amount"])
        rows.money("Tax", item.taxAmount, c, path: p["tax_lines"])
        rows.flag("Changed", item.isChanged, path: p["is_changed"])
        rows.flag("Eligible for discount", item.eligibleForDiscount, path: p["eligible_for_discount"])
        rows.field("Reversed reason", item.reversedReason, path: p["reversed_reason"])
        rows.field("Comment", item.comment, path: p["comment"])
        rows.field(
            "Salesperson", DisplayText.join([item.salespersonName, item.salespersonID.map { "(\($0))" }]),
            path: p["salesperson_id"])
        sections.append(rows.section("item", "Item", path: p))

        // Lines: one row each, opening the list screens.
        var lines = RowList()
        if !item.taxLines.isEmpty {
            let tax = DisplayText.money(item.taxAmount, c) ?? "—"
            lines.row(
                "Tax lines", "\(item.taxLines.count) · \(tax)", target: .itemTaxLines(index),
                path: p["tax_lines"])
        }
        if !item.discountLines.isEmpty {
            let total = DisplayText.money(PayoutTree.sumAmounts(item.discountLines.map(\.amount)), c) ?? "—"
            lines.row(
                "Discount lines", "\(item.discountLines.count) · \(total)", target: .itemDiscountLines(index),
                path: p["discount_lines"])
        }
        if !item.additions.isEmpty {
            lines.row(
                "Additions", "\(item.additions.count)", target: .itemAdditions(index), path: p["additions"])
        }
        if let payout = item.payout {
            let tree = PayoutTreeRows(tree: payout, basis: PayoutBasis(item: item), currency: c)
            let header = tree.rows.first?.value ?? ""
            lines.row(
                "Payout", DisplayText.count(payout.count, "destination") + " · \(header)",
                tone: tree.rootMismatch || !tree.mismatchedNodes.isEmpty ? .bad : .normal,
                target: .itemPayout(index),
                path: payout.path)
        }
        sections.append(lines.section("lines", "Lines", path: p))

        var more = RowList()
        if !item.groups.isEmpty {
            more.row(
                "Groups",
                item.groups.map { DisplayText.join([$0.name, $0.id.map { "(\($0))" }]) }.joined(
                    separator: ", "),
                path: p["groups"])
        }
        if let dimension = item.dimension {
            let d = dimension.path
            more.field("Color", dimension.color, path: d["color"])
            more.field("Size", dimension.size, path: d["size"])
            more.field("Style", dimension.style, path: d["style"])
            more.field("Config", dimension.config, path: d["config"])
            more.field("Variant", dimension.variant, path: d["variant"])
        }
        if let related = item.relatedItem {
            more.field(
                "Related item",
                DisplayText.join([
                    related.lineID.map { "line " + DisplayText.line($0, in: order) },
                    related.type.map { "(\($0))" },
                ]),
                path: related.path)
        }
        if let dynamic = item.dynamicPayout {
            more.field(
                "Dynamic payout", DisplayText.join([dynamic.ruleType, dynamic.ruleID.map { "rule \($0)" }]),
                path: dynamic.path)
        }
        sections.append(more.section("attributes", "Groups and attributes", path: p))

        if let store = item.store {
            var storeRows = RowList()
            OrderScreens.storeRows(store, into: &storeRows)
            sections.append(storeRows.section("store", "Item store", path: store.path))
        }
        if let conversion = item.conversion {
            sections.append(conversionSection(conversion))
        }
        var meta = RowList()
        meta.metadata(item.metadata, path: p["metadata"])
        sections.append(meta.section("metadata", "Metadata", path: p["metadata"]))
        return DetailScreen(crumb: "Item \(index + 1)", sections: sections.compactMap { $0 })
    }

    /// The exchange rate: original amount in its currency, the rate, its source and time.
    static func conversionSection(_ conversion: CurrencyConversion) -> DetailSection? {
        var rows = RowList()
        let p = conversion.path
        if let original = conversion.originalGross {
            rows.row(
                "Original amount", MoneyFormatter.standard.string(original), path: p["original_gross_amount"])
        } else {
            rows.field(
                "Original amount", conversion.originalGrossAmount.map(String.init),
                path: p["original_gross_amount"])
        }
        rows.field("Original currency", conversion.originalCurrency, path: p["original_currency"])
        if let rate = conversion.rateText {
            rows.row(
                "Rate", "\(rate) (\(conversion.conversionRatePPM ?? 0) ppm)", path: p["conversion_rate_ppm"])
        }
        rows.field("Rate source", conversion.conversionRateSource, path: p["conversion_rate_source"])
        rows.timestamp("Rate time", conversion.conversionRateTimestamp, path: p["conversion_rate_timestamp"])
        return rows.section("exchange", "Exchange rate", path: p)
    }

    static func taxLinesScreen(_ index: Int, in order: Order) -> DetailScreen? {
        guard order.items.indices.contains(index) else { return nil }
        let item = order.items[index]
        var sections: [DetailSection] = []
        for (number, line) in item.taxLines.enumerated() {
            var rows = RowList()
            let p = line.path
            rows.money("Amount", line.amount, order.currency, path: p["amount"])
            rows.field("Amount (DWH)", line.amountDWH, path: p["amount_dwh"])
            rows.field(
                "Percentage", (line.percentageText ?? line.percentage.map { String($0) }).map { $0 + "%" },
                path: p["percentage"])
            rows.money("Tax basis", line.taxBasis, order.currency, path: p["tax_basis"])
            rows.field("Tax basis (DWH)", line.taxBasisDWH, path: p["tax_basis_dwh"])
            rows.flag("Included in price", line.includedInPrice, path: p["included_in_price"])
            rows.flag("Exempt", line.exempt, path: p["exempt"])
            rows.field("Tax code", line.taxCode, path: p["tax_code"])
            rows.field("Tax group", line.taxGroup, path: p["tax_group"])
            if rows.isEmpty { rows.row("(empty)", tone: .muted, path: p) }
            sections.append(
                DetailSection(
                    id: "tax\(number)", title: "Tax line \(number + 1)", rows: rows.rows, jsonPath: p.jqPath))
        }
        return DetailScreen(crumb: "Tax lines", sections: sections)
    }

    static func discountLinesScreen(_ index: Int, in order: Order) -> DetailScreen? {
        guard order.items.indices.contains(index) else { return nil }
        let item = order.items[index]
        var sections: [DetailSection] = []
        for (number, line) in item.discountLines.enumerated() {
            var rows = RowList()
            let p = line.path
            rows.money("Amount", line.amount, order.currency, path: p["amount"])
            rows.field(
                "Percentage", (line.percentageText ?? line.percentage.map { String($0) }).map { $0 + "%" },
                path: p["percentage"])
            rows.field("Type", line.discountType, path: p["discount_type"])
            rows.field("Subtype", line.discountSubtype, path: p["discount_subtype"])
            rows.field("Discount ID", line.discountID, path: p["discount_id"])
            rows.field("Description", line.description, path: p["description"])
            rows.field("Line", line.lineID.map { DisplayText.line($0, in: order) }, path: p["line_id"])
            if rows.isEmpty { rows.row("(empty)", tone: .muted, path: p) }
            sections.append(
                DetailSection(
                    id: "discount\(number)", title: "Discount line \(number + 1)", rows: rows.rows,
                    jsonPath: p.jqPath))
        }
        return DetailScreen(crumb: "Discount lines", sections: sections)
    }

    static func additionsScreen(_ index: Int, in order: Order) -> DetailScreen? {
        guard order.items.indices.contains(index) else { return nil }
        let item = order.items[index]
        var sections: [DetailSection] = []
        for (number, addition) in item.additions.enumerated() {
            var rows = RowList()
            let p = addition.path
            rows.field("Description", addition.description, path: p["description"])
            rows.field("ID", addition.id, path: p["id"])
            rows.field(
                "Quantity", DisplayText.quantity(addition.quantityText, addition.quantity),
                path: p["quantity"])
            rows.money("Gross", addition.grossAmount, order.currency, path: p["gross_amount"])
            if !addition.groups.isEmpty {
                rows.row(
                    "Groups",
                    addition.groups.map { DisplayText.join([$0.name, $0.id.map { "(\($0))" }]) }.joined(
                        separator: ", "),
                    path: p["groups"])
            }
            if rows.isEmpty { rows.row("(empty)", tone: .muted, path: p) }
            sections.append(
                DetailSection(
                    id: "addition\(number)", title: "Addition \(number + 1)", rows: rows.rows,
                    jsonPath: p.jqPath))
        }
        return DetailScreen(crumb: "Additions", sections: sections)
    }

    static func payoutScreen(_ index: Int, in order: Order) -> DetailScreen? {
        guard order.items.indices.contains(index), let payout = order.items[index].payout else { return nil }
        let tree = PayoutTreeRows(
            tree: payout, basis: PayoutBasis(item: order.items[index]), currency: order.currency)
        return DetailScreen(
            crumb: "Payout",
            sections: [
                DetailSection(
                    id: "payout", title: "Payout tree", rows: tree.rows, jsonPath: payout.path.jqPath)
            ])
    }
}
