import OrderSources

extension JSONByteWriter {
    @inline(__always) mutating func f(_ key: StaticString, _ value: Int64) { self.key(key); int(value) }
    @inline(__always) mutating func f(_ key: StaticString, _ value: [UInt8]) { self.key(key); string(value) }
    @inline(__always) mutating func f(_ key: StaticString, _ value: StaticString) {
        self.key(key); string(value)
    }
    @inline(__always) mutating func f(_ key: StaticString, _ value: Bool) { self.key(key); bool(value) }
    @inline(__always) mutating func time(_ key: StaticString, _ epoch: Int64) {
        self.key(key); timestamp(epoch)
    }
    @inline(__always) mutating func id(_ key: StaticString, _ value: (UInt64, UInt64)) {
        self.key(key)
        uuid(value.0, value.1)
    }
}

extension SyntheticOrderBuilder {
    static let clients: [StaticString] = [
        "dintero-checkout", "pos-terminal-07", "2d8f3a1c-6b7e-4c55-9a0e-1f2b3c4d5e6f", "backoffice",
    ]

    // MARK: - Order

    mutating func write(into w: inout JSONByteWriter) {
        let gross = self.gross
        let net = self.net
        var totalDiscount = gross - net
        if anomaly == .totals {
            let delta = 1 + rng.int64(in: 0...max(1, gross / 10))
            totalDiscount =
                totalDiscount > delta && rng.chance(0.5) ? totalDiscount - delta : totalDiscount + delta
        }
        let manual = items.reduce(Int64(0)) { sum, item in
            sum + item.discounts.filter { $0.type == 3 }.reduce(0) { $0 + $1.amount }
        }
        let store = items.first?.store ?? 0
        let client = SyntheticOrderBuilder.clients[rng.below(SyntheticOrderBuilder.clients.count)]

        w.beginObject()
        w.id("id", orderID)
        if rng.chance(0.2) {
            w.key("order_id")
            w.beginString()
            w.appendRaw("ORD-")
            w.appendDigits(Int64(700_000 + index))
            w.endString()
        } else {
            w.id("order_id", orderID)
        }
        w.key("order_number")
        w.beginString()
        w.appendRaw(T.stores[store].id)
        w.appendByte(0x2D)
        w.appendDigits(Int64(100_000 + index), width: 7)
        w.endString()
        w.f("currency", SyntheticOrderBuilder.currencyCodes[currency])
        w.f("status", combo.status)
        w.f("payment_status", statedPayment.text)
        w.f("type", reservations.isEmpty ? (rng.chance(0.7) ? "delivery" : "pickup") : "travel")
        w.f("version", Int64(1 + operations.count))
        w.time("created_at", created)
        w.f("created_by", client)
        w.time("updated_at", lastTime)
        if combo.status.description == "cancelled" {
            w.time("cancelled_at", lastTime)
            w.f("cancelled_by", client)
            w.f("cancelled_reason", rng.pick(["customer", "fraud", "inventory", "other"] as [StaticString]))
        }
        if combo.status.description == "closed" || combo.status.description == "archived" {
            w.time("closed_at", lastTime)
            w.f("closed_by", client)
        }
        w.f("gross_amount", gross)
        w.f("net_amount", net)
        w.f("total_discount", totalDiscount)
        w.f("total_manual_discount_amount", manual)
        writeCustomer(&w)
        let address = (
            street: rng.below(T.streets.count), number: rng.int(in: 1...140), place: rng.below(T.places.count)
        )
        w.key("shipping_address")
        writeAddress(&w, address, named: true)
        if rng.chance(0.85) {
            w.key("billing_address")
            writeAddress(&w, address, named: true)
        }
        w.key("store")
        w.beginObject()
        w.f("id", T.stores[store].id)
        w.f("organization_number", T.stores[store].org)
        w.f("name", T.stores[store].name)
        w.f("business_name", T.stores[store].business)
        w.key("comments")
        w.beginArray()
        if rng.chance(0.1) { w.string("Åpent 10–20 (9–18)") }
        w.endArray()
        w.endObject()
        if rng.chance(0.2) {
            let person = rng.below(T.salespeople.count)
            w.key("salesperson_id")
            w.beginString()
            w.appendRaw("S")
            w.appendDigits(Int64(person + 100))
            w.endString()
            w.f("salesperson_name", T.salespeople[person])
        }
        if rng.chance(0.08) { w.f("comment", T.comments[rng.below(T.comments.count)]) }
        if rng.chance(0.3) {
            w.key("metadata")
            w.beginObject()
            w.f("channel", rng.pick(["web", "app", "pos", "kiosk"] as [StaticString]))
            if rng.chance(0.5) { w.f("campaign", "vinterkampanje") }
            w.endObject()
        }
        if reservations.isEmpty && rng.chance(0.3) {
            w.time("delivery_at", created + rng.int64(in: 86_400...(6 * 86_400)))
            w.f("courier_id", rng.pick(["posten", "helthjem", "porterbuddy", "budbee"] as [StaticString]))
            w.key("delivery_id")
            w.beginString()
            w.appendRaw("70")
            w.appendDigits(rng.int64(in: 1_000_000_000...9_999_999_999))
            w.endString()
        }
        if rng.chance(0.03) { w.f("pre_order", true) }
        if rng.chance(0.1) { w.f("time_to_live", Int64(94_672_800)) }
        w.f("multiple_authorizations", multipleAuthorizations)
        if rng.chance(0.3) {
            w.key("external_ids")
            w.beginArray()
            w.beginObject()
            w.key("id")
            w.beginString()
            w.appendRaw("ERP-")
            w.appendDigits(rng.int64(in: 10_000_000...99_999_999))
            w.endString()
            w.f("source", "erp")
            w.f("description", "Ordrenummer i økonomisystemet")
            w.endObject()
            w.endArray()
        }
        if rng.chance(0.2) {
            w.key("external_links")
            w.beginArray()
            w.beginObject()
            w.f("text", "Kvittering")
            w.key("href")
            w.beginString()
            w.appendRaw("https://example.dintero.com/receipts/")
            w.appendUUID(orderID.0, orderID.1)
            w.appendRaw("?type=pdf")
            w.endString()
            w.f("public", true)
            w.endObject()
            w.endArray()
        }
        writeItems(&w)
        writePaymentDetails(&w, net: net)
        writeSessions(&w, net: net)
        for kind in 0..<4 { writeOperations(&w, kind: kind) }
        if rng.chance(0.2) { writeEvents(&w) }
        if let campaignID { writeDiscounts(&w, campaignID) }
        if !reservations.isEmpty {
            writeItinerary(&w)
            writeAttachments(&w)
        }
        if rng.chance(0.1) {
            w.key("comments")
            w.beginArray()
            for _ in 0..<rng.int(in: 1...2) {
                w.beginObject()
                w.id("id", (rng.next(), rng.next()))
                w.f("body", T.comments[rng.below(T.comments.count)])
                w.time("created_at", created + rng.int64(in: 600...(10 * 86_400)))
                w.f("created_by", "backoffice")
                w.f("visibility", rng.chance(0.8) ? "private" : "public")
                w.endObject()
            }
            w.endArray()
        }
        w.endObject()
    }

