import OrderModel

// PLACEHOLDER: replaced by the analysis work (anomalies, timeline, screens).

/// One problem found in an order.
public struct Anomaly: Sendable, Equatable {
    public var message: String
    public var jsonPath: String?
    public init(message: String, jsonPath: String? = nil) {
        self.message = message
        self.jsonPath = jsonPath
    }
}

/// Finds anomalies in an order.
public enum AnomalyChecker {
    public static func check(_ order: Order) -> [Anomaly] { [] }
}

/// One entry of the payment timeline.
public struct TimelineEntry: Sendable, Equatable {
    public var target: DrillTarget?
    public init(target: DrillTarget? = nil) { self.target = target }
}

/// The payment timeline of an order.
public struct PaymentTimeline: Sendable, Equatable {
    public var entries: [TimelineEntry]
    public init(order: Order) { entries = [] }
}

/// Builds detail screens.
public enum OrderScreens {
    public static func root(_ order: Order, anomalies: [Anomaly]) -> DetailScreen {
        DetailScreen(crumb: order.id ?? "order", sections: [])
    }
    public static func screen(_ target: DrillTarget, in order: Order) -> DetailScreen? { nil }
}
