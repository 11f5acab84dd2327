import CScan
import JSONCore
import OrderModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One order found in a dump: where its bytes are and where its list columns are inside them.
package struct ScannedOrder {
    package var start: Int
    package var end: Int
    package var candidate: OrderCandidate
    /// For an order found by a `boundariesOnly` scan: the list it is in (the scanner's context)
    /// and how many containers were open around it; `depth` is -1 for the full scan's orders.
    var list: UInt8 = 0
    var depth = -1

    /// For an order a `boundariesOnly` scan found whose bytes do not parse: true when the full
    /// scan, in the same place, takes the same bytes as one order too (the damage is inside a
    /// container both skip, a bad escape or a stray byte), false when it would have stopped
    /// inside it or taken it otherwise (then only a full scan tells what happened).
    package func fullScanAgrees(in bytes: UnsafeRawBufferPointer) -> Bool {
        guard depth >= 0, end <= bytes.count,
            let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
        else { return depth < 0 }
        // The input ends where the order does: the full scan reads it and no further.
        var trial = DumpScanner(base: base, count: end)
        let around = depth == 0 ? [] : Array(repeating: list, count: depth)
        _ = try? trial.scanValue(from: start, resume: around)
        return trial.foundCount == 1 && trial.orders.first.map { $0.start == start && $0.end == end } == true
            && trial.skippedCount == 0
    }
}

/// Why a scan stopped: where, what was wrong, and which order (if any) was being read.
struct ScanFailure: Error {
    var offset: Int
    var reason: String
    /// The input ended before the value was complete (a truncated file).
    var atEnd: Bool
    /// The first byte of the order that was being read when the scan stopped.
    var candidateStart: Int?
    /// The scanner's containers from the outside in, up to the innermost list of orders (a
    /// top-level array or an `orders` page) the failure is inside; empty when it is in none.
    /// Reading can resume at a later element of that list (`scanValue(from:resume:)`).
    var listStack: [UInt8] = []
    /// The scan was stopped on request (`DumpScanner.shouldStop`): nothing is wrong.
    var stopped = false
}

/// The byte scanner behind `DumpSource`: walks JSON text once, checking its structure (strings,
/// escapes, numbers, literals, brackets, commas and colons) without building values, finds the
/// byte range of every order, and reads only the keys the order list needs.
///
/// Orders are the top-level objects, the elements of a top-level array, and the elements of an
/// `orders` array in a top-level object (an API list page); an `items`/`data` array counts as a
/// page only when its object has no order fields of its own. Objects nested inside an order are
/// never orders, however order-like they look.
struct DumpScanner {
    /// The stack inside a top-level array, to resume reading its elements when its `[` is damaged.
    static let insideTopArray: [UInt8] = [topArray]

    // Container contexts: what the scanner is inside of. Arrays have the high bit set.
    private static let top: UInt8 = 0
    private static let orderRootPageable: UInt8 = 1
    private static let orderRoot: UInt8 = 2
    private static let customer: UInt8 = 3
    private static let company: UInt8 = 4
    private static let store: UInt8 = 5
    private static let firstItem: UInt8 = 6
    private static let itemStore: UInt8 = 7
    private static let plainObject: UInt8 = 8
    private static let skipObject: UInt8 = 9
    private static let pageRoot: UInt8 = 10
    /// An element of `authorizations` … `cancellations`: 11 + the `OperationKind` index.
    private static let operation: UInt8 = 11
    private static let operationDetails: UInt8 = 15
    private static let attachment: UInt8 = 16
    private static let topArray: UInt8 = 0x81
    private static let pageArray: UInt8 = 0x82
    private static let strongPageArray: UInt8 = 0x83
    private static let itemsArray: UInt8 = 0x84
    private static let itemsArraySeen: UInt8 = 0x85
    private static let plainArray: UInt8 = 0x86
    private static let skipArray: UInt8 = 0x87
    /// `authorizations` … `cancellations`: 0x88 + the `OperationKind` index.
    private static let operationArray: UInt8 = 0x88
    private static let attachmentsArray: UInt8 = 0x8C

    // Keys the scanner acts on.
    private static let kID: UInt8 = 1
    private static let kOrderID: UInt8 = 2
    private static let kOrderNumber: UInt8 = 3
    private static let kCreatedAt: UInt8 = 4
    private static let kStatus: UInt8 = 5
    private static let kPaymentStatus: UInt8 = 6
    private static let kGrossAmount: UInt8 = 7
    private static let kCurrency: UInt8 = 8
    private static let kStore: UInt8 = 9
    private static let kCustomer: UInt8 = 10
    private static let kAttachments: UInt8 = 11
    private static let kItems: UInt8 = 12
    private static let kOrders: UInt8 = 13
    private static let kData: UInt8 = 14
    /// A key that marks another kind of Dintero object (`OrderCandidate.isOrder`).
    private static let kForeign: UInt8 = 15
    private static let kAmount: UInt8 = 16
    private static let kOrderType: UInt8 = 17
    private static let kCustomerType: UInt8 = 27
    /// `authorizations` … `cancellations`: 50 + the `OperationKind` index.
    private static let kOperations: UInt8 = 50
    private static let kOperationAmount: UInt8 = 54
    private static let kSuccess: UInt8 = 55
    private static let kPaymentDetails: UInt8 = 56
    private static let kPSP: UInt8 = 57
    private static let kPaymentProduct: UInt8 = 58
    private static let kPaymentProductType: UInt8 = 59
    /// `bus_reservation` … `tram_reservation`: 60 + the `ReservationKind` index.
    private static let kReservation: UInt8 = 60
    private static let kFirstName: UInt8 = 20
    private static let kLastName: UInt8 = 21
    private static let kEmail: UInt8 = 22
    private static let kPhone: UInt8 = 23
    private static let kCompany: UInt8 = 24
    private static let kBussinessName: UInt8 = 25
    private static let kBusinessName: UInt8 = 26
    private static let kStoreID: UInt8 = 30
    private static let kItemStore: UInt8 = 31
    private static let kItemStoreID: UInt8 = 32
    private static let kMaskedPAN: UInt8 = 40
    private static let kBookingID: UInt8 = 41

    static let maxDepth = JSONParser.defaultMaxDepth
    /// The largest order taken (`ORDERSCOPE_MAX_ORDER`, bytes or with K/M/G; default 256 MiB).
    static let maxOrderBytes: Int = {
        guard let raw = getenv("ORDERSCOPE_MAX_ORDER"),
            let value = StreamGuard.parseSize(String(cString: raw))
        else {
            return 256 << 20
        }
        return value
    }()

    let base: UnsafePointer<UInt8>
    let count: Int

