import JSONCore
import Testing

@testable import OrderModel

@Suite("Seed order (docs example) decodes deep values")
struct SeedOrderTests {
    let order: Order

    init() throws {
        order = try Fixtures.order()
    }

    @Test func seedMatchesReferenceExample() throws {
        let reference = try Fixtures.json("order-store-get.docs-example.json")
        #expect(order.raw == reference)
    }

    @Test func noDecodeIssues() {
        #expect(order.decodeIssues.isEmpty, "\(order.decodeIssues)")
    }

    @Test func topLevel() {
        #expect(order.id == "3c90c3cc-0d44-4b50-8888-8dd25736052a")
        #expect(order.orderNumber == "order123456")
        #expect(order.orderID == "<string>")
        #expect(order.displayNumber == "order123456")
        #expect(order.currency == .nok)
        #expect(order.status == .open)
        #expect(order.status?.isKnown == true)
        #expect(order.paymentStatus == .pending)
        #expect(order.type == "delivery")
        #expect(order.version == 123)
        #expect(order.createdAt?.text == "2023-11-07T05:31:56Z")
        #expect(order.createdAt?.epochSeconds == 1_699_335_116)
        #expect(order.createdBy == "1c92f7e1-2897-4d46-bdcc-c127a914fb4e")
        #expect(order.cancelledReason == "customer")
        #expect(order.closedBy == "bd04c959-d159-49b4-a096-2d84e014a8da")
        #expect(order.grossAmount == 59800)
        #expect(order.netAmount == 47840)
        #expect(order.totalDiscount == 23130)
        #expect(order.totalManualDiscountAmount == 0)
        #expect(order.metadata == JSONObject())
        #expect(order.preOrder == true)
        #expect(order.timeToLive == 94_672_800)
        #expect(order.timeToLiveExpiresAt?.text == "<string>")
        #expect(order.timeToLiveExpiresAt?.epochSeconds == nil)
        #expect(order.multipleAuthorizations == true)
        #expect(order.deliveryAt?.isParsed == true)
        #expect(order.courierID == "<string>")
        #expect(order.deliveryID == "<string>")
        #expect(order.state?.rawValue == "<string>")
        #expect(order.state?.isKnown == false)
        #expect(order.links.first?.rel == "draft")
        #expect(order.externalLinks.first?.text == "Order Receipt")
        #expect(order.externalLinks.first?.isPublic == true)
        #expect(order.externalIDs.count == 1)
        #expect(order.comments.first?.visibility == "private")
        #expect(order.comments.first?.deletedBy == "1c92f7e1-2897-4d46-bdcc-c127a914fb4e")
        #expect(order.store?.comments == ["<string>"])
        #expect(order.store?.businessName == "SC Oslo AS")
        #expect(order.paymentDetails?.remainingAuthorizationAmount == 27840)
        #expect(order.paymentDetails?.amountDue == 27840)
    }

