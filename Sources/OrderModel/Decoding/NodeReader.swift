import JSONCore

/// Collects decode issues while one document is decoded (internal; never stored).
final class IssueLog {
    var issues: [DecodeIssue] = []

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
    let path: JSONPath
    let log: IssueLog
    private let source: Source
    /// Bit `n % 64` set when a member's key is `n` UTF-8 bytes long: most lookups are for
    /// fields the object does not have, and most of those end here without a scan.
    private let keyLengths: UInt64
    /// A tape object's members, by key signature (`Member`), in source order.
    private let members: [Member]
    /// A 128-bit Bloom filter of the members' signatures (one bit each): most lookups are for
    /// keys an object does not have, and most of those end here without a scan.
    private let signatureBits: (UInt64, UInt64)
    /// Decoding for the anomaly checks alone (`Order(tape:forChecks:)`): `skimming` readers
    /// then check the fields the checks never read without keeping them.
    private let forChecks: Bool
    /// Fields are checked for their type, so every issue is reported as always, but their
    /// values are not built: text fields, dates, line ids and objects come back nil (numbers
    /// and booleans are read, as whether they can be read depends on their text).
    private var skim: Bool

    /// One member of a tape object: its key's signature (length in the top byte, the first
    /// seven bytes below: the whole key for keys of up to seven bytes) and its key token.
    private struct Member {
        var signature: UInt64
        var key: Int
    }

    private enum Source {
        /// `json`'s members (none when it is not an object), taken out once: an order is read
        /// by some sixty lookups, and each one unwrapping the enum again cost retains and releases.
        case json(JSONValue, JSONObject)
        /// The object token at `index`; `keepRaw` builds each node's `raw` from the tape (for
        /// tests; the whole-order work leaves `raw` null, as nothing there reads it).
        case tape(JSONTape, index: Int, keepRaw: Bool)
    }

    /// One value met while decoding: a member or an array element.
    enum Node {
        case json(JSONValue)
        case tape(Int)
    }

    init(json: JSONValue, path: JSONPath, log: IssueLog) {
        self.path = path
        self.log = log
        let object = json.objectValue ?? JSONObject()
        var lengths: UInt64 = 0
        for key in object.keys { lengths |= 1 << UInt64(key.utf8.count & 63) }
        self.source = .json(json, object)
        self.keyLengths = lengths
        self.members = []
        self.signatureBits = (~0, ~0)
        self.forChecks = false
        self.skim = false
    }

    /// A reader of the object token at `index` of `tape`.
    init(
        tape: JSONTape, index: Int, keepRaw: Bool, forChecks: Bool = false, skim: Bool = false,
        path: JSONPath, log: IssueLog
    ) {
        self.path = path
        self.log = log
        self.source = .tape(tape, index: index, keepRaw: keepRaw)
        self.forChecks = forChecks
        self.skim = skim
        var lengths: UInt64 = 0
        var bits: (UInt64, UInt64) = (0, 0)
        var members: [Member] = []
        members.reserveCapacity(16)
        let container = tape[index]
        if container.kind == .object {
            var member = index + 1
            while member < container.after {
                let key = tape[member]
                let signature: UInt64
                if key.escaped {
                    var text = tape.text(member)
                    signature = text.withUTF8 { NodeReader.signature($0) }
                } else {
                    signature = NodeReader.signature(
                        tape.content(member).assumingMemoryBound(to: UInt8.self))
                }
                lengths |= 1 << ((signature >> 56) & 63)
                let bit = NodeReader.bloomBit(signature)
                if bit < 64 { bits.0 |= 1 << bit } else { bits.1 |= 1 << (bit - 64) }
                members.append(Member(signature: signature, key: member))
                member = tape[member + 1].after
            }
        }
        self.keyLengths = lengths
        self.members = members
        self.signatureBits = bits
    }