    // MARK: - Customer and addresses

    mutating func writeCustomer(_ w: inout JSONByteWriter) {
        let first = T.firstNames[customer.first]
        let last = T.lastNames[customer.last]
        w.key("customer")
        w.beginObject()
        w.key("id")
        w.beginString()
        w.appendRaw("cus_")
        w.appendHex(rng.next(), digits: 12)
        w.endString()
        w.f("first_name", first)
        w.f("last_name", last)
        if rng.chance(0.6) { w.f("gender", T.genders[customer.first] == 0 ? "female" : "male") }
        w.key("email")
        w.beginString()
        w.appendRaw(T.firstNamesASCII[customer.first])
        w.appendByte(0x2E)
        w.appendRaw(T.lastNamesASCII[customer.last])
        if rng.chance(0.3) { w.appendDigits(rng.int64(in: 1...99)) }
        w.appendByte(0x40)
        w.appendRaw(T.emailDomains[rng.below(T.emailDomains.count)])
        w.endString()
        w.key("phone_number")
        w.beginString()
        w.appendRaw("+47")
        w.appendDigits(
            rng.chance(0.5) ? rng.int64(in: 40_000_000...49_999_999) : rng.int64(in: 90_000_000...99_999_999))
        w.endString()
        if rng.chance(0.4) {
            let year = rng.int64(in: 1945...2006)
            w.key("date_of_birth")
            w.beginString()
            w.appendDigits(year, width: 4)
            w.appendByte(0x2D)
            w.appendDigits(rng.int64(in: 1...12), width: 2)
            w.appendByte(0x2D)
            w.appendDigits(rng.int64(in: 1...28), width: 2)
            w.endString()
            w.key("metadata")
            w.beginObject()
            w.f("dob_year", year)
            w.endObject()
        }
        w.f("pays_tax", true)
        w.key("addresses")
        w.beginArray()
        let home = (
            street: rng.below(T.streets.count), number: rng.int(in: 1...140), place: rng.below(T.places.count)
        )
        writeAddress(&w, home, named: false, type: "home")
        w.endArray()
        if rng.chance(0.15) {
            let company = T.companies[rng.below(T.companies.count)]
            w.key("company")
            w.beginObject()
            w.f("bussiness_name", company.name)
            w.key("organization_number")
            w.beginString()
            w.appendDigits(rng.int64(in: 910_000_000...999_999_999))
            w.appendRaw("MVA")
            w.endString()
            w.f("department", company.department)
            w.f("industry", company.industry)
            w.key("number_of_employees")
            w.beginString()
            w.appendDigits(rng.int64(in: 2...400))
            w.endString()
            w.endObject()
        }
        if rng.chance(0.3) {
            w.key("enrolled_by")
            w.beginObject()
            w.f("value", "https://www.example.no/medlem")
            w.f("type", "url")
            w.endObject()
        }
        w.key("marketing_consent")
        w.beginObject()
        for channel in 0..<2 {
            w.key(channel == 0 ? "sms" : "email")
            w.beginObject()
            w.f("consent", rng.chance(0.55))
            w.time("updated_at", created - rng.int64(in: 86_400...(700 * 86_400)))
            w.endObject()
        }
        w.endObject()
        w.f("type", "customer")
        w.endObject()
    }

