import OrderAnalysis
import OrderModel

/// Everything derived from one loaded order, computed once when it arrives so key presses and
/// frames never recompute it.
public struct LoadedOrder: Sendable, Equatable {
    public var order: Order
    public var anomalies: [Anomaly]
    public var timeline: PaymentTimeline
    public var root: DetailScreen

    public init(order: Order) {
        self.order = order
        let timeline = PaymentTimeline(order: order)
        self.timeline = timeline
        anomalies = AnomalyChecker.check(order, timeline: timeline)
        root = OrderScreens.root(order, anomalies: anomalies)
    }
}