    /// A signature's bit in `signatureBits` (0–127).
    private static func bloomBit(_ signature: UInt64) -> UInt64 {
        (signature &* 0x9E37_79B9_7F4A_7C15) >> 57
    }

    /// The same object read with `skim` (for checks only; otherwise itself).
    var skimming: NodeReader {
        guard forChecks, !skim else { return self }
        var skimming = self  // shares the member table: no second scan
        skimming.skim = true
        return skimming
    }

    /// A key's signature: its length (capped at 255) in the top byte, its first seven bytes below.
    private static func signature(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var signature = UInt64(min(key.count, 255)) << 56
        var at = 0
        while at < min(key.count, 7) {
            signature |= UInt64(key[at]) << (8 * UInt64(at))
            at += 1
        }
        return signature
    }

    /// The object as JSON: itself, or built from the tape when kept (else null).
    var json: JSONValue {
        switch source {
        case .json(let json, _): return json
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
    func node(_ key: String) -> Node? {
        guard keyLengths & (1 << UInt64(key.utf8.count & 63)) != 0 else { return nil }
        switch source {
        case .json(_, let object):
            guard let value = object.value(plainKey: key), !value.isNull else { return nil }
            return .json(value)
        case .tape(let tape, _, _):
            let found =
                key.utf8.withContiguousStorageIfAvailable { key in member(key, in: tape) }
                ?? Array(key.utf8).withUnsafeBufferPointer { member($0, in: tape) }
            guard found >= 0, tape[found].kind != .null else { return nil }
            return .tape(found)
        }
    }

    /// The value token of the last member named `key`, or -1: members are compared by
    /// signature, from the last (a repeated key's last value counts, as in `JSONObject`), and
    /// bytes are compared only for keys longer than a signature holds.
    private func member(_ key: UnsafeBufferPointer<UInt8>, in tape: JSONTape) -> Int {
        let signature = NodeReader.signature(key)
        let bit = NodeReader.bloomBit(signature)
        let word = bit < 64 ? signatureBits.0 : signatureBits.1
        guard word & (1 << (bit & 63)) != 0 else { return -1 }
        var at = members.count - 1
        while at >= 0 {
            let member = members[at]
            at -= 1
            guard member.signature == signature else { continue }
            if key.count <= 7 { return member.key + 1 }
            if tape[member.key].escaped {
                if tape.text(member.key).utf8.elementsEqual(key) { return member.key + 1 }
                continue
            }
            // Same length and first seven bytes: compare the rest.
            let name = tape.content(member.key)
            guard name.count == key.count else { continue }
            var offset = 7
            while offset < key.count, name[offset] == key[offset] { offset += 1 }
            if offset == key.count { return member.key + 1 }
        }
        return -1
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

    func string(_ key: String) -> String? {
        guard let node = node(key) else { return nil }
        switch shape(node) {
        case .string, .number: return skim ? nil : text(node)
        case .bool(let flag): return skim ? nil : flag ? "true" : "false"
        default:
            log.report(path[key], "expected a string, found \(describe(node))")
            return nil
        }
    }

    func int(_ key: String) -> Int64? {
        guard let node = node(key) else { return nil }
        let number: Int64?
        switch node {
        case .json(let value): number = value.int64Value
        case .tape(let index):
            if case .tape(let tape, _, _) = source { number = tape.int64(index) } else { number = nil }
        }
        if let number { return number }
        log.report(path[key], "expected an integer, found \(describe(node))")
        return nil
    }

    func double(_ key: String) -> Double? {
        guard let node = node(key) else { return nil }
        if let text = text(node), let number = Double(text.trimmingSpaces) { return number }
        log.report(path[key], "expected a number, found \(describe(node))")
        return nil
    }

    /// The literal text of a number (or numeric string), as written.
    func numberText(_ key: String) -> String? {
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

    func bool(_ key: String) -> Bool? {
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
        log.report(path[key], "expected a boolean, found \(describe(node))")
        return nil
    }

    func lineID(_ key: String) -> LineID? {
        guard let node = node(key) else { return nil }
        if isText(node) { return skim ? nil : text(node).map { LineID($0) } }
        log.report(path[key], "expected a line id (string or integer), found \(describe(node))")
        return nil
    }

    func timestamp(_ key: String) -> Timestamp? {
        guard let node = node(key) else { return nil }
        if isText(node) { return skim ? nil : text(node).map { Timestamp($0) } }
        log.report(path[key], "expected a date-time string, found \(describe(node))")
        return nil
    }

    func object(_ key: String) -> JSONObject? {
        guard let node = node(key) else { return nil }
        guard case .object = shape(node) else {
            log.report(path[key], "expected an object, found \(describe(node))")
            return nil
        }
        return skim ? nil : materialized(node).objectValue
    }

    /// A nested object decoded by `build`, nil when missing, null or not an object.
    func child<T>(_ key: String, _ build: (NodeReader) -> T) -> T? {
        guard let node = node(key) else { return nil }
        guard let reader = reader(node, path: path[key]) else { return nil }
        return build(reader)
    }

    /// A reader of an object node; nil, with an issue at `path`, for any other node.
    func reader(_ node: Node, path: JSONPath) -> NodeReader? {
        switch (node, source) {
        case (.json(let value), _):
            guard case .object = value else { break }
            return NodeReader(json: value, path: path, log: log)
        case (.tape(let index), .tape(let tape, _, let keepRaw)):
            guard tape[index].kind == .object else { break }
            return NodeReader(
                tape: tape, index: index, keepRaw: keepRaw, forChecks: forChecks, skim: skim, path: path,
                log: log)
        case (.tape, .json): break
        }
        log.report(path, "expected an object, found \(describe(node))")
        return nil
    }

    /// The elements of an array member, with their paths; null elements are skipped.
    func elements(_ key: String) -> [(node: Node, path: JSONPath)] {
        guard let node = node(key) else { return [] }
        let base = path[key]
        var result: [(node: Node, path: JSONPath)] = []
        switch (node, source) {
        case (.json(.array(let array)), _):
            result.reserveCapacity(array.count)
            for (index, element) in array.enumerated() where !element.isNull {
                result.append((.json(element), base[index]))
            }
            return result
        case (.tape(let array), .tape(let tape, _, _)) where tape[array].kind == .array:
            var element = array + 1
            var index = 0
            while element < tape[array].after {
                if tape[element].kind != .null { result.append((.tape(element), base[index])) }
                element = tape[element].after
                index += 1
            }
            return result
        default:
            log.report(base, "expected an array, found \(describe(node))")
            return []
        }
    }

    /// An array of objects, each decoded by `build`; elements that are not objects are reported
    /// and skipped (the others keep their original index in their paths).
    func children<T>(_ key: String, _ build: (NodeReader) -> T) -> [T] {
        var result: [T] = []
        for (element, elementPath) in elements(key) {
            guard let reader = reader(element, path: elementPath) else { continue }
            result.append(build(reader))
        }
        return result
    }

    func strings(_ key: String) -> [String] {
        var result: [String] = []
        for (element, elementPath) in elements(key) {
            if isText(element) {
                if !skim, let text = text(element) { result.append(text) }
            } else {
                log.report(elementPath, "expected a string, found \(describe(element))")
            }
        }
        return result
    }

    func lineIDs(_ key: String) -> [LineID] {
        var result: [LineID] = []
        for (element, elementPath) in elements(key) {
            if isText(element) {
                if !skim, let text = text(element) { result.append(LineID(text)) }
            } else {
                log.report(elementPath, "expected a line id (string or integer), found \(describe(element))")
            }
        }
        return result
    }

    func openEnum<T: OpenEnumeration>(_ key: String, as type: T.Type = T.self) -> T? {
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
