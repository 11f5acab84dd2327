import OrderModel

/// Everything derived from one loaded order, computed once when it arrives so key presses and
/// frames never recompute it.
public struct OrderAnalysis: Sendable, Equatable {
    public var order: Order
    public var anomalies: [Anomaly]
    public var timeline: PaymentTimeline
    public var root: DetailScreen

    public init(order: Order) {
        self.order = order
        anomalies = AnomalyChecker.check(order)
        timeline = PaymentTimeline(order: order)
        root = OrderScreens.root(order, anomalies: anomalies)
    }
}
