import OrderModel

/// How many anomalies an order has and which kinds, as the list and the summary keep them:
/// the kinds as bits (`OrderSummary.anomalyKinds`), bit n for `Anomaly.Kind.allCases[n]`.
public struct AnomalyTally: Sendable, Equatable {
    public var count: Int
    public var kinds: UInt32

    public init(count: Int, kinds: UInt32 = 0) {
        self.count = count
        self.kinds = kinds
    }

    /// The tally of a check's findings.
    public init(_ anomalies: [Anomaly]) {
        var kinds: UInt32 = 0
        for anomaly in anomalies { kinds |= Self.bit(anomaly.kind) }
        self.init(count: anomalies.count, kinds: kinds)
    }

    /// The bit of one kind.
    public static func bit(_ kind: Anomaly.Kind) -> UInt32 {
        1 << UInt32(Anomaly.Kind.allCases.firstIndex(of: kind) ?? 0)
    }

    /// The kinds whose bits are set, in `Anomaly.Kind` order.
    public static func kinds(_ bits: UInt32) -> [Anomaly.Kind] {
        Anomaly.Kind.allCases.enumerated().filter { bits & (1 << UInt32($0.offset)) != 0 }.map(\.element)
    }
}
