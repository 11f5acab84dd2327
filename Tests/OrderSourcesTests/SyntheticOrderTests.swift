import CZlib
import JSONCore
import OrderModel
import Testing

@testable import OrderSources
@testable import OrderSynthetic

#if canImport(Glibc)
    import Glibc
#endif

/// The synthetic generator: determinism, decodability, internal consistency, coverage of the
/// demo parameters, output formats and planted anomalies.
@Suite struct SyntheticOrderTests {
    static func decodeArray(_ bytes: [UInt8]) throws -> [Order] {
        let json = try JSONParser.parse(bytes)
        guard let array = json.arrayValue else {
            Issue.record("not an array")
            return []
        }
        return array.map(Order.init(json:))
    }

    /// The anomaly kinds an order shows, computed independently of the generator.
    static func anomalies(_ order: Order) -> Set<SyntheticAnomaly> {
        var found: Set<SyntheticAnomaly> = []
        if let gross = order.grossAmount, let net = order.netAmount, gross - (order.totalDiscount ?? 0) != net
        {
            found.insert(.totals)
        }
        var totals = [OperationKind: Int64]()
        for op in order.operations {
            if op.success == false { found.insert(.failedOperation); continue }
            totals[op.kind, default: 0] += op.amount ?? 0
        }
        let authorized = totals[.authorization] ?? 0
        let captured = totals[.capture] ?? 0
        let refunded = totals[.refund] ?? 0
        if captured > authorized { found.insert(.overCaptured) }
        if refunded > captured { found.insert(.overRefunded) }
        let due = order.netAmount ?? 0
        switch order.paymentStatus {
        case .paid?: if captured < due { found.insert(.paymentStatus) }
        case .partiallyPaid?: if captured == 0 || captured >= due { found.insert(.paymentStatus) }
        case .refunded?: if refunded < captured || captured == 0 { found.insert(.paymentStatus) }
        case .partiallyRefunded?: if refunded == 0 || refunded >= captured { found.insert(.paymentStatus) }
        case .pending?: if captured > 0 { found.insert(.paymentStatus) }
        default: break
        }
        for item in order.items {
            guard let tree = item.payout else { continue }
            var effective = [Int64?](repeating: nil, count: tree.count)
            for index in tree.nodes.indices.reversed() {
                let node = tree.nodes[index]
                let sum =
                    node.children.isEmpty ? nil : node.children.compactMap { effective[$0] }.reduce(0, +)
                effective[index] = node.amount ?? sum
                if let amount = node.amount, let sum, amount != sum { found.insert(.payoutChildren) }
            }
            let rootSum = tree.roots.compactMap { effective[$0] }.reduce(0, +)
            if rootSum != item.netAmount { found.insert(.payoutChildren) }
        }
        let lines = Set(order.items.compactMap(\.lineID))
        for reservation in order.reservations
        where reservation.lineIDs.contains(where: { !lines.contains($0) }) {
            found.insert(.danglingLineID)
        }
        for leg in order.itinerary where leg.lineIDs.contains(where: { !lines.contains($0) }) {
            found.insert(.danglingLineID)
        }
        return found
    }

    /// Items sum to the order, tax lines match nets, payment_details match the operations.
    static func checkAmounts(_ order: Order, clean: Bool) {
        let items = order.items
        if clean {
            #expect(items.compactMap(\.grossAmount).reduce(0, +) == order.grossAmount)
            #expect(items.compactMap(\.netAmount).reduce(0, +) == order.netAmount)
        }
        for item in items {
            let discounts = item.discountLines.compactMap(\.amount).reduce(0, +)
            #expect(item.grossAmount.map { $0 - discounts } == item.netAmount)
            for line in item.taxLines {
                guard let amount = line.amount, let basis = line.taxBasis, let pct = line.percentage,
                    let net = item.netAmount
                else {
                    Issue.record("incomplete tax line")
                    continue
                }
                #expect(basis + amount == net)
                #expect(abs(Double(amount) - Double(basis) * pct / 100) <= 1)
                let dwhAmount = Double(line.amountDWH ?? "") ?? -1
                let dwhBasis = Double(line.taxBasisDWH ?? "") ?? -1
                #expect(abs(dwhAmount + dwhBasis - Double(net)) < 0.001)
                #expect(abs(dwhAmount - Double(amount)) <= 0.5001)
            }
        }
        var totals = [OperationKind: Int64]()
        for op in order.operations where op.success != false {
            totals[op.kind, default: 0] += op.amount ?? 0
            #expect(op.items.compactMap(\.amount).reduce(0, +) == op.amount)
        }
        let capturable =
            (totals[.authorization] ?? 0) - (totals[.capture] ?? 0) - (totals[.cancellation] ?? 0)
        #expect(order.paymentDetails?.remainingCaptureAmount == capturable)
        #expect(
            order.paymentDetails?.remainingRefundAmount == (totals[.capture] ?? 0) - (totals[.refund] ?? 0))
        #expect(order.paymentDetails?.remainingCancellationAmount == capturable)
        let times = order.operations.compactMap { $0.processedAt?.epochSeconds }.sorted()
        if let first = times.first, let created = order.createdAt?.epochSeconds { #expect(first >= created) }
    }