    @Test func customer() throws {
        let customer = try #require(order.customer)
        #expect(customer.displayName == "John Doe")
        #expect(order.customerName == "John Doe")
        #expect(customer.gender == "male")
        #expect(customer.phoneNumber == "+4799999999")
        #expect(customer.metadata?["dob_year"] == .number("1985"))
        #expect(customer.paysTax == false)
        #expect(customer.dateOfBirth == "1990-09-20")
        #expect(customer.enrolledBy?.type == "url")
        #expect(customer.enrolledBy?.value == "https://facebook.com")
        #expect(customer.company?.businessName == "TKP tech AS")
        #expect(customer.company?.organizationNumber == "123456789MVA")
        #expect(customer.company?.path.description == "customer.company")
        #expect(customer.marketingConsent?.sms?.consent == true)
        #expect(customer.marketingConsent?.email?.consent == true)
        #expect(customer.marketingConsent?.email?.updatedAt?.text == "2018-01-12T13:42:00Z")
        #expect(customer.term?.id == "<string>")
        #expect(customer.type == "customer")
        let address = try #require(customer.addresses.first)
        #expect(address.type == "<string>")
        #expect(address.customType == "<string>")
        #expect(address.latitude == 59.942112)
        #expect(address.path.jqPath == ".customer.addresses[0]")
        #expect(order.shippingAddress?.comment == "5th floor, use doorbell.")
        #expect(
            order.billingAddress?.lines == ["John Doe", "Sommerkroveien 34", "PB 123", "0349 Oslo", "NO"])
    }

    @Test func itemTaxDiscountAdditions() throws {
        let item = try #require(order.items.first)
        #expect(item.id == "175938")
        #expect(item.lineID == LineID(1))
        #expect(item.quantity == 2)
        #expect(item.quantityText == "2")
        #expect(item.grossAmount == 39800)
        #expect(item.netAmount == 27840)
        #expect(item.description == "Stablestol for utendørsbruk")
        #expect(item.descriptionAlias == "Staplestol")
        #expect(item.externalID == "SL02-94821948")
        #expect(item.isChanged == false)
        #expect(item.eligibleForDiscount == true)
        #expect(item.groups.map(\.name) == ["Stol", "Møbel"])
        #expect(item.dimension?.variant == "<string>")

        let tax = try #require(item.taxLines.first)
        #expect(tax.taxGroup == "Vmva-høy")
        #expect(tax.amountDWH == "5584.0440")
        #expect(tax.taxBasisDWH == "27920.22")
        #expect(tax.amount == 5584)
        #expect(tax.taxBasis == 27920)
        #expect(tax.percentage == 25)
        #expect(tax.includedInPrice == true)
        #expect(tax.exempt == false)
        #expect(tax.taxCode == "3")
        #expect(tax.path.jqPath == ".items[0].tax_lines[0]")
        #expect(item.taxAmount == 5584)

        let discount = try #require(item.discountLines.first)
        #expect(discount.amount == 23130)
        #expect(discount.discountType == "customer")
        #expect(discount.discountSubtype == "campaign-periode-q3")
        #expect(discount.discountID == "766da0ef-9283-42bd-b012-0582344ec53c")
        #expect(discount.lineID == "1")

        let addition = try #require(item.additions.first)
        #expect(addition.description == "Extra Cheese")
        #expect(addition.grossAmount == 1000)
        #expect(addition.groups.count == 2)
        #expect(addition.groups[1].id == "B1")

        #expect(item.store?.comment == "<string>")
        #expect(item.store?.comments == [])
        #expect(item.store?.id == "SL02")
        #expect(item.relatedItem?.lineID == 123)
        #expect(item.relatedItem?.type == "required")
        #expect(item.dynamicPayout?.ruleType == "<string>")
        #expect(item.reversedReason == "<string>")
    }

    @Test func exchangeRate() throws {
        let conversion = try #require(order.items.first?.conversion)
        #expect(conversion.originalCurrency == "SEK")
        #expect(conversion.originalGrossAmount == 39800)
        #expect(conversion.conversionRatePPM == 1_099_000)
        #expect(conversion.rateText == "1.099")
        #expect(conversion.conversionRateSource == "ecb")
        #expect(conversion.conversionRateTimestamp?.isParsed == true)
        #expect(conversion.originalGross.map { MoneyFormatter.standard.string($0) } == "398.00 SEK")
    }

    @Test func payoutTree() throws {
        let tree = try #require(order.items.first?.payout)
        #expect(tree.path.description == "items[0].payout")
        #expect(tree.count == 8)
        #expect(tree.roots == [0, 4, 5])
        // Pre-order: 4000 (d0) > 500 (d1), {} (d1) > 3500 (d2); 500 (d0); {} (d0) > 192, 38308 (d1)
        #expect(tree.nodes.map(\.amount) == [4000, 500, nil, 3500, 500, nil, 192, 38308])
        #expect(tree.nodes.map(\.depth) == [0, 1, 1, 2, 0, 0, 1, 1])
        #expect(tree.nodes.map(\.parent) == [nil, 0, 0, 2, nil, nil, 5, 5])
        #expect(tree[0].type == "percentage")
        #expect(tree[0].value == "10")
        #expect(tree[0].children == [1, 2])
        #expect(tree.children(of: 2).map(\.amount) == [3500])
        #expect(tree[3].path.description == "items[0].payout.destinations[0].destinations[1].destinations[0]")
        #expect(tree[7].path.jqPath == ".items[0].payout.destinations[2].destinations[1]")
        #expect(tree[7].raw == JSONValue.object(JSONObject([("amount", .number("38308"))])))
        #expect(tree.childAmountSum(of: 5) == 38500)
        #expect(tree.childAmountSum(of: 0) == 500)
        #expect(tree.childAmountSum(of: 4) == nil)
        #expect(tree.rootAmountSum == 4500)
        #expect(tree.maxDepth == 2)
        // Every node's path resolves to its raw JSON in the order.
        for node in tree.nodes {
            #expect(order.rawNode(at: node.path) == node.raw)
        }
    }

    @Test func operations() throws {
        #expect(order.operations.map(\.kind) == [.authorization, .capture, .refund, .cancellation])
        let capture = try #require(order.captures.first)
        #expect(capture.kind == .capture)
        #expect(capture.paymentDetails?.card?.maskedPAN == "4444 **** **** 4448")
        #expect(capture.paymentDetails?.card?.brand == "Visa")
        #expect(capture.paymentDetails?.card?.type == "Credit")
        #expect(capture.paymentDetails?.psp == "Bambora")
        #expect(capture.paymentDetails?.paymentProductType == "bambora.creditcard")
        #expect(capture.amount == 27840)
        #expect(capture.success == true)
        #expect(capture.processedBy == "dintero-checkout")
        #expect(capture.authorizationID == "bd04c959-d159-49b4-a096-2d84e014a8da")
        #expect(capture.links.first?.rel == "draft")
        let item = try #require(capture.items.first)
        #expect(item.lineID == 123)
        #expect(item.amount == 27840)
        #expect(item.payout?.destinations.first?.amount == 123)
        #expect(item.payout?.destinations.first?.destination == "<string>")
        #expect(item.payout?.ruleID == "<string>")
        #expect(
            item.payout?.destinations.first?.path.description == "captures[0].items[0].payout.destinations[0]"
        )
        #expect(order.refunds.first?.path.description == "refunds[0]")
    }

    @Test func sessionsEventsDiscounts() throws {
        let session = try #require(order.sessions.first)
        #expect(session.items.first?.lineID == LineID("<string>"))
        #expect(session.items.first?.amount == 27840)
        #expect(session.amount == 27840)
        #expect(session.path.description == "sessions[0]")

        let event = try #require(order.events.first)
        #expect(event.shape == .api)
        #expect(event.request?.body == "<string>")
        #expect(event.request?.nodePath.description == "events[0].request")
        #expect(event.draftID == "<string>")
        #expect(event.version == 123)

        let discount = try #require(order.discounts.first)
        let ref = try #require(discount.refs.first)
        #expect(ref.amount == 123)
        #expect(ref.statistics?.usage == 123)
        #expect(ref.usages == 123)
        #expect(ref.items.first?.lineID == 123)
        #expect(ref.items.first?.amount == 123)
        #expect(ref.items.first?.path.jqPath == ".discounts[0].refs[0].items[0]")
    }

    @Test func itinerary() throws {
        let leg = try #require(order.itinerary.first)
        #expect(leg.travelMode == "BUS")
        #expect(leg.arrivalAddress?.externalIDs.first?.source == "<string>")
        #expect(leg.arrivalAddress?.name == "<string>")
        #expect(leg.arrivalAt?.text == "<string>")
        #expect(leg.distance?.value == 123)
        #expect(leg.duration?.valueText == "123")
        #expect(leg.tickets.first?.passengerIDs == ["<string>"])
        #expect(leg.lineIDs == [123])
        #expect(leg.waypoints.first?.latitude == 123)
    }

    @Test func attachments() throws {
        let attachment = try #require(order.attachments.first)
        #expect(attachment.kinds == ReservationKind.allCases)
        let train = try #require(attachment.train)
        #expect(train.kind == .train)
        #expect(train.bookingID == "NE 138 47794")
        #expect(train.path.description == "attachments[0].train_reservation")
        #expect(train.legs.first?.operator == "SAS")
        #expect(train.legs.first?.departureAddress?.postalPlace == "Oslo")
        #expect(train.passengers.count == 1)
        #expect(train.insurance.first?.insuranceType == "<string>")
        let car = try #require(attachment.car)
        #expect(car.bookingID == "TV 347794")
        #expect(car.rentals.first?.rentalCompany == "Avis")
        #expect(car.rentals.first?.driverIDs == ["<string>"])
        #expect(car.rentals.first?.pickUpAt?.isParsed == true)
        #expect(car.drivers == ["<string>"])
        #expect(attachment.reservation(.car)?.bookingID == "TV 347794")
        #expect(attachment.reservation(.tram)?.kind == .tram)
    }

    @Test func summary() {
        let summary = OrderSummary(order: order)
        #expect(summary.id == "3c90c3cc-0d44-4b50-8888-8dd25736052a")
        #expect(summary.orderNumber == "order123456")
        #expect(summary.customerName == "John Doe")
        #expect(summary.companyName == "TKP tech AS")
        #expect(summary.status == "open")
        #expect(summary.grossAmount == 59800)
        #expect(summary.currency == "NOK")
        #expect(summary.storeID == "SL02")
        #expect(summary.maskedPANs == ["4444 **** **** 4448"])
        #expect(summary.bookingIDs == ["NE 138 47794", "TV 347794"])
        #expect(summary.hasAttachments)
        #expect(summary.anomalyCount == nil)
    }
}

