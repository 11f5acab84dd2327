import JSONCore

/// Collects decode issues while one document is decoded (internal; never stored).
final class IssueLog {
    var issues: [DecodeIssue] = []
    /// Set while `FieldSchema.record` runs the decoders over nothing: the accessors note what
    /// they read instead of reading it.
    var recording = false
    /// While recording: the schemas being recorded, the innermost last (the one the
    /// accessors note into).
    var recorders: [FieldSchema.Builder] = [] {
        didSet { recording = !recorders.isEmpty }
    }

    func report(_ path: JSONPath, _ message: String) {
        issues.append(DecodeIssue(path: path, message: message))
    }
}

/// Tolerant field access for one JSON object during decoding: a missing field or `null` is nil
/// with no complaint; a field of the wrong type is nil plus a `DecodeIssue`.
///
/// It reads either a `JSONValue` (orders opened on screen, which keep their raw JSON) or a
/// `JSONTape` straight over the dump's bytes (the whole-order work: `check`, `export`, the
/// background anomaly scan), through the same accessors, so both give the same fields and the
/// same issues (`OrderTapeDecodingTests` holds them equal).
struct NodeReader {
    /// The object's path; nil for a skimmed tape object, whose path is built only when asked
    /// for (an issue, which is rare) from its token's place in the tape (`tapePath(to:)`):
    /// making a path link for every object and element the checks never keep cost their
    /// allocations and their freeing.
    private let knownPath: JSONPath?
    /// Unowned, as the tape: readers are copied for every object and field group, and counting
    /// references to the log on each copy cost more than some of the reads. Safe because
    /// whoever makes a root reader keeps its log alive until the decoding returns
    /// (`withExtendedLifetime`), and no reader outlives the decoding.
    unowned(unsafe) let log: IssueLog
    private let source: Source
    /// For a `JSONValue` object: bit `n % 64` set when a member's key is `n` UTF-8 bytes
    /// long, so most lookups of absent fields end without a search. (A tape object carries a
    /// Bloom filter of its keys in its token instead.)
    private let keyLengths: UInt64
    /// Decoding for the anomaly checks alone (`Order(tape:forChecks:)`): `skimming` readers
    /// then check the fields the checks never read without keeping them.
    private let forChecks: Bool
    /// Fields are checked for their type, so every issue is reported as always, but their
    /// values are not built: text fields, dates, line ids, objects and JSON numbers read as
    /// doubles come back nil (integers, numeric strings and booleans are read, as whether
    /// they can be read depends on their text, unless the object was swept `clean`: then
    /// every skimmed field is nil).
    private var skim: Bool
    /// A skimming reader whose object's sweep found nothing any skimmed read would report
    /// (`skimming`): every field then answers nil at once, with no lookup.
    private var clean = false
    /// What the decoders skim of this object and keep below it (`FieldSchema`); nil where
    /// none is known (the sweep is then skipped). Unmanaged: schemas live in a `static let`,
    /// and a counted reference to one (shared by the threads decoding side by side) passed its
    /// cache line from core to core at each object read.
    private let schema: Unmanaged<FieldSchema>?

    private enum Source {
        /// A `JSONValue` object (`JSONSource`).
        case json(JSONSource)
        /// The object token at `index`; `keepRaw` builds each node's `raw` from the tape (for
        /// tests; the whole-order work leaves `raw` null, as nothing there reads it).
        case tape(TapeRef, index: Int, keepRaw: Bool)
    }

    /// Where the object sits in the document, e.g. `items[0].tax_lines[1]`, for the value
    /// decoded from it to keep. A skimmed tape object's value is never kept (`child` and
    /// `children` drop it), so its path is not built here: it is the root (its issues are
    /// reported at its real path, `issuePath`).
    var path: JSONPath { knownPath ?? .root }

    /// Where the object sits, for its issues: `path`, or a skimmed tape object's real path.
    private var issuePath: JSONPath {
        if let knownPath { return knownPath }
        if case .tape(let tape, let index, _) = source { return NodeReader.tapePath(to: index, tape) }
        return .root
    }

    /// A `JSONValue` object and its members (none when it is not an object), taken out once: an
    /// order is read by some sixty lookups, and each one unwrapping the enum again cost retains
    /// and releases. Boxed, so copying a reader copies one reference, not a tree of enums (and
    /// a tape reader none).
    private final class JSONSource {
        let value: JSONValue
        let object: JSONObject

