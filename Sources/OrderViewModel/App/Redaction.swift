import OrderModel

/// Whether the screens mask customer personal data, and whether the operator may turn that off.
///
/// `--redact` starts the app `locked`: a presenter sharing a screen cannot reveal data with a
/// stray keypress. Without it the toggle key switches between `off` and `on`.
public enum Redaction: String, Sendable, Equatable {
    case off, on, locked

    public var isOn: Bool { self != .off }

    /// The list columns of `summary` as they may be shown now.
    public func apply(_ summary: OrderSummary) -> OrderSummary {
        isOn ? Redactor.redact(summary) : summary
    }

    /// `order` as it may be shown now.
    public func apply(_ order: Order) -> Order {
        isOn ? Redactor.redact(order) : order
    }
}