    /// Orders found and not yet handed to `onBatch`, in file order.
    private(set) var orders: [ScannedOrder] = []
    /// Every order found so far (including those handed over).
    private(set) var foundCount = 0
    /// Receives found orders in batches as the scan goes, so a caller can publish them before
    /// the scan ends; without it they stay in `orders`.
    var onBatch: (([ScannedOrder]) -> Void)?
    static let batchSize = 256
    /// Finds only where each order begins and ends (`boundariesOfOrder`): the orders' candidates
    /// hold their own members alone, enough for the id, and every problem is the full scan's,
    /// for orders whose bytes parse.
    var boundariesOnly = false
    /// Asked after each batch handed over in `boundariesOnly` mode: true stops the scan.
    var shouldStop: (() -> Bool)?
    /// Where a second scanner took over (see `scanValue(insideTopArray:)`); -1 for none.
    var stopAt = -1
    /// True when the scan stopped at `stopAt`.
    var reachedStop = false
    /// Values where an order was expected but something else was found (first few only).
    private(set) var skipped: [(offset: Int, kind: ValueKind, topLevel: Bool)] = []
    private(set) var skippedCount = 0
    /// Pages (`{"orders": [...]}`) seen.
    private(set) var pageCount = 0

    private var stack: [UInt8] = []
    private var candidate = OrderCandidate()
    private var candidateStart = -1
    private var candidateNeedsStrong = false

    init(base: UnsafePointer<UInt8>, count: Int) {
        self.base = base
        self.count = count
        stack.reserveCapacity(64)
    }

    // MARK: - The scan