        init(_ value: JSONValue, _ object: JSONObject) {
            self.value = value
            self.object = object
        }
    }

    /// The tape, unowned, with the accessors the reader uses: readers are copied for every
    /// field group, and counting references to the tape on each copy and lookup cost more than
    /// the lookups themselves. Safe because tape readers are made only inside
    /// `Order.init(tape:)`, whose caller keeps its `tape` argument alive for the whole call,
    /// and no reader outlives that call.
    /// (Reached through `_withUnsafeGuaranteedRef`: an `unowned(unsafe)` reference was still
    /// retained and released around each call of the tape's methods, `int64` and `text`.)
    private struct TapeRef {
        private let tape: Unmanaged<JSONTape>
        /// The token of the decoded document (the order), whose path is the root.
        let root: Int

        init(tape: JSONTape, root: Int) {
            self.tape = .passUnretained(tape)
            self.root = root
        }

        subscript(index: Int) -> JSONTape.Token { tape._withUnsafeGuaranteedRef { $0.tokens[index] } }
        var members: TapeBuffer<JSONTape.Member> { tape._withUnsafeGuaranteedRef { $0.members } }
        func value(_ index: Int) -> JSONValue { tape._withUnsafeGuaranteedRef { $0.value(index) } }
        func int64(_ index: Int) -> Int64? { tape._withUnsafeGuaranteedRef { $0.int64(index) } }
        func text(_ index: Int) -> String { tape._withUnsafeGuaranteedRef { $0.text(index) } }
        func content(_ index: Int) -> UnsafeRawBufferPointer {
            tape._withUnsafeGuaranteedRef { $0.content(index) }
        }
    }

    /// One value met while decoding: a member or an array element.
    enum Node {
        case json(JSONValue)
        case tape(Int)
    }

    init(json: JSONValue, path: JSONPath, log: IssueLog) {
        self.knownPath = path
        self.log = log
        let object = json.objectValue ?? JSONObject()
        var lengths: UInt64 = 0
        for key in object.keys { lengths |= 1 << UInt64(key.utf8.count & 63) }
        self.source = .json(JSONSource(json, object))
        self.keyLengths = lengths
        self.forChecks = false
        self.skim = false
        self.schema = nil
    }

    /// A reader whose decoder's reads are noted into the innermost of `log.recorders` (an
    /// empty object's, decoding for checks: `FieldSchema.record`).
    init(recordingWith log: IssueLog, skim: Bool = false) {
        self.knownPath = .root
        self.log = log
        self.source = .json(JSONSource(.object(JSONObject()), JSONObject()))
        self.keyLengths = 0
        self.forChecks = true
        self.skim = skim
        self.schema = nil
    }

    /// A reader of the object token at `index` of `tape`: nothing is read until a field is
    /// asked for (the object's token carries the Bloom filter of its keys).
    init(
        tape: JSONTape, index: Int, keepRaw: Bool, forChecks: Bool = false, skim: Bool = false,
        schema: Unmanaged<FieldSchema>? = nil, path: JSONPath, log: IssueLog
    ) {
        self.init(
            tape: TapeRef(tape: tape, root: index), index: index, keepRaw: keepRaw, forChecks: forChecks,
            skim: skim, schema: schema, path: path, log: log)
    }

    /// A reader of a tape object below the root; `path` nil makes it lazy (see `knownPath`).
    private init(
        tape: TapeRef, index: Int, keepRaw: Bool, forChecks: Bool, skim: Bool,
        schema: Unmanaged<FieldSchema>?, path: JSONPath?, log: IssueLog
    ) {
        self.knownPath = path
        self.log = log
        self.source = .tape(tape, index: index, keepRaw: keepRaw)
        self.forChecks = forChecks
        self.skim = skim
        self.schema = schema
        self.keyLengths = ~0
    }

    /// The path of the value token `target` (inside the tape's root), found by walking down
    /// from the root: for the issues of skimmed values, whose paths are not built as they are
    /// read. A key repeated in an object names the last member holding `target`, the one the
    /// decoders read.
    private static func tapePath(to target: Int, _ tape: TapeRef) -> JSONPath {
        var path = JSONPath.root
        var at = tape.root
        while at != target {
            let container = tape[at]
            guard target > at, target < container.after else { break }
            var child = at + 1
            switch container.kind {
            case .object:
                // Key tokens at `child`, their values just after.
                while tape[child + 1].after <= target { child = tape[child + 1].after }
                path = path[tape.text(child)]
                at = child + 1
            case .array:
                var index = 0
                while tape[child].after <= target {
                    child = tape[child].after
                    index += 1
                }
                path = path[index]
                at = child
            default:
                return path
            }
        }
        return path
    }