    mutating func writeAddress(
        _ w: inout JSONByteWriter, _ a: (street: Int, number: Int, place: Int), named: Bool,
        type: StaticString? = nil
    ) {
        let place = T.places[a.place]
        w.beginObject()
        if named {
            w.f("first_name", T.firstNames[customer.first])
            w.f("last_name", T.lastNames[customer.last])
        }
        w.key("address_line")
        w.beginString()
        w.appendRaw(T.streets[a.street])
        w.appendByte(0x20)
        w.appendDigits(Int64(a.number))
        w.endString()
        if a.number % 7 == 0 {
            w.key("address_line_2")
            w.beginString()
            w.appendRaw("H0")
            w.appendDigits(Int64(101 + a.number % 5))
            w.endString()
        }
        w.f("postal_code", place.code)
        w.f("postal_place", place.place)
        w.f("country", "NO")
        w.key("latitude")
        w.decimal(place.lat + Int64(a.number * 37 % 2000) - 1000, scale: 6)
        w.key("longitude")
        w.decimal(place.lon + Int64(a.number * 53 % 2000) - 1000, scale: 6)
        if let type { w.f("type", type) }
        if named && a.number % 5 == 0 {
            w.f("comment", T.addressComments[a.number % T.addressComments.count])
        }
        w.endObject()
    }

    static func writeStation(_ w: inout JSONByteWriter, _ s: T.Station, full: Bool) {
        w.beginObject()
        if full { w.f("name", s.name) }
        w.f("address_line", s.line)
        w.f("postal_code", s.code)
        w.f("postal_place", s.place)
        w.f("country", "NO")
        w.key("latitude")
        w.decimal(s.lat, scale: 6)
        w.key("longitude")
        w.decimal(s.lon, scale: 6)
        w.endObject()
    }

