/// A set of store positions as one bit each: a million orders cost 125 KB, a test is one shift.
public struct PositionSet: Sendable, Equatable {
    fileprivate var words: [UInt64] = []
    /// How many positions are set.
    public private(set) var count = 0

    public init() {}

    /// A set holding `positions`.
    public init<S: Sequence<Int>>(_ positions: S) {
        for position in positions { insert(position) }
    }

    public func contains(_ position: Int) -> Bool {
        let word = position >> 6
        return position >= 0 && word < words.count && words[word] & (1 << UInt64(position & 63)) != 0
    }

    public mutating func insert(_ position: Int) {
        guard position >= 0 else { return }
        let word = position >> 6
        if word >= words.count { words += [UInt64](repeating: 0, count: word + 1 - words.count) }
        let bit: UInt64 = 1 << UInt64(position & 63)
        if words[word] & bit == 0 {
            words[word] |= bit
            count += 1
        }
    }

    /// Adds every position of `other`.
    public mutating func formUnion(_ other: PositionSet) {
        if words.count < other.words.count {
            words += [UInt64](repeating: 0, count: other.words.count - words.count)
        }
        var total = 0
        for index in words.indices {
            if index < other.words.count { words[index] |= other.words[index] }
            total += words[index].nonzeroBitCount
        }
        count = total
    }

    public var isEmpty: Bool { count == 0 }
}

extension PositionSet {
    /// Calls `body` with every position in the set, in ascending order.
    public func forEach(_ body: (Int) -> Void) {
        for (index, word) in words.enumerated() where word != 0 {
            var rest = word
            while rest != 0 {
                body(index << 6 | rest.trailingZeroBitCount)
                rest &= rest &- 1
            }
        }
    }
}