    @Test func sameSeedSameBytesDifferentSeedDifferentBytes() {
        let a = SyntheticOrders(seed: 42, anomalyRate: 0.05).data(count: 200)
        let b = SyntheticOrders(seed: 42, anomalyRate: 0.05).data(count: 200)
        let c = SyntheticOrders(seed: 43, anomalyRate: 0.05).data(count: 200)
        #expect(a == b)
        #expect(a != c)
        #expect(a.count > 200 * 1000)
        // An order alone is the same as inside the dataset.
        let alone = SyntheticOrders(seed: 42, anomalyRate: 0.05).orderJSON(at: 17)
        let lines = SyntheticOrders(seed: 42, anomalyRate: 0.05).data(count: 20, format: .ndjson).split(
            separator: 0x0A)
        #expect(Array(lines[17]) == alone)
    }

    @Test func everyOrderDecodesCleanlyAndAddsUp() throws {
        let generator = SyntheticOrders(seed: 7, anomalyRate: 0.1)
        let orders = try Self.decodeArray(generator.data(count: 700, pretty: true))
        #expect(orders.count == 700)
        var ids = Set<String>()
        for (index, order) in orders.enumerated() {
            #expect(order.decodeIssues.isEmpty, "order \(index): \(order.decodeIssues)")
            let planted = generator.anomaly(at: index)
            let found = Self.anomalies(order)
            #expect(
                found == (planted.map { [$0] } ?? []),
                "order \(index): planted \(String(describing: planted)), found \(found)")
            Self.checkAmounts(order, clean: planted == nil || planted == .totals)
            #expect(order.id != nil && order.currency != nil && order.customer?.firstName != nil)
            #expect((1...20).contains(order.items.count))
            ids.insert(order.id ?? "")
        }
        #expect(ids.count == 700)
    }

    @Test func demoParametersCoverEveryKind() throws {
        let generator = SyntheticOrders(seed: 2026, anomalyRate: 0.06)
        let orders = try Self.decodeArray(generator.data(count: 300))
        #expect(orders.count == 300)
        #expect(Set(orders.compactMap(\.status?.rawValue)) == ["open", "closed", "cancelled", "archived"])
        #expect(Set(orders.compactMap(\.paymentStatus)) == Set(PaymentStatus.knownValues))
        #expect(Set(orders.flatMap(\.reservations).map(\.kind)) == Set(ReservationKind.allCases))
        #expect(Set(orders.compactMap(\.currency?.code)) == ["NOK", "SEK", "DKK", "EUR", "JPY", "KWD"])
        #expect(orders.first { $0.currency?.code == "JPY" }?.currency?.exponent == 0)
        #expect(orders.first { $0.currency?.code == "KWD" }?.currency?.exponent == 3)
        var found: Set<SyntheticAnomaly> = []
        for order in orders { found.formUnion(Self.anomalies(order)) }
        #expect(found == Set(SyntheticAnomaly.allCases))
        #expect(orders.contains { $0.customer?.company?.businessName != nil })
        #expect(orders.contains { !$0.events.isEmpty && $0.events.contains { $0.shape == .api } })
        #expect(orders.contains { $0.events.contains { $0.shape == .status } })
        #expect(orders.contains { ($0.items.first?.payout?.maxDepth ?? 0) >= 3 })
        #expect(orders.contains { $0.items.contains { $0.conversion != nil } })
        #expect(orders.contains { !$0.itinerary.isEmpty })
        let travel = orders.filter { !$0.attachments.isEmpty }.count
        #expect(travel >= 20 && travel <= 60)
    }

    @Test func bundledDemoDatasetMatchesTheGenerator() throws {
        // Tests/OrderSourcesTests/… → package root.
        let root = String(
            #filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast(3).joined(
                separator: "/"))
        let path = root + "/Resources/demo-orders.json"
        guard let file = fopen(path, "rb") else {
            Issue.record("cannot open \(path)")
            return
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, 1 << 16, file) }
            if n <= 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        #expect(bytes == SyntheticOrders(seed: 2026, anomalyRate: 0.06).data(count: 300))
        #expect(bytes.count < 3_000_000)
    }

    @Test func ndjsonHasOneOrderPerLine() throws {
        let generator = SyntheticOrders(seed: 11)
        let bytes = generator.data(count: 50, format: .ndjson)
        #expect(bytes.last == 0x0A)
        let lines = bytes.split(separator: 0x0A)
        #expect(lines.count == 50)
        for (index, line) in lines.enumerated() {
            let order = Order(json: try JSONParser.parse(Array(line)))
            #expect(order.decodeIssues.isEmpty)
            #expect(Array(line) == generator.orderJSON(at: index))
        }
        // Pretty and compact arrays hold the same orders.
        let compact = try Self.decodeArray(generator.data(count: 50))
        let pretty = try Self.decodeArray(generator.data(count: 50, pretty: true))
        #expect(compact.map(\.raw) == pretty.map(\.raw))
        #expect(try Self.decodeArray(generator.data(count: 0)).isEmpty)
    }

    @Test func gzipInflatesToTheSameBytes() throws {
        let generator = SyntheticOrders(seed: 5)
        for format in SyntheticOutputFormat.allCases {
            let plain = generator.data(count: 300, format: format)
            let gzip = try GzipSink(wrapping: ByteArraySink())
            var sink = gzip
            let summary = try generator.write(count: 300, format: format, to: &sink)
            let compressed = gzip.base.bytes
            #expect(compressed.prefix(2) == [0x1F, 0x8B])
            #expect(summary.bytesGenerated == Int64(plain.count))
            #expect(summary.bytesWritten == Int64(compressed.count))
            #expect(compressed.count < plain.count / 3)
            #expect(Self.gunzip(compressed) == plain)
        }
    }

    static func gunzip(_ input: [UInt8]) -> [UInt8]? {
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK
        else { return nil }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var input = input
        var status: Int32 = Z_OK
        input.withUnsafeMutableBufferPointer { source in
            stream.next_in = source.baseAddress
            stream.avail_in = uInt(source.count)
            repeat {
                var produced = 0
                chunk.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(buffer.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    produced = buffer.count - Int(stream.avail_out)
                }
                output.append(contentsOf: chunk[0..<produced])
            } while status == Z_OK
        }
        return status == Z_STREAM_END ? output : nil
    }

    @Test func anomalyRateZeroPlantsNothing() throws {
        let generator = SyntheticOrders(seed: 99, anomalyRate: 0)
        let orders = try Self.decodeArray(generator.data(count: 400))
        for (index, order) in orders.enumerated() {
            #expect(generator.anomaly(at: index) == nil)
            #expect(Self.anomalies(order).isEmpty, "order \(index): \(Self.anomalies(order))")
            Self.checkAmounts(order, clean: true)
        }
    }

    @Test func anomalyCountFollowsTheRate() {
        let generator = SyntheticOrders(seed: 3, anomalyRate: 0.03)
        let planted = (0..<10_000).compactMap { generator.anomaly(at: $0) }
        #expect((299...301).contains(planted.count))
        #expect(Set(planted) == Set(SyntheticAnomaly.allCases))
        #expect(SyntheticOrders(seed: 3, anomalyRate: 1).anomaly(at: 5) != nil)
    }

    @Test func writerPrimitives() {
        var writer = JSONByteWriter()
        writer.beginObject()
        writer.key("t")
        writer.timestamp(1_699_335_116)
        writer.key("d")
        writer.decimal(-1234, scale: 2)
        writer.key("e")
        writer.escapedString("a\"b\\c\n")
        writer.key("x")
        writer.beginArray()
        writer.endArray()
        writer.endObject()
        #expect(
            String(decoding: writer.bytes, as: UTF8.self)
                == #"{"t":"2023-11-07T05:31:56Z","d":-12.34,"e":"a\"b\\c\n","x":[]}"#)
    }

    @Test(.disabled(if: true, "throughput probe; enable locally")) func throughput() throws {
        var sink = ByteArraySink()
        let clock = ContinuousClock()
        let start = clock.now
        let summary = try SyntheticOrders(seed: 1).write(count: 20_000, to: &sink)
        let seconds =
            Double((clock.now - start).components.attoseconds) / 1e18
            + Double((clock.now - start).components.seconds)
        print(
            "throughput: \(Double(summary.orders) / seconds) orders/s, \(Double(summary.bytesGenerated) / seconds / 1e6) MB/s"
        )
    }
}
