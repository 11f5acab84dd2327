import JSONCore
import OrderModel

/// Which entries of a list page asked with `include_events=true` are complete orders, saved as
/// listed without a request of their own.
///
/// An entry that carries an `events` array is complete. An entry with no `events` key is
/// complete too when another entry of the same page carries events: the server includes them,
/// so that order has none (most orders of a generated dump have no events; before this rule
/// each of them cost a request). On a page where no entry carries events (a server that leaves
/// them out of lists, `mock-api --list-without-events`), no entry is complete.
struct CompleteListEntries {
    private let serverIncludesEvents: Bool

    init(page entries: [JSONValue]) {
        serverIncludesEvents = entries.contains { $0["events"]?.arrayValue != nil }
    }

    func isComplete(_ entry: JSONValue) -> Bool {
        guard let events = entry["events"] else { return serverIncludesEvents && entry.objectValue != nil }
        return events.arrayValue != nil
    }
}
