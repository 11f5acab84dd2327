/// Carries values that are not `Sendable` into the one thread that uses them from then on.
package struct UncheckedBox<Value>: @unchecked Sendable {
    package let value: Value
    package init(_ value: Value) { self.value = value }
}