    /// Scans one complete JSON value starting at `start` (whitespace before it allowed) and
    /// returns the offset just after it, appending every order inside it to `orders`.
    /// `arrayContext` makes the value's outer array a page (used to re-read `items`/`data`).
    /// `insideTopArray` starts as if just after a `,` between the elements of a top-level array
    /// (the second half of a split scan) and returns the offset after that array's `]`; `resume`
    /// does the same inside the list a failure gave (`ScanFailure.listStack`), to salvage the
    /// orders after a damaged one.
    /// (the second half of a split scan) and returns the offset after that array's `]`.
    mutating func scanValue(
        from start: Int, arrayContext: UInt8 = 0, insideTopArray: Bool = false, resume: [UInt8] = []
    ) throws(ScanFailure) -> Int {
        let p = base
        let n = count
        var i = start
        var expect: UInt8 = 0  // 0 value, 1 value or ']', 2 key or '}', 3 key, 4 ':', 5 ',' or close
        var key: UInt8 = 0
        var current: UInt8 = Self.top  // context of the innermost open container
        stack.removeAll(keepingCapacity: true)
        candidateStart = -1
        if insideTopArray {
            stack.append(Self.topArray)
            current = Self.topArray
        }
        if let innermost = resume.last {
            stack.append(contentsOf: resume)
            current = innermost
        }

        while true {
            // Whitespace.
            var c: UInt8 = 0
            while true {
                guard i < n else { throw endFailure(i, current) }
                c = p[i]
                if c > 0x20 { break }
                if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 {
                    i += 1
                    // Indentation in pretty-printed dumps: skip eight spaces at a time.
                    while i &+ 8 <= n,
                        UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self) == 0x2020_2020_2020_2020
                    {
                        i &+= 8
                    }
                    continue
                }
                throw failure(i, "unexpected control character \(TextLocator.describe(c))")
            }

            switch expect {
            case 0, 1:
                if i == stopAt, expect == 0, current == Self.topArray, stack.count == 1 {
                    // The split point of a two-part scan, reached in the state the other part
                    // assumed there: the rest is its work.
                    reachedStop = true
                    return i
                }
                if c == UInt8(ascii: "]"), expect == 1 {
                    i += 1
                    try close(&current, end: i)
                    if stack.isEmpty { return i }
                    expect = 5
                    continue
                }
                switch c {
                case UInt8(ascii: "\""):
                    let s = i + 1
                    i = try skipString(s)
                    if key != 0 {
                        capture(key, start: s, end: i - 1)
                    } else if current == Self.top || current == Self.topArray || current == Self.pageArray
                        || current == Self.strongPageArray
                    {
                        noteSkipped(s - 1, .string, topLevel: current == Self.top)
                    }
                case UInt8(ascii: "{"):
                    guard stack.count < Self.maxDepth else {
                        throw failure(i, "nesting deeper than \(Self.maxDepth) levels")
                    }
                    let child = objectContext(parent: current, key: key, at: i)
                    if current == Self.itemsArray { stack[stack.count - 1] = Self.itemsArraySeen }
                    if boundariesOnly, child == Self.orderRoot || child == Self.orderRootPageable,
                        let end = boundariesOfOrder(at: i, pageable: child == Self.orderRootPageable)
                    {
                        try stopIfAsked()
                        i = end
                        if stack.isEmpty { return i }
                        expect = 5
                        continue
                    }
                    if child == Self.plainObject || child == Self.skipObject {
                        i = try skipContainer(i, depth: stack.count)
                        if stack.isEmpty { return i }
                        expect = 5
                        continue
                    }
                    stack.append(child)
                    current = child
                    i += 1
                    expect = 2
                    continue
                case UInt8(ascii: "["):
                    guard stack.count < Self.maxDepth else {
                        throw failure(i, "nesting deeper than \(Self.maxDepth) levels")
                    }
                    let child =
                        (current == Self.top && arrayContext != 0)
                        ? arrayContext : arrayContextFor(parent: current, key: key, at: i)
                    if child == Self.plainArray || child == Self.skipArray {
                        i = try skipContainer(i, depth: stack.count)
                        key = 0
                        if stack.isEmpty { return i }
                        expect = 5
                        continue
                    }
                    stack.append(child)
                    current = child
                    key = 0
                    i += 1
                    expect = 1
                    continue
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    let s = i
                    i = try skipNumber(i)
                    if key != 0 {
                        capture(key, start: s, end: i)
                    } else if current == Self.top || current == Self.topArray || current == Self.pageArray
                        || current == Self.strongPageArray
                    {
                        noteSkipped(s, .number, topLevel: current == Self.top)
                    }
                case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                    let s = i
                    i = try skipLiteral(i, current)
                    if key == Self.kSuccess { candidate.operationFailed = c == UInt8(ascii: "f") }
                    if current == Self.top || current == Self.topArray || current == Self.pageArray
                        || current == Self.strongPageArray
                    {
                        noteSkipped(s, c == UInt8(ascii: "n") ? .null : .bool, topLevel: current == Self.top)
                    }
                default:
                    throw failure(i, "expected a JSON value but found \(TextLocator.describe(c))")
                }
                if stack.isEmpty { return i }
                expect = 5

            case 2, 3:
                if c == UInt8(ascii: "}"), expect == 2 {
                    i += 1
                    try close(&current, end: i)
                    if stack.isEmpty { return i }
                    expect = 5
                    continue
                }
                guard c == UInt8(ascii: "\"") else {
                    throw failure(i, "expected a quoted key but found \(TextLocator.describe(c))")
                }
                let s = i + 1
                i = try skipString(s)
                key = keyID(current, start: s, length: i - 1 - s)
                expect = 4

            case 4:
                guard c == UInt8(ascii: ":") else {
                    throw failure(i, "expected ':' after a key but found \(TextLocator.describe(c))")
                }
                i += 1
                expect = 0

            default:
                if current >= 0x80 {
                    if c == UInt8(ascii: ",") {
                        i += 1
                        key = 0
                        expect = 0
                    } else if c == UInt8(ascii: "]") {
                        i += 1
                        try close(&current, end: i)
                        if stack.isEmpty { return i }
                    } else {
                        throw failure(
                            i, "expected ',' or ']' in an array but found \(TextLocator.describe(c))")
                    }
                } else {
                    if c == UInt8(ascii: ",") {
                        i += 1
                        expect = 3
                    } else if c == UInt8(ascii: "}") {
                        i += 1
                        try close(&current, end: i)
                        if stack.isEmpty { return i }
                    } else {
                        throw failure(
                            i, "expected ',' or '}' in an object but found \(TextLocator.describe(c))")
                    }
                }
            }
        }
    }

    // MARK: - Fast skip

    /// Byte classes for `skipContainer`: 1 quote, 2 open bracket, 3 close bracket, 0 anything else.
    private static let structural: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 256)
        table[Int(UInt8(ascii: "\""))] = 1
        table[Int(UInt8(ascii: "{"))] = 2
        table[Int(UInt8(ascii: "["))] = 2
        table[Int(UInt8(ascii: "}"))] = 3
        table[Int(UInt8(ascii: "]"))] = 3
        return table
    }()

    /// Skips a container nested inside an order whose contents the list never shows (items,
    /// addresses, events...), from its opening bracket to just after its close, looking only at
    /// strings and brackets: the one pass that has to touch every byte of a big dump stays cheap.
    /// Its inside is checked by the parser when the order is opened, which reports any problem
    /// with its line and column. Masked card numbers and booking ids are still picked up for
    /// search, and nesting is still bounded.
    ///
    /// The work is done 64 bytes at a time by `cscan_skip_container` (Sources/CScan): bitmasks of
    /// quotes, backslashes and brackets, escaped quotes removed, strings found with a prefix XOR,
    /// brackets outside strings counted. It hands back the ten-byte strings that read
    /// `masked_pan` or `booking_id`; the key check and the capture stay here. Results, offsets
    /// and messages are those of the byte-by-byte pass (`skipContainerBytewise`), which takes
    /// over for a container with a backslash outside any string (never valid JSON), where the
    /// two could tell strings apart differently.
    private mutating func skipContainer(_ open: Int, depth baseDepth: Int) throws(ScanFailure) -> Int {
        var state = cscan_state()
        state.pos = Int64(open + 1)
        state.depth = 1
        state.limit = Int64(Self.maxDepth - baseDepth)
        var capturedUpTo = 0  // a string value already taken is not a key
        return try withUnsafeTemporaryAllocation(of: Int64.self, capacity: 16) {
            (hits) throws(ScanFailure) -> Int in
            // A 16-slot allocation always has an address; without one, the byte loop does the same.
            guard let hitBase = hits.baseAddress else {
                return try skipContainerBytewise(open, depth: baseDepth)
            }
            while true {
                var found: Int64 = 0
                let status = Int(
                    cscan_skip_container(
                        base, Int64(count), &state, hitBase, Int64(hits.count), &found))
                if status == CSCAN_STRAY_BACKSLASH {
                    return try skipContainerBytewise(open, depth: baseDepth)
                }
                for h in 0..<Int(found) {
                    let keyStart = Int(hitBase[h])
                    guard keyStart >= capturedUpTo else { continue }
                    var after = keyStart + 11
                    try captureNested(keyStart: keyStart, after: &after)
                    if after != keyStart + 11 { capturedUpTo = after }
                }
                switch status {
                case CSCAN_DONE:
                    return Int(state.pos)
                case CSCAN_MORE:
                    continue
                case CSCAN_TOO_DEEP:
                    throw failure(Int(state.pos), "nesting deeper than \(Self.maxDepth) levels")
                case CSCAN_END_IN_STRING:
                    throw ScanFailure(
                        offset: count, reason: "the input ends inside a string", atEnd: true,
                        candidateStart: candidateStart >= 0 ? candidateStart : nil,
                        listStack: currentListStack())
                default:
                    throw endFailure(count, Self.plainObject)
                }
            }
        }
    }

    /// The byte-by-byte form of `skipContainer` (eight bytes at a time between strings and
    /// brackets), for containers with a backslash outside any string.
    private mutating func skipContainerBytewise(_ open: Int, depth baseDepth: Int) throws(ScanFailure) -> Int
    {
        let p = base
        let n = count
        var depth = 1
        var i = open + 1
        try Self.structural.withUnsafeBufferPointer { (table) throws(ScanFailure) in
            while true {
                // Runs of plain bytes (numbers, punctuation, whitespace) eight at a time.
                while i &+ 8 <= n {
                    let word = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                    let hits = Self.bytesEqual(word, Self.quotes) | Self.maybeBrackets(word)
                    if hits != 0 {
                        i &+= hits.trailingZeroBitCount &>> 3
                        break
                    }
                    i &+= 8
                }
                while i < n, table[Int(p[i])] == 0 { i &+= 1 }
                guard i < n else { throw endFailure(n, Self.plainObject) }
                let kind = table[Int(p[i])]
                if kind == 1 {
                    let s = i + 1
                    i = try skipString(s)
                    if i - 1 - s == 10 { try captureNested(keyStart: s, after: &i) }
                    continue
                }
                if kind == 2 {
                    depth += 1
                    if baseDepth + depth > Self.maxDepth {
                        throw failure(i, "nesting deeper than \(Self.maxDepth) levels")
                    }
                } else {
                    depth -= 1
                    if depth == 0 {
                        i += 1
                        return
                    }
                }
                i += 1
            }
        }
        return i
    }

    /// For tests: skips the container whose opening bracket is at `open`, with the block pass or
    /// byte by byte.
    mutating func skipContainerForTesting(_ open: Int, depth: Int, bytewise: Bool) throws(ScanFailure) -> Int
    {
        bytewise ? try skipContainerBytewise(open, depth: depth) : try skipContainer(open, depth: depth)
    }

    /// The number of spaces and tabs before `offset` when only they stand between it and the
    /// start of its line; nil when other bytes do.
    private func lineIndent(_ offset: Int) -> Int? {
        var k = offset - 1
        while k >= 0, base[k] == 0x20 || base[k] == 0x09 { k -= 1 }
        guard k < 0 || base[k] == 0x0A || base[k] == 0x0D else { return nil }
        return offset - 1 - k
    }

    // MARK: - Boundaries only

    /// Takes the object at `open` (a possible order, its candidate begun) as an order the quick
    /// way when the full scan would take it with the same bounds, or says nil (nothing changed
    /// but the candidate, which the full scan begins again) so the full scan reads it.
    ///
    /// Only the order's own members are read, with the full scan's grammar and `contextKey`
    /// (what makes an object an order, a page or something else is all there, and so are the
    /// `id` and `order_id` a problem names the order by); every container inside it is skipped
    /// by `cscan_skip_container` alone, with no capture. Anything the full scan would do
    /// otherwise than take the object as one order (a page, a fallback `items`/`data` page, a
    /// non-order, an oversized or swallowing order, any failure at all) goes back to it. What
    /// the skip cannot see is a grammar error inside a container the full scan walks
    /// (`customer`, `store`, the first item, operations, attachments): such an order's bytes do
    /// not parse, so the caller that decodes them (`DumpSource.streamOrders`) knows.
    private mutating func boundariesOfOrder(at open: Int, pageable: Bool) -> Int? {
        let context = pageable ? Self.orderRootPageable : Self.orderRoot
        let p = base
        var i = open + 1
        // The order root is on the full scan's stack while its members are read.
        let depth = stack.count + 1
        var first = true
        var closed: Int?
        do throws(ScanFailure) {
            members: while true {
                guard let keyQuote = nextByte(&i) else { break members }
                if first, p[keyQuote] == UInt8(ascii: "}") {
                    closed = keyQuote + 1
                    break members
                }
                first = false
                guard p[keyQuote] == UInt8(ascii: "\"") else { break members }
                let keyStart = keyQuote + 1
                i = try skipString(keyStart)
                let key = contextKey(context, start: keyStart, length: i - 1 - keyStart)
                if key == Self.kOrders, pageable { break members }  // a list page
                guard let colon = nextByte(&i), p[colon] == UInt8(ascii: ":") else { break members }
                i = colon + 1
                guard let value = nextByte(&i) else { break members }
                let c = p[value]
                switch c {
                case UInt8(ascii: "\""):
                    i = try skipString(value + 1)
                    if key != 0 { capture(key, start: value + 1, end: i - 1) }
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    guard depth < Self.maxDepth, let end = skipQuietly(value, depth: depth) else {
                        break members
                    }
                    if pageable, c == UInt8(ascii: "[") {
                        // Kept for the page test of `finishCandidate`, which the full scan makes.
                        if key == Self.kItems || (key == Self.kData && candidate.fallbackArray < 0) {
                            candidate.fallbackArray = value
                        }
                    }
                    i = end
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    i = try skipNumber(value)
                    if key != 0 { capture(key, start: value, end: i) }
                case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                    i = try skipLiteral(value, context)
                default:
                    break members
                }
                guard let next = nextByte(&i) else { break members }
                if p[next] == UInt8(ascii: ",") {
                    i = next + 1
                    continue
                }
                if p[next] == UInt8(ascii: "}") { closed = next + 1 }
                break members
            }
        } catch {}
        if let closed, let end = acceptBoundaries(open, end: closed, pageable: pageable) { return end }
        candidate = OrderCandidate()  // the full scan begins it again
        return nil
    }

    /// The first byte from `i` on that is not JSON white space (`i` is left there); nil at the
    /// end of the input or at a control character (both failures the full scan reports).
    @inline(__always)
    private func nextByte(_ i: inout Int) -> Int? {
        while i < count {
            let c = base[i]
            if c > 0x20 { return i }
            guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return nil }
            i += 1
        }
        return nil
    }

    /// The end of the object `boundariesOfOrder` read, when the full scan would take it as one
    /// order there (`finishCandidate`'s tests in its order); nil otherwise.
    private mutating func acceptBoundaries(_ start: Int, end: Int, pageable: Bool) -> Int? {
        if pageable, !candidate.identifying, candidate.fallbackArray >= 0 { return nil }
        guard candidate.isOrder, !candidateNeedsStrong || candidate.strong, end - start <= Self.maxOrderBytes,
            swallowedElement(start: start, end: end) == nil
        else { return nil }
        candidateStart = -1
        lastOrderStart = start
        let list =
            pageable
            ? (stack.isEmpty ? Self.top : Self.topArray)
            : (candidateNeedsStrong ? Self.strongPageArray : Self.pageArray)
        orders.append(
            ScannedOrder(start: start, end: end, candidate: candidate, list: list, depth: stack.count))
        foundCount += 1
        return end
    }

    /// Skips the container at `open` as `skipContainer` does, without its captures; nil when
    /// the block pass does not simply close it (the full scan then says what is wrong).
    private func skipQuietly(_ open: Int, depth baseDepth: Int) -> Int? {
        var state = cscan_state()
        state.pos = Int64(open + 1)
        state.depth = 1
        state.limit = Int64(Self.maxDepth - baseDepth)
        return withUnsafeTemporaryAllocation(of: Int64.self, capacity: 16) { hits -> Int? in
            guard let hitBase = hits.baseAddress else { return nil }
            while true {
                var found: Int64 = 0
                let status = Int(cscan_skip_container(base, Int64(count), &state, hitBase, 16, &found))
                if status == CSCAN_MORE { continue }
                return status == CSCAN_DONE ? Int(state.pos) : nil
            }
        }
    }

    /// Hands the orders held so far on when a batch is full, and stops the scan (a failure
    /// marked `stopped`) once `shouldStop` says so.
    @inline(__always)
    private mutating func stopIfAsked() throws(ScanFailure) {
        guard orders.count >= Self.batchSize else { return }
        flushIfNeeded()
        if let shouldStop, shouldStop() {
            throw ScanFailure(offset: count, reason: "stopped", atEnd: true, stopped: true)
        }
    }

    /// Where the last order taken began (nil before the first): the layout of a list's elements.
    private(set) var lastOrderStart: Int?

    /// The id of the order a failure happened in, when it was read before the damage (for
    /// messages; cut to 80 characters).
    func damagedOrderID(_ failure: ScanFailure) -> String? {
        guard failure.candidateStart != nil, candidate.id.isPresent else { return nil }
        let text = JSONStringDecoder.decode(base, start: candidate.id.start, end: candidate.id.end)
        return text.isEmpty ? nil : String(text.prefix(80))
    }

    /// For tests: the values captured so far for the object being read.
    var testCandidate: OrderCandidate { candidate }

    /// After a ten-byte string inside a skipped container: if it is the key `masked_pan` or
    /// `booking_id` with a string value, keeps the value and moves past it.
    private mutating func captureNested(keyStart: Int, after i: inout Int) throws(ScanFailure) {
        let found = searchKey(keyStart)
        guard found != 0 else { return }
        var j = i
        while j < count, base[j] == 0x20 || base[j] == 0x0A || base[j] == 0x0D || base[j] == 0x09 { j += 1 }
        guard j < count, base[j] == UInt8(ascii: ":") else { return }
        j += 1
        while j < count, base[j] == 0x20 || base[j] == 0x0A || base[j] == 0x0D || base[j] == 0x09 { j += 1 }
        guard j < count, base[j] == UInt8(ascii: "\"") else { return }
        let valueStart = j + 1
        let valueEnd = try skipString(valueStart)
        capture(found, start: valueStart, end: valueEnd - 1)
        i = valueEnd
    }

    // MARK: - Tokens

    /// Skips a string body starting just after its opening quote; returns the offset after the
    /// closing quote. Eight bytes at a time: a word is looked at byte by byte only when it holds
    /// a quote or a backslash (an escape skips the byte after it).
    ///
    /// `mutating` though it changes nothing: it then gets the scanner by address. As a plain
    /// method inlined into the mutating scan, the optimizer copied the whole scanner (617 bytes)
    /// before every string, about a fifth of the scan's time (`perf`, issue 19).
    @inline(__always)
    private mutating func skipString(_ start: Int) throws(ScanFailure) -> Int {
        let p = base
        let n = count
        var j = start
        while true {
            while j &+ 8 <= n {
                let word = UnsafeRawPointer(p + j).loadUnaligned(as: UInt64.self)
                let hits = Self.bytesEqual(word, Self.quotes) | Self.bytesEqual(word, Self.backslashes)
                if hits != 0 {
                    j &+= hits.trailingZeroBitCount &>> 3
                    break
                }
                j &+= 8
            }
            while j < n {
                let c = p[j]
                if c == UInt8(ascii: "\"") { return j + 1 }
                if c == UInt8(ascii: "\\") {
                    j += 2
                    break
                }
                j += 1
                if j & 7 == 0 { break }  // back to whole words
            }
            if j >= n {
                throw ScanFailure(
                    offset: n, reason: "the input ends inside a string", atEnd: true,
                    candidateStart: candidateStart >= 0 ? candidateStart : nil, listStack: currentListStack())
            }
        }
    }

    static let quotes: UInt64 = 0x2222_2222_2222_2222
    static let backslashes: UInt64 = 0x5C5C_5C5C_5C5C_5C5C
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highs: UInt64 = 0x8080_8080_8080_8080

    /// A high bit in each byte of `word` equal to the byte repeated in `pattern`; the lowest
    /// flagged byte is always a true match (bits above it may be false), which is all a search
    /// for the first match needs.
    @inline(__always)
    static func bytesEqual(_ word: UInt64, _ pattern: UInt64) -> UInt64 {
        let v = word ^ pattern
        return (v &- ones) & ~v & highs
    }

    /// Bytes that may be a bracket: `{ } [ ]` all become 0x79 under `(b | 0x20) & ~0x06`
    /// (as do `Y y _` and DEL, which outside strings do not occur; a false hit only costs a look).
    @inline(__always)
    static func maybeBrackets(_ word: UInt64) -> UInt64 {
        bytesEqual((word | 0x2020_2020_2020_2020) & ~0x0606_0606_0606_0606, 0x7979_7979_7979_7979)
    }

    /// Skips a number, checking its grammar (`-? digits (. digits)? ([eE] [+-]? digits)?`).
    /// `mutating` for the reason `skipString` is.
    @inline(__always)
    private mutating func skipNumber(_ start: Int) throws(ScanFailure) -> Int {
        let p = base
        let n = count
        var j = start
        if p[j] == UInt8(ascii: "-") { j += 1 }
        let digitsStart = j
        while j < n, p[j] &- 0x30 < 10 { j += 1 }
        if j == digitsStart { throw numberFailure(j) }
        if j < n, p[j] == UInt8(ascii: ".") {
            j += 1
            let fraction = j
            while j < n, p[j] &- 0x30 < 10 { j += 1 }
            if j == fraction { throw numberFailure(j) }
        }
        if j < n, p[j] | 0x20 == UInt8(ascii: "e") {
            j += 1
            if j < n, p[j] == UInt8(ascii: "+") || p[j] == UInt8(ascii: "-") { j += 1 }
            let exponent = j
            while j < n, p[j] &- 0x30 < 10 { j += 1 }
            if j == exponent { throw numberFailure(j) }
        }
        return j
    }

    private func numberFailure(_ at: Int) -> ScanFailure {
        if at >= count { return endFailure(at, Self.top) }
        return failure(at, "a number is malformed here (found \(TextLocator.describe(base[at])))")
    }

    private func skipLiteral(_ start: Int, _ current: UInt8) throws(ScanFailure) -> Int {
        let word: StaticString
        switch base[start] {
        case UInt8(ascii: "t"): word = "true"
        case UInt8(ascii: "f"): word = "false"
        default: word = "null"
        }
        let length = word.utf8CodeUnitCount
        if start + length > count {
            // A cut-off literal at the very end is a truncation, not a typo.
            if memcmp(base + start, word.utf8Start, count - start) == 0 { throw endFailure(count, current) }
            throw failure(start, "expected a JSON value but found \(TextLocator.describe(base[start]))")
        }
        guard memcmp(base + start, word.utf8Start, length) == 0 else {
            throw failure(start, "expected a JSON value but found \(TextLocator.describe(base[start]))")
        }
        return start + length
    }

    // MARK: - Contexts

    @inline(__always)
    private mutating func keyID(_ context: UInt8, start: Int, length: Int) -> UInt8 {
        switch context {
        case Self.plainObject:
            return length == 10 ? searchKey(start) : 0
        case Self.skipObject, Self.pageRoot:
            return 0
        default:
            return contextKey(context, start: start, length: length)
        }
    }

    @inline(__always)
    private func searchKey(_ start: Int) -> UInt8 {
        if matches(start, 10, "masked_pan") { return Self.kMaskedPAN }
        if matches(start, 10, "booking_id") { return Self.kBookingID }
        return 0
    }

    @inline(__always)
    private func matches(_ start: Int, _ length: Int, _ word: StaticString) -> Bool {
        length == word.utf8CodeUnitCount && memcmp(base + start, word.utf8Start, length) == 0
    }

    /// Keys with a meaning in the special contexts (the order's root, customer, store, …).
    private mutating func contextKey(_ context: UInt8, start: Int, length: Int) -> UInt8 {
        if length == 10 {
            let found = searchKey(start)
            if found != 0 { return found }
        }
        switch context {
        case Self.orderRoot, Self.orderRootPageable:
            let found: UInt8
            switch length {
            case 2: found = matches(start, 2, "id") ? Self.kID : 0
            case 3: found = matches(start, 3, "url") ? Self.kForeign : 0
            case 4:
                found =
                    matches(start, 4, "data") ? Self.kData : matches(start, 4, "type") ? Self.kOrderType : 0
            case 5:
                found =
                    matches(start, 5, "store")
                    ? Self.kStore
                    : matches(start, 5, "items")
                        ? Self.kItems
                        : matches(start, 5, "order") ? Self.kForeign : 0
            case 6:
                found =
                    matches(start, 6, "status")
                    ? Self.kStatus
                    : matches(start, 6, "orders")
                        ? Self.kOrders
                        : matches(start, 6, "amount") ? Self.kAmount : 0
            case 7:
                found =
                    matches(start, 7, "line_id")
                    ? Self.kForeign
                    : matches(start, 7, "refunds") ? Self.kOperations + 2 : 0
            case 8:
                found =
                    matches(start, 8, "order_id")
                    ? Self.kOrderID
                    : matches(start, 8, "currency")
                        ? Self.kCurrency
                        : matches(start, 8, "customer")
                            ? Self.kCustomer
                            : matches(start, 8, "quantity")
                                ? Self.kForeign
                                : matches(start, 8, "captures") ? Self.kOperations + 1 : 0
            case 10:
                found =
                    matches(start, 10, "created_at")
                    ? Self.kCreatedAt
                    : matches(start, 10, "expires_at") || matches(start, 10, "session_id") ? Self.kForeign : 0
            case 11: found = matches(start, 11, "attachments") ? Self.kAttachments : 0
            case 13: found = matches(start, 13, "cancellations") ? Self.kOperations + 3 : 0
            case 12:
                found =
                    matches(start, 12, "order_number")
                    ? Self.kOrderNumber
                    : matches(start, 12, "gross_amount")
                        ? Self.kGrossAmount
                        : matches(start, 12, "processed_at") || matches(start, 12, "processed_by")
                            ? Self.kForeign : 0
            case 14:
                found =
                    matches(start, 14, "payment_status")
                    ? Self.kPaymentStatus
                    : matches(start, 14, "transaction_id")
                        ? Self.kForeign
                        : matches(start, 14, "authorizations") ? Self.kOperations : 0
            case 15: found = matches(start, 15, "payment_product") ? Self.kForeign : 0
            case 16: found = matches(start, 16, "authorization_id") ? Self.kForeign : 0
            case 18: found = matches(start, 18, "merchant_reference") ? Self.kForeign : 0
            default: found = 0
            }
            switch found {
            case Self.kID, Self.kGrossAmount:
                candidate.identifying = true
            case Self.kOrderID, Self.kOrderNumber:
                candidate.identifying = true
                candidate.strong = true
                candidate.hasOrderKey = true
            case Self.kCurrency, Self.kPaymentStatus:
                candidate.identifying = true
                candidate.strong = true
            case Self.kCreatedAt, Self.kCustomer:
                candidate.strong = true
            case Self.kItems:
                candidate.hasItems = true
            case Self.kStatus:
                candidate.hasStatus = true
            case Self.kAmount:
                candidate.hasAmount = true
                return 0
            case Self.kForeign:
                candidate.foreign = true
                return 0
            default: break
            }
            return found
        case Self.customer:
            switch length {
            case 4: return matches(start, 4, "type") ? Self.kCustomerType : 0
            case 5: return matches(start, 5, "email") ? Self.kEmail : 0
            case 7: return matches(start, 7, "company") ? Self.kCompany : 0
            case 9: return matches(start, 9, "last_name") ? Self.kLastName : 0
            case 10: return matches(start, 10, "first_name") ? Self.kFirstName : 0
            case 12: return matches(start, 12, "phone_number") ? Self.kPhone : 0
            default: return 0
            }
        case Self.company:
            if matches(start, length, "bussiness_name") { return Self.kBussinessName }
            if matches(start, length, "business_name") { return Self.kBusinessName }
            return 0
        case Self.store:
            return matches(start, length, "id") ? Self.kStoreID : 0
        case Self.firstItem:
            return matches(start, length, "store") ? Self.kItemStore : 0
        case Self.itemStore:
            return matches(start, length, "id") ? Self.kItemStoreID : 0
        case Self.operation..<Self.operation + 4:
            switch length {
            case 6: return matches(start, 6, "amount") ? Self.kOperationAmount : 0
            case 7: return matches(start, 7, "success") ? Self.kSuccess : 0
            case 15: return matches(start, 15, "payment_details") ? Self.kPaymentDetails : 0
            default: return 0
            }
        case Self.operationDetails:
            switch length {
            case 3: return matches(start, 3, "psp") ? Self.kPSP : 0
            case 15: return matches(start, 15, "payment_product") ? Self.kPaymentProduct : 0
            case 20: return matches(start, 20, "payment_product_type") ? Self.kPaymentProductType : 0
            default: return 0
            }
        case Self.attachment:
            for (index, name) in Self.reservationKeys.enumerated() where length == name.count {
                if memcmp(base + start, name, length) == 0 { return Self.kReservation + UInt8(index) }
            }
            return 0
        default:
            return 0
        }
    }

    /// The keys of the reservation kinds in an attachment, in `ReservationKind` order.
    private static let reservationKeys: [[UInt8]] = ReservationKind.allCases.map { Array($0.fieldName.utf8) }

    private mutating func objectContext(parent: UInt8, key: UInt8, at offset: Int) -> UInt8 {
        switch parent {
        case Self.top, Self.topArray:
            beginCandidate(at: offset, needsStrong: false)
            return Self.orderRootPageable
        case Self.pageArray, Self.strongPageArray:
            beginCandidate(at: offset, needsStrong: parent == Self.strongPageArray)
            return Self.orderRoot
        case Self.orderRoot, Self.orderRootPageable:
            if key == Self.kCustomer { return Self.customer }
            if key == Self.kStore { return Self.store }
            return Self.plainObject
        case Self.operationArray..<Self.operationArray + 4:
            candidate.beginOperation()
            return Self.operation + (parent - Self.operationArray)
        case Self.operation..<Self.operation + 4:
            return key == Self.kPaymentDetails ? Self.operationDetails : Self.plainObject
        case Self.attachmentsArray:
            return Self.attachment
        case Self.attachment:
            if key >= Self.kReservation, key < Self.kReservation + 7 {
                candidate.reservationKinds |= 1 << (key - Self.kReservation)
            }
            return Self.plainObject
        case Self.customer:
            return key == Self.kCompany ? Self.company : Self.plainObject
        case Self.firstItem:
            return key == Self.kItemStore ? Self.itemStore : Self.plainObject
        case Self.itemsArray:
            return Self.firstItem
        case Self.skipObject, Self.skipArray, Self.pageRoot:
            return Self.skipObject
        default:
            return Self.plainObject
        }
    }

    private mutating func arrayContextFor(parent: UInt8, key: UInt8, at offset: Int) -> UInt8 {
        switch parent {
        case Self.top:
            return Self.topArray
        case Self.topArray, Self.pageArray, Self.strongPageArray:
            noteSkipped(offset, .array, topLevel: false)
            return Self.skipArray
        case Self.orderRootPageable where key == Self.kOrders:
            // A list page: the object holding it is not an order, its elements are.
            stack[stack.count - 1] = Self.pageRoot
            candidateStart = -1
            pageCount += 1
            return Self.pageArray
        case Self.orderRoot, Self.orderRootPageable:
            switch key {
            case Self.kItems:
                if parent == Self.orderRootPageable {
                    candidate.fallbackArray = offset
                    candidate.fallbackIsData = false
                }
                return Self.itemsArray
            case Self.kData:
                if parent == Self.orderRootPageable, candidate.fallbackArray < 0 {
                    candidate.fallbackArray = offset
                    candidate.fallbackIsData = true
                }
            case Self.kAttachments:
                var j = offset + 1
                while j < count, base[j] == 0x20 || base[j] == 0x0A || base[j] == 0x0D || base[j] == 0x09 {
                    j += 1
                }
                if j < count, base[j] != UInt8(ascii: "]") { candidate.hasAttachments = true }
                return Self.attachmentsArray
            case Self.kOperations..<Self.kOperations + 4:
                return Self.operationArray + (key - Self.kOperations)
            default: break
            }
            return Self.plainArray
        case Self.skipObject, Self.skipArray, Self.pageRoot:
            return Self.skipArray
        default:
            return Self.plainArray
        }
    }

    // MARK: - Values kept

    @inline(__always)
    private mutating func capture(_ key: UInt8, start: Int, end: Int) {
        let span = ByteSpan(start: start, end: end)
        switch key {
        case Self.kID: candidate.id = span
        case Self.kOrderID: candidate.orderID = span
        case Self.kOrderNumber: candidate.orderNumber = span
        case Self.kCreatedAt: candidate.createdAt = span
        case Self.kStatus: candidate.status = span
        case Self.kPaymentStatus: candidate.paymentStatus = span
        case Self.kGrossAmount: candidate.grossAmount = span
        case Self.kCurrency: candidate.currency = span
        case Self.kFirstName: candidate.firstName = span
        case Self.kLastName: candidate.lastName = span
        case Self.kEmail: candidate.email = span
        case Self.kPhone: candidate.phone = span
        case Self.kBussinessName: candidate.bussinessName = span
        case Self.kBusinessName: candidate.businessName = span
        case Self.kStoreID: candidate.storeID = span
        case Self.kItemStoreID: candidate.itemStoreID = span
        case Self.kOrderType: candidate.orderType = span
        case Self.kCustomerType: candidate.customerType = span
        case Self.kOperationAmount: candidate.operationAmount = span
        case Self.kPSP: candidate.operationPSP = span
        case Self.kPaymentProduct: candidate.operationProduct = span
        case Self.kPaymentProductType: candidate.operationProductType = span
        case Self.kMaskedPAN:
            let text = JSONStringDecoder.decode(base, start: start, end: end)
            if !text.isEmpty, !candidate.maskedPANs.contains(text) { candidate.maskedPANs.append(text) }
        case Self.kBookingID:
            let text = JSONStringDecoder.decode(base, start: start, end: end)
            if !text.isEmpty, !candidate.bookingIDs.contains(text) { candidate.bookingIDs.append(text) }
        default: break
        }
    }

    // MARK: - Orders

    private mutating func beginCandidate(at offset: Int, needsStrong: Bool) {
        candidate = OrderCandidate()
        candidateStart = offset
        candidateNeedsStrong = needsStrong
    }

    @inline(__always)
    private mutating func close(_ current: inout UInt8, end: Int) throws(ScanFailure) {
        let closed = stack.removeLast()
        current = stack.last ?? Self.top
        if closed >= Self.operation, closed < Self.operation + 4 {
            candidate.endOperation(kind: Int(closed - Self.operation), base: base)
        }
        if closed == Self.orderRoot || closed == Self.orderRootPageable {
            try finishCandidate(end: end, pageable: closed == Self.orderRootPageable)
        }
    }

    private mutating func finishCandidate(end: Int, pageable: Bool) throws(ScanFailure) {
        let start = candidateStart
        candidateStart = -1
        guard start >= 0 else { return }
        let needsStrong = candidateNeedsStrong
        if pageable, !candidate.identifying, candidate.fallbackArray >= 0 {
            // `{"items": [...]}` or `{"data": [...]}`: a page if its elements are orders.
            var pageScanner = DumpScanner(base: base, count: count)
            let context = candidate.fallbackIsData ? Self.pageArray : Self.strongPageArray
            if (try? pageScanner.scanValue(from: candidate.fallbackArray, arrayContext: context)) != nil,
                !pageScanner.orders.isEmpty
            {
                orders.append(contentsOf: pageScanner.orders)
                foundCount += pageScanner.orders.count
                pageCount += 1
                flushIfNeeded()
                return
            }
        }
        let accepted = candidate.isOrder && (!needsStrong || candidate.strong)
        if accepted, end - start > Self.maxOrderBytes {
            // One order that big is an attack or a broken export: skipped, its neighbours kept.
            noteSkipped(start, .oversizedOrder(bytes: end - start), topLevel: stack.isEmpty)
            return
        }
        if accepted {
            if let inner = swallowedElement(start: start, end: end) {
                // A damaged quote or bracket inside a skipped container can make an order run on
                // over the orders after it: say so and let the reader go on from there.
                throw ScanFailure(
                    offset: inner,
                    reason:
                        "the next order seems to start inside this one (a quote or bracket in it is damaged)",
                    atEnd: false, candidateStart: start, listStack: currentListStack())
            }
            lastOrderStart = start
            orders.append(ScannedOrder(start: start, end: end, candidate: candidate))
            foundCount += 1
            flushIfNeeded()
        } else {
            noteSkipped(start, .object(keys: objectKeys(start: start, end: end)), topLevel: stack.isEmpty)
        }
    }

    @inline(__always)
    private mutating func flushIfNeeded() {
        guard orders.count >= Self.batchSize, let onBatch else { return }
        onBatch(orders)
        orders.removeAll(keepingCapacity: true)
        // A batch is about 1.5 ms of a core: the browser's loop, woken by a key while both
        // cores index, gets one within that rather than after the scheduler's tick (nothing
        // happens when no other thread waits).
        #if canImport(Glibc)
            sched_yield()
        #endif
    }

    /// Takes over what a scanner of the rest of the file found (after this one reached `stopAt`).
    /// `batches` are the orders it handed to its own `onBatch`, in order, before its `orders`.
    mutating func absorb(_ other: DumpScanner, batches: [[ScannedOrder]] = []) {
        if let onBatch {
            if !orders.isEmpty { onBatch(orders) }
            orders.removeAll(keepingCapacity: true)
            for batch in batches { onBatch(batch) }
        } else {
            for batch in batches { orders.append(contentsOf: batch) }
        }
        orders.append(contentsOf: other.orders)
        // Where the other stopped is where this one stands now: a failure it met is told with
        // the order it was in (its id), and salvage follows the layout of its last order.
        candidate = other.candidate
        if let start = other.lastOrderStart { lastOrderStart = start }
        foundCount += other.foundCount
        pageCount += other.pageCount
        skippedCount += other.skippedCount
        for entry in other.skipped where skipped.count < 20 { skipped.append(entry) }
        flushIfNeeded()
    }

    /// Hands the orders still held to `onBatch` (at the end of a scan).
    mutating func flush() {
        guard !orders.isEmpty, let onBatch else { return }
        onBatch(orders)
        orders.removeAll(keepingCapacity: true)
    }

    private mutating func noteSkipped(_ offset: Int, _ kind: ValueKind, topLevel: Bool) {
        skippedCount += 1
        if skipped.count < 20 { skipped.append((offset, kind, topLevel)) }
    }

    /// The keys of a (non-order) object, for messages; a slow path.
    private func objectKeys(start: Int, end: Int) -> [String] {
        let bytes = UnsafeRawBufferPointer(start: base + start, count: end - start)
        guard let value = try? JSONParser.parse(bytes, maxDepth: Self.maxDepth),
            let object = value.objectValue
        else {
            return []
        }
        return object.keys
    }

    // MARK: - Failures

    private func failure(_ offset: Int, _ reason: String) -> ScanFailure {
        ScanFailure(
            offset: offset, reason: reason, atEnd: false,
            candidateStart: candidateStart >= 0 ? candidateStart : nil,
            listStack: currentListStack())
    }

    /// The open containers up to the innermost list of orders (see `ScanFailure.listStack`).
    private func currentListStack() -> [UInt8] {
        guard
            let list = stack.lastIndex(where: {
                $0 == Self.topArray || $0 == Self.pageArray || $0 == Self.strongPageArray
            })
        else { return [] }
        return Array(stack[...list])
    }

    /// For an order that begins a line: the first `{` inside it that begins a line with the same
    /// indentation after a `,`, as the next element of its list would, when the order's bytes do
    /// not parse on their own (so a well-formed order laid out that way is never suspected).
    /// Orders on one line cost a `memchr` for a newline; nil when there is none.
    private func swallowedElement(start: Int, end: Int) -> Int? {
        guard let indent = lineIndent(start) else { return nil }
        var j = start + 1
        while j < end, let found = memchr(base + j, 0x0A, end - j) {
            let newline = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
            j = newline + 1
            var k = j
            while k < end, k - j < indent, base[k] == 0x20 || base[k] == 0x09 { k += 1 }
            guard k - j == indent, k < end, base[k] == UInt8(ascii: "{") else { continue }
            var before = newline - 1
            while before > start, base[before] == 0x20 || base[before] == 0x09 || base[before] == 0x0D {
                before -= 1
            }
            guard base[before] == UInt8(ascii: ",") else { continue }
            let bytes = UnsafeRawBufferPointer(start: base + start, count: end - start)
            if (try? JSONParser.parse(bytes, maxDepth: Self.maxDepth)) != nil { return nil }
            return k
        }
        return nil
    }

    /// Where reading can go on after a failure inside a list of orders: the first `{` from
    /// `start` on that begins an object the scanner takes for an order and that is followed by
    /// `,` or `]` (so it is an element of a list, not a value inside an order); nil when there is
    /// none before the end.
    /// Trials re-read nested objects, so the bytes they may read in all are bounded (a few times
    /// the input): a hostile input costs a bounded search, not depth × size.
    ///
    /// A `{` right after a `:` is a value, never an element. When `layout` (the start of an
    /// element of the same list) begins a line, the elements of that dump do: only a `{` with
    /// the same indentation at the start of a line is tried.
    func resumePoint(from start: Int, before limit: Int = .max, layout: Int? = nil) -> Int? {
        var j = start
        var budget = 4 * count + (64 << 20)
        let end = min(limit, count)
        let indent = layout.flatMap(lineIndent)
        while j < end, budget > 0 {
            guard let found = memchr(base + j, Int32(UInt8(ascii: "{")), end - j) else { return nil }
            let open = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
            var before = open - 1
            while before >= 0,
                base[before] == 0x20 || base[before] == 0x09 || base[before] == 0x0D || base[before] == 0x0A
            {
                before -= 1
            }
            // A `{` right after the damage (only whitespace between) is tried whatever precedes it
            // and however it is laid out: the damaged byte may be what stood before it.
            let rightAfterDamage = before <= start
            if !rightAfterDamage,
                base[before] == UInt8(ascii: ":") || (indent != nil && lineIndent(open) != indent)
            {
                j = open + 1
                continue
            }
            var trial = DumpScanner(base: base, count: count)
            do throws(ScanFailure) {
                let end = try trial.scanValue(from: open)
                budget -= end - open
                if trial.orders.count == 1, trial.skippedCount == 0 {
                    var k = end
                    while k < count, base[k] == 0x20 || base[k] == 0x0A || base[k] == 0x0D || base[k] == 0x09
                    { k += 1 }
                    if k < count, base[k] == UInt8(ascii: ",") || base[k] == UInt8(ascii: "]") { return open }
                }
            } catch {
                budget -= max(1, error.offset - open)
            }
            j = open + 1
        }
        return nil
    }

    private func endFailure(_ offset: Int, _ current: UInt8) -> ScanFailure {
        let inside: String
        if stack.isEmpty {
            inside = "the input ends inside a value"
        } else if current >= 0x80 {
            inside = "the input ends inside an array"
        } else {
            inside = "the input ends inside an object"
        }
        return ScanFailure(
            offset: count, reason: inside, atEnd: true,
            candidateStart: candidateStart >= 0 ? candidateStart : nil,
            listStack: currentListStack())
    }
}
