/// What a JSON object that is not an order looks like, told from its keys, so a refusal can say
/// "a checkout session" rather than list keys. The markers are those of `OrderCandidate.isOrder`;
/// the shapes come from Dintero's Checkout and Orders APIs (reference/dintero-api.md and the
/// Checkout spec in reference/: SessionRead, Transaction, the payment operations of an order).
enum ForeignObject {
    /// A noun for the object ("checkout session"), or nil when the keys say nothing known.
    static func noun(keys: [String]) -> String? {
        let set = Set(keys)
        func any(_ names: String...) -> Bool { names.contains { set.contains($0) } }
        if any("order_number", "order_id") { return nil }
        if !set.contains("id") {
            if set.contains("sessions") { return "checkout session list" }
            if set.contains("transactions") { return "payment transaction list" }
            if any("authorizations", "captures", "refunds", "cancellations") {
                return "payment operation list"
            }
        }
        if any("url", "expires_at", "order", "configuration", "transaction_id") { return "checkout session" }
        if any("processed_at", "processed_by", "authorization_id") { return "payment operation" }
        if any("payment_product", "merchant_reference", "session_id") { return "payment transaction" }
        if set.contains("line_id") {
            return set.contains("amount") && !set.contains("gross_amount") ? "transaction item" : "order item"
        }
        if set.contains("quantity") { return "order item addition" }
        if set.contains("amount"), !set.contains("gross_amount"), set.contains("id") {
            return "payment operation"
        }
        return nil
    }

    /// "a checkout session", "an order item".
    static func withArticle(_ noun: String) -> String {
        (noun.first.map { "aeiou".contains($0) } == true ? "an " : "a ") + noun
    }
}