    // MARK: - Items

    static let taxCodes: [Int: (code: StaticString, group: StaticString)] = [
        25: ("3", "Vmva-høy"), 15: ("31", "Vmva-middels"), 12: ("33", "Vmva-lav"), 0: ("5", "Vmva-null"),
    ]

    mutating func writeItems(_ w: inout JSONByteWriter) {
        w.key("items")
        w.beginArray()
        for (position, item) in items.enumerated() {
            w.beginObject()
            w.key("id")
            w.beginString()
            w.appendDigits(item.sku)
            w.endString()
            w.f("line_id", Int64(item.line))
            w.key("external_id")
            w.beginString()
            w.appendRaw(T.stores[item.store].id)
            w.appendByte(0x2D)
            w.appendDigits(item.sku * 100 + Int64(item.line))
            w.endString()
            w.f("description", item.description)
            if let alias = item.product?.alias { w.f("description_alias", alias) }
            w.key("quantity")
            if item.fractional {
                w.decimal(item.quantityHundredths, scale: 2)
            } else {
                w.int(item.quantityHundredths / 100)
            }
            w.f("gross_amount", item.gross)
            w.f("net_amount", item.net)
            w.f("is_changed", false)
            w.f("eligible_for_discount", item.product?.tax != 0)
            w.key("groups")
            w.beginArray()
            for group in item.groups {
                w.beginObject()
                w.f("id", group.id)
                w.f("name", group.name)
                w.endObject()
            }
            w.endArray()
            if let product = item.product, product.dimension > 0 {
                w.key("dimension")
                w.beginObject()
                w.f("color", T.colors[rng.below(T.colors.count)])
                switch product.dimension {
                case 1: w.f("size", T.sizes[rng.below(T.sizes.count)])
                case 2: w.f("style", T.styles[rng.below(T.styles.count)])
                default:
                    w.f("variant", T.variants[rng.below(T.variants.count)])
                    w.f("config", "NO")
                }
                w.endObject()
            }
            writeTaxLine(&w, net: item.net, rate: item.tax)
            if !item.discounts.isEmpty {
                w.key("discount_lines")
                w.beginArray()
                for (n, discount) in item.discounts.enumerated() {
                    w.beginObject()
                    w.f("amount", discount.amount)
                    if let percentage = discount.percentage { w.f("percentage", Int64(percentage)) }
                    w.f("discount_type", T.discountTypes[discount.type])
                    if discount.type == 1 {
                        w.f("discount_subtype", T.discountSubtypes[rng.below(T.discountSubtypes.count)])
                    }
                    if let campaignID { w.id("discount_id", campaignID) }
                    w.f("description", T.discountDescriptions[discount.description])
                    w.f("line_id", Int64(n + 1))
                    w.endObject()
                }
                w.endArray()
            }
            if !item.additions.isEmpty {
                w.key("additions")
                w.beginArray()
                for addition in item.additions {
                    let entry = T.additions[addition.index]
                    w.beginObject()
                    w.f("id", entry.id)
                    w.f("description", entry.description)
                    w.f("quantity", addition.quantity)
                    w.f("gross_amount", addition.gross)
                    w.key("groups")
                    w.beginArray()
                    w.beginObject()
                    w.f("id", "A1")
                    w.f("name", "Tillegg")
                    w.endObject()
                    w.endArray()
                    w.endObject()
                }
                w.endArray()
            }
            let store = T.stores[item.store]
            w.key("store")
            w.beginObject()
            w.f("id", store.id)
            w.f("organization_number", store.org)
            w.f("name", store.name)
            w.f("business_name", store.business)
            w.endObject()
            if let related = item.related {
                w.key("related_item")
                w.beginObject()
                w.f("line_id", Int64(related))
                w.f("type", "required")
                w.endObject()
            }
            if item.payoutDepth > 0 {
                w.key("dynamic_payout")
                w.beginObject()
                w.f("rule_type", "percentage")
                w.f("rule_id", "payout-rule-marketplace")
                w.endObject()
                w.key("payout")
                w.beginObject()
                w.key("destinations")
                w.beginArray()
                let perturb = anomaly == .payoutChildren && position == 0
                // Destinations split what was paid for the line, its net (PayoutBasis).
                writePayoutLevel(&w, total: item.net, depth: 0, maxDepth: item.payoutDepth, perturb: perturb)
                w.endArray()
                w.endObject()
            }
            if let conversion = item.conversion {
                w.f("original_currency", conversion.currency)
                w.f("original_gross_amount", (item.gross * 1_000_000 + conversion.ppm / 2) / conversion.ppm)
                w.f("conversion_rate_ppm", conversion.ppm)
                w.time("conversion_rate_timestamp", created - created % 86_400 - 86_400 + 16 * 3600)
                w.f("conversion_rate_source", "ecb")
            }
            w.endObject()
        }
        w.endArray()
    }

