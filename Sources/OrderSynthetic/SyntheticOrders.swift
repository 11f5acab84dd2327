import OrderSources

// The bundled demo dataset, Resources/demo-orders.json, is this generator's output for seed
// 2026, 300 orders, anomaly rate 0.06, as a compact JSON array. Regenerate it with:
//
//     swift run orderscope generate --count 300 --seed 2026 --anomaly-rate 0.06 --out Resources/demo-orders.json
//
// (the same bytes as `SyntheticOrders(seed: 2026, anomalyRate: 0.06).data(count: 300)`).

/// A deterministic generator of realistic Dintero orders, written as JSON text straight to a
/// byte sink.
///
/// Order `i` of a dataset is drawn from its own `SplitMix64` stream derived from `(seed, i)`,
/// so the same seed gives byte-identical output, any order can be generated alone, and memory
/// stays flat however many orders are written. Amounts add up (items to totals, tax lines to
/// nets, payout trees to their parents, operations to `payment_details` and `payment_status`)
/// except in the orders chosen for a deliberate `SyntheticAnomaly`: exactly
/// `⌊count × anomalyRate⌉` of them, evenly spread, cycling through every kind.
///
/// The first seven orders of every dataset are a tour that shows each currency (NOK, SEK, DKK,
/// EUR, JPY, KWD), order status (including the unknown `archived`), payment status and
/// reservation kind at least once.
public struct SyntheticOrders: Sendable {
    public var seed: UInt64
    /// The fraction of orders (0...1) that carry one deliberate anomaly.
    public var anomalyRate: Double

    public init(seed: UInt64, anomalyRate: Double = 0.03) {
        self.seed = seed
        self.anomalyRate = min(max(anomalyRate.isNaN ? 0 : anomalyRate, 0), 1)
    }

    /// The anomaly planted in order `index`, nil for a consistent order. Anomalous orders are
    /// spaced by a Bresenham walk (phase from the seed); the n-th one gets kind n mod 7.
    public func anomaly(at index: Int) -> SyntheticAnomaly? {
        guard anomalyRate > 0, index >= 0 else { return nil }
        let phase = Double(SplitMix64.mix(seed ^ 0xA5A5_5A5A_0F0F_F0F0) >> 11) * 0x1p-53
        let before = (Double(index) * anomalyRate + phase).rounded(.down)
        let after = (Double(index + 1) * anomalyRate + phase).rounded(.down)
        guard after > before else { return nil }
        let ordinal = Int(before) % SyntheticAnomaly.allCases.count
        return SyntheticAnomaly.allCases[ordinal]
    }

    /// Writes order `index` into `writer` (as one value at the writer's current position) and
    /// returns what was decided for it.
    @discardableResult
    public func writeOrder(at index: Int, into writer: inout JSONByteWriter) -> SyntheticOrderInfo {
        var builder = SyntheticOrderBuilder(seed: seed, index: index)
        builder.plan(anomaly: anomaly(at: index))
        builder.write(into: &writer)
        return builder.info
    }

    /// One order's JSON text.
    public func orderJSON(at index: Int, pretty: Bool = false) -> [UInt8] {
        var writer = JSONByteWriter(pretty: pretty, capacity: 16_384)
        writeOrder(at: index, into: &writer)
        return writer.bytes
    }

    /// What was decided for order `index`, without keeping its JSON.
    public func info(at index: Int) -> SyntheticOrderInfo {
        var writer = JSONByteWriter(capacity: 16_384)
        return writeOrder(at: index, into: &writer)
    }

    /// A whole dataset in memory (for tests and small datasets).
    public func data(count: Int, format: SyntheticOutputFormat = .array, pretty: Bool = false) -> [UInt8] {
        var sink = ByteArraySink()
        do {
            _ = try write(count: count, format: format, pretty: pretty, to: &sink)
        } catch {
            return []  // ByteArraySink never fails
        }
        return sink.bytes
    }

    /// Streams `count` orders to `sink` as a JSON array (`[` … `]`, one order per line when
    /// compact) or NDJSON (always compact), calls `sink.finish()`, and returns the totals.
    /// `progress` is called every 1,024 orders with (orders written, bytes generated).
    public func write<Sink: SyntheticByteSink>(
        count: Int, format: SyntheticOutputFormat = .array, pretty: Bool = false, to sink: inout Sink,
        progress: ((Int, Int64) -> Void)? = nil
    ) throws(SyntheticOutputError) -> SyntheticSummary {
        let flushThreshold = 1 << 20
        let pretty = format == .ndjson ? false : pretty
        var writer = JSONByteWriter(pretty: pretty, capacity: flushThreshold + (1 << 16))
        var generated: Int64 = 0
        var anomalies: [SyntheticAnomaly: Int] = [:]

        func flush(_ writer: inout JSONByteWriter, _ sink: inout Sink) throws(SyntheticOutputError) {
            guard !writer.bytes.isEmpty else { return }
            generated += Int64(writer.bytes.count)
            var failure: SyntheticOutputError?
            writer.bytes.withUnsafeBytes { buffer in
                do throws(SyntheticOutputError) { try sink.write(buffer) } catch { failure = error }
            }
            if let failure { throw failure }
            writer.removeAll()
        }

        if format == .array { writer.beginArray() }
        for index in 0..<max(count, 0) {
            if format == .array && !pretty {
                if index > 0 { writer.appendByte(0x2C) }
                writer.appendByte(0x0A)
                writer.resetTopLevel()
            }
            let info = writeOrder(at: index, into: &writer)
            if let anomaly = info.anomaly { anomalies[anomaly, default: 0] += 1 }
            if format == .ndjson {
                writer.appendByte(0x0A)
                writer.resetTopLevel()
            }
            if writer.bytes.count >= flushThreshold { try flush(&writer, &sink) }
            if let progress, (index + 1) % 1024 == 0 {
                progress(index + 1, generated + Int64(writer.bytes.count))
            }
        }
        if format == .array {
            if pretty {
                writer.endArray()
            } else {
                if count > 0 { writer.appendByte(0x0A) }
                writer.appendByte(0x5D)
            }
            writer.appendByte(0x0A)
        }
        try flush(&writer, &sink)
        try sink.finish()
        return SyntheticSummary(
            orders: max(count, 0), bytesGenerated: generated, bytesWritten: sink.bytesWritten,
            anomalies: anomalies)
    }
}

/// How orders are laid out in the output: one JSON array, or NDJSON (one order per line).
public enum SyntheticOutputFormat: String, Sendable, CaseIterable {
    case array
    case ndjson
}

/// The totals of one generation run.
public struct SyntheticSummary: Sendable, Equatable {
    public var orders: Int
    /// Uncompressed JSON bytes.
    public var bytesGenerated: Int64
    /// Bytes that reached the destination (compressed size with gzip).
    public var bytesWritten: Int64
    /// How many orders carry each deliberate anomaly.
    public var anomalies: [SyntheticAnomaly: Int]
}