    /// The path of an element or member node met while reading: `known` when built, else
    /// found on the tape (skimmed values, see `knownPath`).
    private func path(of node: Node, known: JSONPath?) -> JSONPath {
        if let known { return known }
        if case .tape(let index) = node, case .tape(let tape, _, _) = source {
            return NodeReader.tapePath(to: index, tape)
        }
        return .root
    }

    /// The same object read with `skim` (for checks only; otherwise itself).
    /// When the object's schema is known, its members are swept first: if none would make a
    /// skimmed read report an issue, the skimming reader is `clean` and reads nothing.
    var skimming: NodeReader {
        guard forChecks, !skim else { return self }
        var skimming = self
        skimming.skim = true
        if let schema, case .tape(let tape, let object, _) = source {
            skimming.clean = NodeReader.sweep(object, schema, tape)
        }
        return skimming
    }

    // MARK: - Recording the schema

    /// While recording (`FieldSchema.record`): notes a skimmed read of `key` taking
    /// `expectation`, and answers true (the accessor then reads nothing).
    @inline(__always)
    private func recorded(_ key: StaticString, _ take: FieldSchema.Take) -> Bool {
        guard log.recording else { return false }
        if skim { log.recorders.last?.note(key, take) }
        return true
    }

    /// While recording: a read the sweep cannot mirror (a node or elements taken by hand);
    /// while skimming, it makes the schema opaque. Answers true (the caller reads nothing).
    private func recordedOpaque() -> Bool {
        guard log.recording else { return false }
        if skim { log.recorders.last?.markOpaque() }
        return true
    }

    /// While recording: runs the decoder of the nested object (`many`: objects) under `key`
    /// over a recording reader of its own schema: a skimmed one's becomes the field's
    /// expectation, a kept one's the schema its readers carry (`keptSchema`).
    private func recordNested(_ key: StaticString, many: Bool, _ decode: (NodeReader) -> Void) {
        guard let current = log.recorders.last else { return }
        // A decoder that nests itself is recorded this deep, no further.
        guard log.recorders.count < 16 else {
            if skim { current.markOpaque() }
            return
        }
        let nested: FieldSchema.Builder
        if skim {
            nested = FieldSchema.Builder()
            current.note(key, many ? .children : .child, nested: nested)
        } else {
            nested = current.keptSchema(key)
        }
        log.recorders.append(nested)
        decode(NodeReader(recordingWith: log, skim: skim))
        log.recorders.removeLast()
    }

    /// The schema of the object kept under `key` (none below a skimming reader: it is swept
    /// with its parent or read field by field).
    @inline(__always)
    private func keptSchema(_ key: StaticString) -> Unmanaged<FieldSchema>? {
        guard !skim, let schema else { return nil }
        return schema._withUnsafeGuaranteedRef { $0.keptSchema(key) }
    }

    // MARK: - Sweeping skimmed objects

    /// Whether no skimmed read of the object token `object` (decoded as `schema` says) would
    /// report an issue: every member the schema knows holds what its accessors take, and the
    /// nested objects it skims pass the same sweep. False whenever unsure (the object is then
    /// read field by field, as without a schema).
    private static func sweep(_ object: Int, _ schema: Unmanaged<FieldSchema>, _ tape: TapeRef) -> Bool {
        // Guaranteed: schemas are never freed, and a counted reference cost more than the sweep.
        schema._withUnsafeGuaranteedRef { sweep(object, $0, tape) }
    }

    private static func sweep(_ object: Int, _ schema: FieldSchema, _ tape: TapeRef) -> Bool {
        if schema.opaque { return false }
        let container = tape[object]
        guard container.kind == .object else { return false }
        if container.signature == 0 { return true }  // no members (and no member run)
        let run = container.members
        let members = tape.members
        let last = run + Int(members[run].signature)
        var at = run + 1
        while at <= last {
            let member = members[at]
            at += 1
            let index = schema.field(signature: member.signature, rest: member.rest) { key in
                sameLongKey(key, tape, member.value - 1)
            }
            if index < 0 { continue }  // never read while skimming
            let field = schema.fields[index]
            var rule = Int(field.firstRule)
            let end = rule + Int(field.ruleCount)
            while rule < end {
                let taken = schema.rules[rule]
                if taken.kinds & 1 << tape[member.value].kind.rawValue == 0, !takes(member.value, taken, tape)
                {
                    return false
                }
                rule += 1
            }
        }
        return true
    }