    /// One price-included tax line: basis = net / (1 + rate) rounded, amount = net − basis, and
    /// the `_dwh` strings with four decimals from the exact division.
    func writeTaxLine(_ w: inout JSONByteWriter, net: Int64, rate: Int) {
        let divisor = Int64(100 + rate)
        let basis = (net * 100 * 2 + divisor) / (divisor * 2)
        let basisScaled = (net * 1_000_000 * 2 + divisor) / (divisor * 2)
        let amountScaled = net * 10_000 - basisScaled
        let codes = SyntheticOrderBuilder.taxCodes[rate] ?? ("3", "Vmva-høy")
        w.key("tax_lines")
        w.beginArray()
        w.beginObject()
        w.f("amount", net - basis)
        w.key("amount_dwh")
        w.beginString()
        w.appendDecimal(amountScaled, scale: 4)
        w.endString()
        w.f("exempt", false)
        w.f("included_in_price", true)
        w.f("percentage", Int64(rate))
        w.f("tax_basis", basis)
        w.key("tax_basis_dwh")
        w.beginString()
        w.appendDecimal(basisScaled, scale: 4)
        w.endString()
        w.f("tax_code", codes.code)
        w.f("tax_group", codes.group)
        w.endObject()
        w.endArray()
    }

    /// Writes the destinations of one level, splitting `total` by percentages; nested levels
    /// split their parent's amount again. With `perturb`, the first destination's first child
    /// is off by a few minor units (the `payoutChildren` anomaly).
    mutating func writePayoutLevel(
        _ w: inout JSONByteWriter, total: Int64, depth: Int, maxDepth: Int, perturb: Bool
    ) {
        let count = depth == 0 ? rng.int(in: 1...3) : rng.int(in: 2...3)
        var percentages: [Int64] = []
        var left: Int64 = 100
        for n in 0..<count {
            if n == count - 1 {
                percentages.append(left)
            } else {
                let share = min(
                    left - Int64(count - n - 1) * 5, rng.pick([5, 10, 15, 20, 25, 30, 40] as [Int64]))
                percentages.append(share)
                left -= share
            }
        }
        var remaining = total
        for (n, percentage) in percentages.enumerated() {
            let amount = n == count - 1 ? remaining : total * percentage / 100
            remaining -= amount
            var stated = amount
            let perturbed = perturb && depth == 1 && n == 0
            if perturbed { stated += 1 + rng.int64(in: 0...max(1, amount / 20)) }
            let nested = depth + 1 < maxDepth && amount >= 3 && (n == 0 || rng.chance(0.4)) && !perturbed
            let grouping = nested && depth > 0 && !perturb && rng.chance(0.1)
            w.beginObject()
            if perturbed {
                // Only the sum is off: no percentage is claimed, so one anomaly is planted, not two.
                w.f("amount", stated)
            } else if !grouping {
                w.f("type", "percentage")
                w.key("value")
                w.beginString()
                w.appendDigits(percentage)
                w.endString()
                w.f("amount", stated)
            }
            if nested {
                w.key("destinations")
                w.beginArray()
                writePayoutLevel(
                    &w, total: amount, depth: depth + 1, maxDepth: maxDepth,
                    perturb: perturb && n == 0 && depth == 0)
                w.endArray()
            }
            w.endObject()
        }
    }

