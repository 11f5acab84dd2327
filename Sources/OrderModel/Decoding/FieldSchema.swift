import JSONCore

/// What the decoders of the anomaly checks' decoding (`Order(tape:forChecks:)`) read of an
/// object without keeping it: the fields a skimming reader reads there and what each of them
/// takes without an issue, and the schemas of the nested objects kept below it.
///
/// Why: most of an order is only skimmed (customer, addresses, store, sessions, events, texts
/// and dates…), yet every skimmed field still cost a lookup, about a quarter of `check`'s time
/// (issue 19). With a schema, a skimming reader first sweeps its object's members once
/// (`NodeReader.skimming`); when every member the schema knows holds what its accessors take,
/// no skimmed read can report an issue, and they all answer nil at once. When one does not, the
/// object is read field by field as before, so the issues and their order never change.
///
/// Schemas are not written by hand: they are recorded once by running the decoders themselves
/// over nothing (`record`), each accessor noting its field, so the decoders stay the one place
/// that spells the fields. A decoder that reads a skimmed object another way (`node`,
/// `forEachElement`) makes its schema `opaque`: such an object is always read field
/// by field.
///
/// Immutable and never freed once recorded (they live in a `static let`), so readers hold them
/// unowned and the sweep reads plain buffers, with no reference counting
/// (`@unchecked Sendable`).
final class FieldSchema: @unchecked Sendable {
    /// What a skimmed field's accessor takes without an issue (null always: it reads as
    /// missing).
    enum Take: UInt8 {
        /// `string`, `openEnum`: a string, a number or a boolean.
        case text
        /// `lineID`, `timestamp`: a string or a number.
        case textual
        /// `int`: what `JSONTape.int64` reads.
        case integer
        /// `double`: a number, or a string that reads as one.
        case number
        /// `numberText`: anything (it never reports).
        case numberText
        /// `bool`: a boolean, `"true"`/`"false"` in any case, `0` or `1`.
        case boolean
        /// `object`: any object.
        case object
        /// `child`: an object its decoder skims whole (`Rule.nested`).
        case child
        /// `children`: an array whose elements (nulls skipped) are such objects.
        case children
        /// `strings`, `lineIDs`: an array of strings and numbers (nulls skipped).
        case textElements
    }

    /// One expectation of a field.
    struct Rule {
        let take: Take
        /// The nested object's schema (`child`, `children`).
        let nested: Unmanaged<FieldSchema>?
        /// The token kinds (bit `kind.rawValue`) taken with no more to look at: most members
        /// are judged by their kind alone; the rest by `NodeReader.takes`.
        let kinds: UInt16

        init(take: Take, nested: Unmanaged<FieldSchema>?) {
            self.take = take
            self.nested = nested
            func bits(_ kinds: JSONTape.Kind...) -> UInt16 {
                kinds.reduce(1 << JSONTape.Kind.null.rawValue) { $0 | 1 << $1.rawValue }
            }
            switch take {
            case .text: kinds = bits(.string, .number, .trueValue, .falseValue)
            case .textual: kinds = bits(.string, .number)
            case .number: kinds = bits(.number)
            case .numberText: kinds = ~0
            case .boolean: kinds = bits(.trueValue, .falseValue)
            case .object: kinds = bits(.object)
            case .integer, .child, .children, .textElements: kinds = bits()
            }
        }
    }

    /// One skimmed field; its rules are `rules[firstRule..<firstRule + ruleCount]` (a key can be
    /// read twice, e.g. `quantity` as a number and as its text).
    struct Field {
        let signature: UInt64
        let rest: UInt64
        let firstRule: Int32
        let ruleCount: Int32
    }

    /// A nested object kept under a key: its schema.
    private struct Kept {
        /// Where the decoder's literal lies, compared first (each call site reads its own).
        let literal: UnsafeRawPointer
        let key: UnsafeBufferPointer<UInt8>
        let schema: Unmanaged<FieldSchema>
    }

    let opaque: Bool
    let fields: UnsafeBufferPointer<Field>
    let rules: UnsafeBufferPointer<Rule>
    /// The keys of `fields` (for keys over 15 bytes, which signature and rest do not hold).
    private let keys: [[UInt8]]
    /// `fields` by hash of signature and rest: a field's index + 1, 0 when empty.
    private let slots: UnsafeBufferPointer<Int32>
    private let shift: UInt64
    private let kept: UnsafeBufferPointer<Kept>
    /// Keeps the nested schemas alive (the buffers hold them unmanaged).
    private let children: [FieldSchema]