    /// Whether the value token `index` is what an accessor expecting `expectation` reads with
    /// no issue (mirroring the accessors below).
    private static func takes(_ index: Int, _ rule: FieldSchema.Rule, _ tape: TapeRef) -> Bool {
        let kind = tape[index].kind
        if kind == .null { return true }
        switch rule.take {
        case .text: return kind != .array && kind != .object
        case .textual: return kind == .string || kind == .number
        case .integer: return tape.int64(index) != nil
        case .number:
            if kind == .number { return true }
            return kind == .string && Double(tape.text(index).trimmingSpaces) != nil
        case .numberText: return true
        case .boolean: return booleanValue(index, tape) != nil
        case .object: return kind == .object
        case .child:
            guard let nested = rule.nested else { return false }
            return kind == .object && sweep(index, nested, tape)
        case .children:
            guard let nested = rule.nested else { return false }
            return kind == .array && allElements(of: index, tape) { $0 == .object && sweep($1, nested, tape) }
        case .textElements:
            return kind == .array
                && allElements(of: index, tape) { kind, _ in kind == .string || kind == .number }
        }
    }

    /// Whether `test` holds for every element of the array token `array` but nulls (given each
    /// element's kind and token).
    private static func allElements(
        of array: Int, _ tape: TapeRef, _ test: (JSONTape.Kind, Int) -> Bool
    ) -> Bool {
        let end = tape[array].after
        var element = array + 1
        while element < end {
            let kind = tape[element].kind
            if kind != .null, !test(kind, element) { return false }
            element = tape[element].after
        }
        return true
    }

    /// A boolean field's value as `bool` reads it: a boolean, `"true"`/`"false"` in any case,
    /// `0` or `1`; nil for anything else.
    private static func booleanValue(_ index: Int, _ tape: TapeRef) -> Bool? {
        switch tape[index].kind {
        case .trueValue: return true
        case .falseValue: return false
        case .string:
            switch tape.text(index).lowercased() {
            case "true": return true
            case "false": return false
            default: return nil
            }
        case .number:
            switch tape.text(index) {
            case "0": return false
            case "1": return true
            default: return nil
            }
        default: return nil
        }
    }

    /// The object as JSON: itself, or built from the tape when kept (else null).
    var json: JSONValue {
        switch source {
        case .json(let json): return json.value
        case .tape(let tape, let index, let keepRaw): return keepRaw ? tape.value(index) : .null
        }
    }

    /// A node's JSON, for the `raw` of values made from array elements.
    func raw(_ node: Node) -> JSONValue {
        switch (node, source) {
        case (.json(let json), _): return json
        case (.tape(let index), .tape(let tape, _, let keepRaw)): return keepRaw ? tape.value(index) : .null
        case (.tape, .json): return .null
        }
    }

    /// The member node, nil when missing or null (the last of repeated keys, as
    /// `JSONObject` reads them). Keys are the schema's (`a`–`z`, `0`–`9`, `_`): a stored key of
    /// another UTF-8 length cannot equal one (`JSONObject.value(plainKey:)`).
    ///
    /// Keys are static strings: the decoders name their fields as literals, and a literal's
    /// bytes are read in place, where a `String` cost more to look at than the lookup itself.
    func node(_ key: StaticString) -> Node? {
        switch source {
        case .json(let json):
            if recordedOpaque() { return nil }
            guard keyLengths & (1 << UInt64(key.utf8CodeUnitCount & 63)) != 0,
                let value = json.object.value(plainKey: NodeReader.name(key)), !value.isNull
            else { return nil }
            return .json(value)
        case .tape(let tape, let object, _):
            let found = tapeMember(key, tape, object)
            return found < 0 ? nil : .tape(found)
        }
    }

    /// The value token of member `key` of a tape reader's object, or -1 when missing or null:
    /// the accessors read tape fields through token indices, with no `Node` made and
    /// destroyed for each (the outlined copies of `Node` and `Source` cost more than the reads).
    @inline(__always)
    private func tapeMember(_ key: StaticString, _ tape: TapeRef, _ object: Int) -> Int {
        if clean { return -1 }  // swept: no skimmed read would report anything
        let found = key.withUTF8Buffer { member(UnsafeRawBufferPointer($0), in: tape, object: object) }
        guard found >= 0, tape[found].kind != .null else { return -1 }
        return found
    }

