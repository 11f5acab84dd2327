/// Where a drill-down goes. Indexes are positions in the order's arrays, so a target stays valid
/// for the order it was made from.
public enum DrillTarget: Sendable, Equatable, Hashable {
    case item(Int)
    case itemTaxLines(Int)
    case itemDiscountLines(Int)
    case itemAdditions(Int)
    case itemPayout(Int)
    case attachment(Int)
    /// A reservation inside an attachment, by its kind name ("train", "car", ...).
    case reservation(attachment: Int, kind: String)
    case reservationLeg(attachment: Int, kind: String, leg: Int)
    case reservationPassengers(attachment: Int, kind: String)
    case reservationInsurance(attachment: Int, kind: String)
    case itinerary(Int)
    case itineraryTickets(Int)
    case itineraryWaypoints(Int)
    /// A payment operation by kind name ("authorization", "capture", "refund", "cancellation")
    /// and its index within that kind's array.
    case operation(kind: String, index: Int)
    case operationItem(kind: String, index: Int, item: Int)
    case session(Int)
    case discount(Int)
    case event(Int)
}
