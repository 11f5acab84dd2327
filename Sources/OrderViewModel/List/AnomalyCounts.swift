import OrderAnalysis

/// The anomaly tallies of a run of consecutive store positions, as the background check of a
/// dump finds them (`AppEvent.anomaliesCounted`): keyed by position, not by order id, so a batch
/// costs what its orders cost (no id string per order, no hash lookup) and the whole dump's
/// counts are never gathered in one table.
public struct AnomalyCounts: Sendable, Equatable {
    /// The store position of the first tally.
    public var start: Int
    /// One tally per position from `start`; nil for an order that could not be read (its
    /// count stays unknown).
    public var tallies: [AnomalyTally?]

    public init(start: Int, tallies: [AnomalyTally?]) {
        self.start = start
        self.tallies = tallies
    }

    /// The positions the tallies are for.
    public var positions: Range<Int> { start..<(start + tallies.count) }
}