    // MARK: - Payments

    mutating func writePaymentDetails(_ w: inout JSONByteWriter, net: Int64) {
        var totals: [Int64] = [0, 0, 0, 0]
        for op in operations where op.success { totals[op.kind] += op.amount }
        let capturable = totals[0] - totals[1] - totals[3]
        let cancelled = combo.status.description == "cancelled"
        w.key("payment_details")
        w.beginObject()
        w.f("remaining_capture_amount", capturable)
        w.f("remaining_refund_amount", totals[1] - totals[2])
        w.f("remaining_cancellation_amount", capturable)
        w.f("amount_due", cancelled ? 0 : max(0, net - totals[1]))
        w.f("remaining_authorization_amount", cancelled ? 0 : max(0, net - totals[0]))
        w.endObject()
    }

    mutating func writeSessions(_ w: inout JSONByteWriter, net: Int64) {
        w.key("sessions")
        w.beginArray()
        w.beginObject()
        w.id("id", (rng.next(), rng.next()))
        w.time("created_at", created + 5)
        w.f("created_by", "dintero-checkout")
        w.f("amount", net)
        w.time("processed_at", created + rng.int64(in: 10...55))
        w.key("items")
        w.beginArray()
        for item in items {
            w.beginObject()
            w.key("line_id")
            w.beginString()
            w.appendDigits(Int64(item.line))
            w.endString()
            w.f("amount", item.net)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        w.endArray()
    }

    static let pspNames: [StaticString] = ["Bambora", "Vipps", "Klarna", "Swish"]
    static let pspProducts: [StaticString] = ["bambora", "vipps", "klarna", "swish"]
    static let pspTypes: [StaticString] = ["bambora.creditcard", "vipps", "klarna.klarna", "swish.swish"]

    mutating func writeOperations(_ w: inout JSONByteWriter, kind: Int) {
        let keys: [StaticString] = ["authorizations", "captures", "refunds", "cancellations"]
        w.key(keys[kind])
        w.beginArray()
        let authorization = operations.first { $0.kind == 0 && $0.success }?.id
        for op in operations where op.kind == kind {
            w.beginObject()
            w.id("id", op.id)
            w.time("created_at", op.time - 2)
            w.f("created_by", kind == 0 ? "dintero-checkout" : "backoffice")
            w.f("amount", op.amount)
            w.f("success", op.success)
            w.time("processed_at", op.time)
            w.f("processed_by", "dintero-checkout")
            if kind != 0, let authorization { w.id("authorization_id", authorization) }
            w.key("items")
            w.beginArray()
            for entry in op.items {
                w.beginObject()
                w.f("amount", entry.amount)
                w.f("line_id", Int64(entry.line))
                if hasPayouts && kind == 1 {
                    let platform = entry.amount / 10
                    w.key("payout")
                    w.beginObject()
                    w.f("rule_id", "payout-rule-marketplace")
                    w.f("rule_type", "percentage")
                    w.key("destinations")
                    w.beginArray()
                    w.beginObject()
                    w.key("destination")
                    w.beginString()
                    w.appendRaw("seller-")
                    w.appendRaw(T.stores[items.first?.store ?? 0].id)
                    w.endString()
                    w.f("amount", entry.amount - platform)
                    w.endObject()
                    w.beginObject()
                    w.f("destination", "platform")
                    w.f("amount", platform)
                    w.endObject()
                    w.endArray()
                    w.endObject()
                }
                w.endObject()
            }
            w.endArray()
            w.key("payment_details")
            w.beginObject()
            w.f("psp", SyntheticOrderBuilder.pspNames[psp])
            w.key("payment_id")
            w.beginString()
            w.appendRaw("PID_")
            w.appendHex(paymentID.0, digits: 16)
            w.endString()
            w.f("payment_product", SyntheticOrderBuilder.pspProducts[psp])
            w.f("payment_product_type", SyntheticOrderBuilder.pspTypes[psp])
            if psp == 0 {
                let brand = op.success ? cardBrand : 1 - cardBrand
                w.key("card")
                w.beginObject()
                w.key("masked_pan")
                w.beginString()
                w.appendRaw(brand == 0 ? "4571" : "5413")
                w.appendRaw(" **** **** ")
                w.appendDigits(Int64(op.success ? cardLast4 : (cardLast4 * 7 + 1234) % 9000 + 1000), width: 4)
                w.endString()
                w.f("type", cardLast4 % 3 == 0 ? "Debit" : "Credit")
                w.f("brand", brand == 0 ? "Visa" : "Mastercard")
                w.endObject()
            }
            w.endObject()
            if !op.success {
                w.key("metadata")
                w.beginObject()
                w.f("error_code", kind == 0 ? "card_declined" : "psp_timeout")
                w.endObject()
            }
            w.endObject()
        }
        w.endArray()
    }

    // MARK: - Events and discounts

    mutating func writeEvents(_ w: inout JSONByteWriter) {
        let count = rng.int(in: 1...4)
        var anyFailure = false
        var anyPending = false
        w.key("events")
        w.beginArray()
        var time = created + 30
        for n in 0..<count {
            time += rng.int64(in: 300...(2 * 86_400))
            w.beginObject()
            w.id("id", (rng.next(), rng.next()))
            w.time("created_at", time)
            w.f("created_by", "backoffice")
            w.f("version", Int64(n + 2))
            if rng.chance(0.5) {
                if rng.chance(0.5) { w.f("event_type", "api-event") }
                w.key("request")
                w.beginObject()
                w.key("path")
                w.beginString()
                w.appendRaw("/v1/accounts/T12345678/shopping/orders/")
                w.appendUUID(orderID.0, orderID.1)
                w.endString()
                w.f("method", "PUT")
                w.key("body")
                w.beginString()
                w.appendRaw("{\\\"comment\\\":\\\"Oppdatert leveringsadresse\\\",\\\"version\\\":")
                w.appendDigits(Int64(n + 1))
                w.appendRaw("}")
                w.endString()
                w.endObject()
                if rng.chance(0.3) { w.id("draft_id", (rng.next(), rng.next())) }
            } else {
                if rng.chance(0.5) { w.f("event_type", "service-event") }
                let state = rng.weighted([80, 12, 8])
                anyPending = anyPending || state == 1
                anyFailure = anyFailure || state == 2
                w.f("state", (["success", "pending", "failure"] as [StaticString])[state])
                w.f("service", rng.pick(["posten", "helthjem", "porterbuddy"] as [StaticString]))
                let status = rng.below(3)
                w.f(
                    "service_status",
                    (["ready_for_pickup", "in_transit", "delivered"] as [StaticString])[status])
                w.f(
                    "description",
                    (["Pakken er klar til henting", "Pakken er på vei", "Pakken er levert"] as [StaticString])[
                        status])
                w.key("metadata")
                w.beginObject()
                w.key("tracking_number")
                w.beginString()
                w.appendRaw("70")
                w.appendDigits(rng.int64(in: 1_000_000_000...9_999_999_999))
                w.endString()
                w.endObject()
            }
            w.endObject()
        }
        w.endArray()
        w.f("state", anyFailure ? "failure" : anyPending ? "pending" : "success")
    }

    mutating func writeDiscounts(_ w: inout JSONByteWriter, _ id: (UInt64, UInt64)) {
        let discounted = items.filter { !$0.discounts.isEmpty }
        let total = discounted.reduce(Int64(0)) { $0 + $1.gross - $1.net }
        w.key("discounts")
        w.beginArray()
        w.beginObject()
        w.id("id", id)
        w.key("refs")
        w.beginArray()
        w.beginObject()
        w.id("id", (rng.next(), rng.next()))
        w.f("amount", total)
        w.f("usages", Int64(1))
        w.key("items")
        w.beginArray()
        for item in discounted {
            w.beginObject()
            w.f("line_id", Int64(item.line))
            w.f("amount", item.gross - item.net)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        w.endArray()
        w.endObject()
        w.endArray()
    }
}