    /// Reports a field of the wrong kind (`what` expected, `found` met).
    private func reportField(_ key: StaticString, expected what: String, found node: Node) {
        log.report(issuePath[NodeReader.name(key)], "expected \(what), found \(describe(node))")
    }

    /// A field name as a `String` (for paths and messages).
    static func name(_ key: StaticString) -> String {
        key.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }
    }

    /// The value token of the last member named `key` of the object token `object`, or -1:
    /// the object's Bloom filter turns most absent keys away; members are compared by
    /// signature and rest (a repeated key's last value counts, as in `JSONObject`), and bytes
    /// only for keys longer than those hold (15 bytes).
    private func member(_ key: UnsafeRawBufferPointer, in tape: TapeRef, object: Int) -> Int {
        let container = tape[object]
        let signature = NodeReader.signature(key)
        guard container.kind == .object, container.signature & JSONTape.bloomBit(signature) != 0 else {
            return -1
        }
        let rest = NodeReader.rest(key)
        let run = container.members
        var at = run + Int(tape.members[run].signature)
        while at > run {
            let member = tape.members[at]
            at -= 1
            if member.signature == signature, member.rest == rest,
                key.count <= 15 || NodeReader.sameLongKey(key, tape, member.value - 1)
            {
                return member.value
            }
        }
        return -1
    }

    /// `JSONTape.keySignature(key)`, computed in line with whole-word loads: the tape's own is
    /// not inlined across modules, and its call and byte loop cost a fifth of each lookup
    /// (`TapeLookupTests` holds the two equal for every length).
    @inline(__always)
    static func signature(_ key: UnsafeRawBufferPointer) -> UInt64 {
        let count = key.count
        let length = UInt64(min(count, 255)) << 56
        if count >= 8 {
            return length | (key.loadUnaligned(as: UInt64.self).littleEndian & 0x00FF_FFFF_FFFF_FFFF)
        }
        if count >= 4 {
            // Two overlapping 4-byte words cover the key; the bytes they share agree.
            let low = UInt64(key.loadUnaligned(as: UInt32.self).littleEndian)
            let high = UInt64(key.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self).littleEndian)
            return length | low | high << (8 * UInt64(count - 4))
        }
        var signature = length
        var at = 0
        while at < count {
            signature |= UInt64(key[at]) << (8 * UInt64(at))
            at += 1
        }
        return signature
    }

    /// `JSONTape.keyRest(key)` (bytes 7 to 14), in line as `signature(_:)`.
    @inline(__always)
    static func rest(_ key: UnsafeRawBufferPointer) -> UInt64 {
        let count = key.count
        guard count > 7 else { return 0 }
        if count >= 15 { return key.loadUnaligned(fromByteOffset: 7, as: UInt64.self).littleEndian }
        // The last eight bytes, shifted so byte 7 comes first.
        return key.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self).littleEndian
            >> (8 * UInt64(15 - count))
    }

    /// Whether the key token `member`, whose signature and rest matched, is `key` (over 15 bytes).
    private static func sameLongKey(_ key: UnsafeRawBufferPointer, _ tape: TapeRef, _ member: Int) -> Bool {
        if tape[member].escaped {
            var text = tape.text(member)
            return text.withUTF8 { UnsafeRawBufferPointer($0).elementsEqual(key) }
        }
        let name = tape.content(member)
        guard name.count == key.count else { return false }
        var offset = 15
        while offset < key.count, name[offset] == key[offset] { offset += 1 }
        return offset == key.count
    }

    /// A node's JSON, built from the tape whether `raw` is kept or not (for `metadata`, which
    /// is a field of the model, not its raw copy).
    private func materialized(_ node: Node) -> JSONValue {
        switch (node, source) {
        case (.json(let json), _): return json
        case (.tape(let index), .tape(let tape, _, _)): return tape.value(index)
        case (.tape, .json): return .null
        }
    }

    // MARK: - Reading a node

    /// What kind of JSON a node holds.
    private enum Shape {
        case null, bool(Bool), number, string, array, object
    }

    private func shape(_ node: Node) -> Shape {
        switch node {
        case .json(let value):
            switch value {
            case .null: return .null
            case .bool(let flag): return .bool(flag)
            case .number: return .number
            case .string: return .string
            case .array: return .array
            case .object: return .object
            }
        case .tape(let index):
            guard case .tape(let tape, _, _) = source else { return .null }
            switch tape[index].kind {
            case .null: return .null
            case .falseValue: return .bool(false)
            case .trueValue: return .bool(true)
            case .number: return .number
            case .string: return .string
            case .array: return .array
            case .object: return .object
            }
        }
    }

    /// The text of a string or number node (nil for other kinds).
    private func text(_ node: Node) -> String? {
        switch node {
        case .json(let value):
            switch value {
            case .string(let text), .number(let text): return text
            default: return nil
            }
        case .tape(let index):
            guard case .tape(let tape, _, _) = source else { return nil }
            switch tape[index].kind {
            case .string, .number: return tape.text(index)
            default: return nil
            }
        }
    }

    /// Whether a node is a string or a number (what text fields accept).
    private func isText(_ node: Node) -> Bool {
        switch shape(node) {
        case .string, .number: return true
        default: return false
        }
    }

    /// A short description of a node for issue messages: `"abc"`, `12`, `an object`.
    func describe(_ node: Node) -> String {
        switch node {
        case .json(let value): return NodeReader.describe(value)
        case .tape:
            switch shape(node) {
            case .null: return "null"
            case .bool(let flag): return flag ? "true" : "false"
            case .number: return text(node) ?? ""
            case .string: return NodeReader.describe(.string(text(node) ?? ""))
            case .array: return "an array"
            case .object: return "an object"
            }
        }
    }

    // MARK: - Fields

    func string(_ key: StaticString) -> String? {
        if case .tape(let tape, let object, _) = source {
            let found = tapeMember(key, tape, object)
            if found < 0 { return nil }
            switch tape[found].kind {
            case .string, .number: return skim ? nil : tape.text(found)
            case .trueValue: return skim ? nil : "true"
            case .falseValue: return skim ? nil : "false"
            default:
                reportField(key, expected: "a string", found: .tape(found))
                return nil
            }
        }
        if recorded(key, .text) { return nil }
        guard let node = node(key) else { return nil }
        switch shape(node) {
        case .string, .number: return skim ? nil : text(node)
        case .bool(let flag): return skim ? nil : flag ? "true" : "false"
        default:
            reportField(key, expected: "a string", found: node)
            return nil
        }
    }

    func int(_ key: StaticString) -> Int64? {
        if case .tape(let tape, let object, _) = source {
            let found = tapeMember(key, tape, object)
            if found < 0 { return nil }
            if let number = tape.int64(found) { return number }
            reportField(key, expected: "an integer", found: .tape(found))
            return nil
        }
        // A JSON reader's (a tape's returned above).
        if recorded(key, .integer) { return nil }
        guard let node = node(key) else { return nil }
        if case .json(let value) = node, let number = value.int64Value { return number }
        reportField(key, expected: "an integer", found: node)
        return nil
    }

    func double(_ key: StaticString) -> Double? {
        if case .tape(let tape, let object, _) = source {
            let found = tapeMember(key, tape, object)
            if found < 0 { return nil }
            switch tape[found].kind {
            case .number:
                // A JSON number always reads as a `Double` (out of range as infinity or zero)
                // and holds no spaces: a skimmed one is not read at all, a kept one without
                // trimming.
                if skim { return nil }
                if let number = Double(tape.text(found)) { return number }
            case .string:
                if let number = Double(tape.text(found).trimmingSpaces) { return number }
            default: break
            }
            reportField(key, expected: "a number", found: .tape(found))
            return nil
        }
        // A JSON reader's (a tape's returned above).
        if recorded(key, .number) { return nil }
        guard let node = node(key) else { return nil }
        if let text = text(node), let number = Double(text.trimmingSpaces) { return number }
        reportField(key, expected: "a number", found: node)
        return nil
    }

    /// The literal text of a number (or numeric string), as written.
    func numberText(_ key: StaticString) -> String? {
        if case .tape(let tape, let object, _) = source {
            if skim { return nil }
            let found = tapeMember(key, tape, object)
            if found < 0 { return nil }
            switch tape[found].kind {
            case .number: return tape.text(found)
            case .string:
                let text = tape.text(found).trimmingSpaces
                return Double(text) != nil ? text : nil
            default: return nil  // `double(_:)` reports the issue
            }
        }
        if recorded(key, .numberText) { return nil }
        guard let node = node(key) else { return nil }
        switch shape(node) {
        case _ where skim: return nil
        case .number: return text(node)
        case .string:
            guard let text = text(node), Double(text.trimmingSpaces) != nil else { return nil }
            return text.trimmingSpaces
        default: return nil  // `double(_:)` reports the issue
        }
    }

    func bool(_ key: StaticString) -> Bool? {
        if case .tape(let tape, let object, _) = source {
            let found = tapeMember(key, tape, object)
            if found < 0 { return nil }
            if let flag = NodeReader.booleanValue(found, tape) { return flag }
            reportField(key, expected: "a boolean", found: .tape(found))
            return nil
        }
        if recorded(key, .boolean) { return nil }
        guard let node = node(key) else { return nil }
        switch shape(node) {
        case .bool(let flag): return flag
        case .string:
            switch text(node)?.lowercased() {
            case "true": return true
            case "false": return false
            default: break
            }
        case .number:
            switch text(node) {
            case "0": return false
            case "1": return true
            default: break
            }
        default: break
        }
        reportField(key, expected: "a boolean", found: node)
        return nil
    }

    func lineID(_ key: StaticString) -> LineID? {
        textField(key, expected: "a line id (string or integer)") { LineID($0) }
    }

    func timestamp(_ key: StaticString) -> Timestamp? {
        textField(key, expected: "a date-time string") { Timestamp($0) }
    }

    /// A field read as text (a string or a number) and made into a value by `make`; any other
    /// kind is an issue saying `expected`.
    private func textField<T>(_ key: StaticString, expected: String, _ make: (String) -> T) -> T? {
        if case .tape(let tape, let object, _) = source {
            let found = tapeMember(key, tape, object)
            if found < 0 { return nil }
            switch tape[found].kind {
            case .string, .number: return skim ? nil : make(tape.text(found))
            default:
                reportField(key, expected: expected, found: .tape(found))
                return nil
            }
        }
        if recorded(key, .textual) { return nil }
        guard let node = node(key) else { return nil }
        if isText(node) { return skim ? nil : text(node).map(make) }
        reportField(key, expected: expected, found: node)
        return nil
    }

    func object(_ key: StaticString) -> JSONObject? {
        if case .tape(let tape, let object, _) = source {
            let found = tapeMember(key, tape, object)
            if found < 0 { return nil }
            guard tape[found].kind == .object else {
                reportField(key, expected: "an object", found: .tape(found))
                return nil
            }
            return skim ? nil : tape.value(found).objectValue
        }
        if recorded(key, .object) { return nil }
        guard let node = node(key) else { return nil }
        guard case .object = shape(node) else {
            reportField(key, expected: "an object", found: node)
            return nil
        }
        return skim ? nil : materialized(node).objectValue
    }

    /// A nested object decoded by `build`, nil when missing, null or not an object.
    ///
    /// While skimming, the object is decoded only for its issues and comes back nil (the order
    /// is for the checks, which never read it; keeping it cost its storage and its freeing).
    func child<T>(_ key: StaticString, _ build: (NodeReader) -> T) -> T? {
        if !isTape, log.recording {
            recordNested(key, many: false) { _ = build($0) }
            return nil
        }
        guard let node = node(key) else { return nil }
        // Skimmed: the child is not kept, and its path is built only for an issue.
        let childPath = skim && isTape ? nil : path[staticKey: key]
        guard let reader = reader(node, lazyPath: childPath, schema: keptSchema(key)) else { return nil }
        // Built straight into the result (a value kept in a local was copied, then destroyed).
        if skim {
            _ = build(reader)
            return nil
        }
        return build(reader)
    }

    /// A reader of an object node; nil, with an issue at `path`, for any other node.
    func reader(_ node: Node, path: JSONPath) -> NodeReader? {
        reader(node, lazyPath: path, schema: nil)
    }

    /// Whether the reader reads a tape (where paths can be lazy).
    private var isTape: Bool {
        if case .tape = source { return true }
        return false
    }

    /// `reader(_:path:)`, where a nil `path` (tape readers only) leaves the reader's path lazy.
    private func reader(_ node: Node, lazyPath path: JSONPath?, schema: Unmanaged<FieldSchema>?)
        -> NodeReader?
    {
        switch (node, source) {
        case (.json(let value), _):
            guard case .object = value else { break }
            return NodeReader(json: value, path: path ?? .root, log: log)
        case (.tape(let index), .tape(let tape, _, let keepRaw)):
            guard tape[index].kind == .object else { break }
            return NodeReader(
                tape: tape, index: index, keepRaw: keepRaw, forChecks: forChecks, skim: skim, schema: schema,
                path: path, log: log)
        case (.tape, .json): break
        }
        log.report(self.path(of: node, known: path), "expected an object, found \(describe(node))")
        return nil
    }

    /// Calls `body` with each element of an array member and its path, null elements skipped
    /// (the path built where the reader left it lazy).
    func forEachElement(_ key: StaticString, _ body: (Node, JSONPath) -> Void) {
        forEachElement(key, reserve: { _ in }) { body($0, path(of: $0, known: $1)) }
    }

    /// Calls `body` with each element of an array member and its path, null elements skipped
    /// (without collecting them first: most arrays are read once, in order). The path is nil
    /// while skimming a tape (built only for an issue: `path(of:known:)`). `reserve` is told
    /// the count of elements first (tape arrays), so kept values are stored without regrowing.
    func forEachElement(
        _ key: StaticString, reserve: (Int) -> Void = { _ in }, _ body: (Node, JSONPath?) -> Void
    ) {
        if recordedOpaque() { return }
        guard let node = node(key) else { return }
        switch (node, source) {
        case (.json(.array(let array)), _):
            let base = path[staticKey: key]
            for (index, element) in array.enumerated() where !element.isNull {
                body(.json(element), base[index])
            }
        case (.tape(let array), .tape(let tape, _, _)) where tape[array].kind == .array:
            let end = tape[array].after
            if end == array + 1 { return }  // empty: no path made (`refunds: []`, most often)
            let base = skim ? nil : path[staticKey: key]
            if !skim {
                var count = 0
                var element = array + 1
                while element < end {
                    if tape[element].kind != .null { count += 1 }
                    element = tape[element].after
                }
                reserve(count)
            }
            var element = array + 1
            var index = 0
            while element < end {
                if tape[element].kind != .null { body(.tape(element), base?[index]) }
                element = tape[element].after
                index += 1
            }
        default:
            reportField(key, expected: "an array", found: node)
        }
    }

    /// An array of objects, each decoded by `build`; elements that are not objects are reported
    /// and skipped (the others keep their original index in their paths). Empty while skimming.
    func children<T>(_ key: StaticString, _ build: (NodeReader) -> T) -> [T] {
        if !isTape, log.recording {
            recordNested(key, many: true) { _ = build($0) }
            return []
        }
        let schema = keptSchema(key)
        var result: [T] = []
        // (The closures are not optional: an optional one escapes, and `result` would be boxed.)
        forEachElement(key, reserve: { result.reserveCapacity($0) }) { element, elementPath in
            guard let reader = reader(element, lazyPath: elementPath, schema: schema) else { return }
            // Skimming: decoded for its issues only, and not kept (see `child`).
            if skim {
                _ = build(reader)
            } else {
                result.append(build(reader))
            }
        }
        return result
    }

    func strings(_ key: StaticString) -> [String] {
        if recorded(key, .textElements) { return [] }
        var result: [String] = []
        forEachElement(key) { element, elementPath in
            if isText(element) {
                if !skim, let text = text(element) { result.append(text) }
            } else {
                log.report(
                    path(of: element, known: elementPath), "expected a string, found \(describe(element))")
            }
        }
        return result
    }

    func lineIDs(_ key: StaticString) -> [LineID] {
        if recorded(key, .textElements) { return [] }
        var result: [LineID] = []
        forEachElement(key) { element, elementPath in
            if isText(element) {
                if !skim, let text = text(element) { result.append(LineID(text)) }
            } else {
                log.report(
                    path(of: element, known: elementPath),
                    "expected a line id (string or integer), found \(describe(element))")
            }
        }
        return result
    }

    func openEnum<T: OpenEnumeration>(_ key: StaticString, as type: T.Type = T.self) -> T? {
        string(key).map { T(rawValue: $0) }
    }

    func links() -> [Link] { children("_links", Link.init(reader:)) }

    /// A short description of a value for issue messages: `"abc"`, `12`, `an object`.
    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let text): return text
        case .string(let text):
            let short = text.count > 40 ? String(text.prefix(40)) + "…" : text
            return JSONValue.quoted(short)
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