    private init(_ builder: Builder) {
        opaque = builder.opaque
        var children: [FieldSchema] = []
        var fields: [Field] = []
        var rules: [Rule] = []
        for field in builder.fields {
            let (signature, rest) = field.key.withUnsafeBytes {
                (NodeReader.signature($0), NodeReader.rest($0))
            }
            fields.append(
                Field(
                    signature: signature, rest: rest, firstRule: Int32(rules.count),
                    ruleCount: Int32(field.rules.count)))
            for (take, nested) in field.rules {
                let schema = nested.map(FieldSchema.init)
                if let schema { children.append(schema) }
                rules.append(Rule(take: take, nested: schema.map { .passUnretained($0) }))
            }
        }
        var size = 8
        while size < fields.count * 2 { size *= 2 }
        shift = 64 - UInt64(size.trailingZeroBitCount)
        let slots = UnsafeMutableBufferPointer<Int32>.allocate(capacity: size)
        slots.initialize(repeating: 0)
        for (index, field) in fields.enumerated() {
            var slot = FieldSchema.slot(field.signature, field.rest, shift)
            while slots[slot] != 0 { slot = (slot + 1) & (size - 1) }
            slots[slot] = Int32(index + 1)
        }
        var kept: [Kept] = []
        for entry in builder.kept {
            let schema = FieldSchema(entry.schema)
            children.append(schema)
            let key = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: entry.key.count)
            _ = key.initialize(from: entry.key)
            kept.append(
                Kept(literal: entry.literal, key: UnsafeBufferPointer(key), schema: .passUnretained(schema)))
        }
        self.slots = UnsafeBufferPointer(slots)
        self.fields = FieldSchema.buffer(fields)
        self.rules = FieldSchema.buffer(rules)
        self.kept = FieldSchema.buffer(kept)
        self.keys = builder.fields.map(\.key)
        self.children = children
    }

    deinit {
        // Schemas live in a `static let` and are never freed; this only tidies up after tests.
        slots.deallocate()
        fields.deallocate()
        rules.deallocate()
        for entry in kept { entry.key.deallocate() }
        kept.deallocate()
    }

    private static func buffer<T>(_ array: [T]) -> UnsafeBufferPointer<T> {
        let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(array.count, 1))
        _ = buffer.initialize(from: array)
        return UnsafeBufferPointer(rebasing: buffer[0..<array.count])
    }

    /// The schema of the object `decode` reads, recorded by running it once over an empty
    /// object with a recording reader.
    static func record(_ decode: (NodeReader) -> Void) -> FieldSchema {
        let root = Builder()
        let log = IssueLog()
        log.recorders = [root]
        decode(NodeReader(recordingWith: log))
        withExtendedLifetime(log) {}  // the readers hold it unowned
        return FieldSchema(root)
    }

    // MARK: - Reading

    /// The index in `fields` of the skimmed field whose key has this signature and rest (the
    /// whole of a key of up to 15 bytes; `sameLongKey` tells longer keys apart), or -1.
    @inline(__always)
    func field(signature: UInt64, rest: UInt64, sameLongKey: (UnsafeRawBufferPointer) -> Bool) -> Int {
        var slot = FieldSchema.slot(signature, rest, shift)
        while true {
            let entry = Int(slots[slot]) - 1
            if entry < 0 { return -1 }
            let field = fields[entry]
            if field.signature == signature, field.rest == rest,
                signature >> 56 <= 15 || keys[entry].withUnsafeBytes(sameLongKey)
            {
                return entry
            }
            slot = (slot + 1) & (slots.count - 1)
        }
    }

    /// The schema of the nested object kept under `key`, if the decoders keep one there.
    @inline(__always)
    func keptSchema(_ key: StaticString) -> Unmanaged<FieldSchema>? {
        let literal = UnsafeRawPointer(key.utf8Start)
        for entry in kept where entry.literal == literal { return entry.schema }
        return key.withUTF8Buffer { key in
            for entry in kept where entry.key.elementsEqual(key) { return entry.schema }
            return nil
        }
    }

    @inline(__always)
    private static func slot(_ signature: UInt64, _ rest: UInt64, _ shift: UInt64) -> Int {
        Int(
            truncatingIfNeeded: ((signature ^ (rest &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9)
                >> shift)
    }

    // MARK: - Recording

    /// A schema being recorded: the accessors of the recording readers note into the
    /// innermost one (`IssueLog.recorders`).
    final class Builder {
        struct Field {
            let key: [UInt8]
            var rules: [(Take, Builder?)]
        }

        private(set) var fields: [Field] = []
        private(set) var kept: [(literal: UnsafeRawPointer, key: [UInt8], schema: Builder)] = []
        private(set) var opaque = false

        /// Notes a skimmed field read by an accessor that takes `take` (`nested`: the schema
        /// of the object or objects it skims).
        func note(_ key: StaticString, _ take: Take, nested: Builder? = nil) {
            let bytes = key.withUTF8Buffer { Array($0) }
            if let index = fields.firstIndex(where: { $0.key == bytes }) {
                fields[index].rules.append((take, nested))
            } else {
                fields.append(Field(key: bytes, rules: [(take, nested)]))
            }
        }

        /// Marks the schema as one the sweep cannot vouch for.
        func markOpaque() { opaque = true }

        /// The schema of the nested object kept under `key` (made on first use).
        func keptSchema(_ key: StaticString) -> Builder {
            let bytes = key.withUTF8Buffer { Array($0) }
            if let found = kept.first(where: { $0.key == bytes }) { return found.schema }
            let schema = Builder()
            kept.append((UnsafeRawPointer(key.utf8Start), bytes, schema))
            return schema
        }
    }
}
