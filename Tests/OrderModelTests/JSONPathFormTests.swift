import OrderSynthetic
import Testing

@testable import JSONCore

/// `JSONPath` keeps its last components packed and the rest in links: whatever the mix, a path
/// must read, compare and hash as the plain list of its components.
@Suite("JSONPath packed and linked forms")
struct JSONPathFormTests {
    /// Keys packed (known), keys kept as text (unknown, escaped, empty) and indices on both
    /// sides of the packing limit.
    static let keys = [
        "items", "tax_lines", "payout", "destinations", "amount", "captures", "quantity", "_links",
        "unknown_key", "", "a b", "itemz", "item", "x", "payout.destinations", "ünïcode",
    ]
    static let indices = [0, 1, 2, 7, 62, 63, 64, 65, 127, 1_000, 123_456]

    static func randomComponents(_ random: inout SplitMix64, length: Int) -> [JSONPath.Component] {
        (0..<length).map { _ in
            random.next() % 2 == 0
                ? .key(keys[Int(random.next() % UInt64(keys.count))])
                : .index(indices[Int(random.next() % UInt64(indices.count))])
        }
    }

    @Test("a path reads back the components it was built from, however long")
    func roundTrip() {
        var random = SplitMix64(seed: 19)
        for length in 0..<40 {
            for _ in 0..<30 {
                let components = Self.randomComponents(&random, length: length)
                let path = JSONPath(components)
                #expect(path.components == components)
                #expect(path.count == components.count)
                #expect(path.isRoot == components.isEmpty)
                #expect(path.last == components.last)
            }
        }
    }

    @Test("equal components give equal paths and hashes, whichever way they were made")
    func equalityAcrossForms() {
        var random = SplitMix64(seed: 7)
        for length in 0..<30 {
            for _ in 0..<30 {
                let components = Self.randomComponents(&random, length: length)
                let appended = JSONPath(components)
                // Made one step at a time through every subscript.
                var stepped = JSONPath.root
                for component in components {
                    switch component {
                    case .key(let key): stepped = stepped[key]
                    case .index(let index): stepped = stepped[index]
                    }
                }
                // Made as the parent of a longer path.
                let extra = Self.randomComponents(&random, length: 1 + Int(random.next() % 12))
                var shortened = JSONPath(components + extra)
                for _ in extra { shortened = shortened.parent }
                for other in [stepped, shortened] {
                    #expect(other == appended)
                    #expect(other.hashValue == appended.hashValue)
                    #expect(other.components == components)
                    #expect(other.description == appended.description)
                    #expect(other.jqPath == appended.jqPath)
                }
                // One component different anywhere: not equal.
                if !components.isEmpty {
                    var changed = components
                    let at = Int(random.next() % UInt64(components.count))
                    changed[at] =
                        switch changed[at] {
                        case .key(let key): .key(key + "!")
                        case .index(let index): .index(index + 1)
                        }
                    #expect(JSONPath(changed) != appended)
                }
                #expect(JSONPath(components + [.index(0)]) != appended)
            }
        }
    }

    @Test("the parent of every path is the path of its components but the last")
    func parents() {
        var random = SplitMix64(seed: 3)
        for length in 0..<35 {
            let components = Self.randomComponents(&random, length: length)
            var path = JSONPath(components)
            var expected = components
            while !expected.isEmpty {
                expected.removeLast()
                path = path.parent
                #expect(path.components == expected)
                #expect(path == JSONPath(expected))
            }
            #expect(path.isRoot)
            #expect(path.parent.isRoot)
        }
    }

    @Test("a decoder's static key packs as the same key given as text")
    func staticKeys() {
        let base = JSONPath.root["items"][3]
        #expect(base[staticKey: "tax_lines"] == base["tax_lines"])
        #expect(base[staticKey: "not_a_known_key"] == base["not_a_known_key"])
        #expect(base[staticKey: "tax_lines"].description == "items[3].tax_lines")
        // Every packed key's id reads back as itself.
        for (id, name) in PathKeys.names.enumerated() {
            #expect(PathKeys.id(name) == UInt8(id))
            #expect(PathKeys.name(UInt8(id)) == name)
        }
        #expect(PathKeys.names.count <= 64)
        #expect(Set(PathKeys.names).count == PathKeys.names.count)
        #expect(PathKeys.id("item") == nil)
        #expect(PathKeys.id("") == nil)
    }

    @Test("a long chain of links is freed without recursion")
    func longChain() {
        var path = JSONPath.root
        for index in 0..<200_000 { path = path[index % 2 == 0 ? "unknown" : "items"][index] }
        #expect(path.count == 400_000)
        #expect(path.parent.parent.count == 399_998)
    }
}
