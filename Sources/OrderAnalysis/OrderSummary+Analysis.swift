import OrderModel

extension OrderSummary {
    /// The list columns of a decoded order with `anomalyCount` filled in by `AnomalyChecker`.
    public init(analysing order: Order) {
        self.init(order: order)
        let tally = AnomalyTally(AnomalyChecker.check(order))
        anomalyCount = tally.count
        anomalyKinds = tally.kinds
    }
}