@Suite("Other docs examples")
struct OtherExampleTests {
    @Test func seedSession() throws {
        let session = Session(json: try Fixtures.json("seed-session.json"))
        #expect(session.decodeIssues.isEmpty)
        #expect(session.id == "bd04c959-d159-49b4-a096-2d84e014a8da")
        #expect(session.items.first?.lineID?.rawValue == "<string>")
        #expect(session.items.first?.amount == 27840)
        #expect(session.amount == 27840)
        #expect(session.links.first?.rel == "draft")
        #expect(session.path.isRoot)
        #expect(session.raw == (try Fixtures.json("order-session-get.docs-example.json")))
    }

    @Test func statusEvent() throws {
        let event = OrderEvent(json: try Fixtures.json("order-status-event.docs-example.json"))
        #expect(event.shape == .status)
        #expect(event.state == .success)
        #expect(event.service == "<string>")
        #expect(event.serviceStatus == "ready_for_pickup")
        #expect(event.description == "food prepared")
        #expect(event.metadata?["pickup_location"]?["postal_code"]?.stringValue == "0342")
        #expect(event.links.first?.rel == "draft")
        #expect(event.request?.method == "<string>")
    }

    @Test func eventsList() throws {
        let order = try Fixtures.order("order-events-list.docs-example.json")
        #expect(order.events.count == 1)
        #expect(order.events.first?.shape == .api)
        #expect(order.state?.rawValue == "<string>")
        #expect(order.decodeIssues.isEmpty)
    }

    @Test func capturesListWithExchangeRateAndLinkWithoutRel() throws {
        let order = try Fixtures.order("order-captures-list.docs-example.json")
        let capture = try #require(order.captures.first)
        #expect(capture.links.first?.rel == nil)
        #expect(capture.links.first?.href == "<string>")
        let conversion = try #require(capture.items.first?.conversion)
        #expect(conversion.rateText == "1.099")
        #expect(conversion.originalCurrency == "SEK")
        #expect(conversion.path.description == "captures[0].items[0]")
    }

    @Test func eventTypeOverridesShape() throws {
        let event = OrderEvent(json: try JSONParser.parse(#"{"event_type": "service-event", "id": "e1"}"#))
        #expect(event.shape == .status)
    }
}
