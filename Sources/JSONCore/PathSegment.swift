/// Up to eight components of a `JSONPath` packed in one word, with no allocation: keys known to
/// `PathKeys` and array indices below 64.
///
/// Bits 0–3 hold the count; component `i` is the 7-bit code at bit `4 + 7 × i`: an index as
/// itself, a key as `0x40` plus its `PathKeys` id.
struct PathSegment: Hashable, Sendable {
    private let raw: UInt64

    static let empty = PathSegment(raw: 0)
    static let capacity = 8
    /// Indices from here on take a link.
    static let indexLimit = 64

    private init(raw: UInt64) { self.raw = raw }

    /// A segment of one component.
    init(code: UInt8) { raw = UInt64(code & 0x7F) << 4 | 1 }

    var count: Int { Int(raw & 0xF) }

    static func keyCode(_ id: UInt8) -> UInt8 { 0x40 | id }

    /// A component's code, or nil when it cannot be packed.
    static func code(_ component: JSONPath.Component) -> UInt8? {
        switch component {
        case .key(let key): PathKeys.id(key).map(keyCode)
        case .index(let index): index >= 0 && index < indexLimit ? UInt8(index) : nil
        }
    }

    /// This segment with one more component; nil when it is full.
    func appending(_ code: UInt8) -> PathSegment? {
        let n = count
        guard n < PathSegment.capacity else { return nil }
        return PathSegment(raw: (raw | UInt64(code & 0x7F) << (4 + 7 * UInt64(n))) + 1)
    }

    /// This segment without its last component (the empty one stays empty).
    func removingLast() -> PathSegment {
        let n = count
        guard n > 0 else { return self }
        let kept = raw & ~(0x7F << (4 + 7 * UInt64(n - 1)))
        return PathSegment(raw: kept - 1)
    }

    /// Component `i` (below `count`).
    func component(_ i: Int) -> JSONPath.Component {
        let code = UInt8(truncatingIfNeeded: raw >> (4 + 7 * UInt64(i))) & 0x7F
        if code & 0x40 != 0 { return .key(PathKeys.name(code & 0x3F)) }
        return .index(Int(code))
    }

    func appendComponents(to list: inout [JSONPath.Component]) {
        for i in 0..<count { list.append(component(i)) }
    }
}
