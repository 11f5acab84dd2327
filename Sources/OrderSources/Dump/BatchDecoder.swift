import Dispatch
import JSONCore
import OrderIndex
import OrderModel
import Synchronization

/// What decoding one order gave.
enum DecodedOrder<Value: Sendable>: Sendable {
    /// The value, and the text issues of the order's strings.
    case value(Value, JSONTextIssues)
    /// Where in the order (bytes from its start) and why its bytes do not parse.
    case unreadable(offset: Int, reason: String)
}

/// Decodes the batches of orders a scan hands over on the worker threads while the scan goes
/// on, and hands the results back batch by batch in the order the batches came (`check`'s
/// stream, `DumpSource.streamOrders`).
///
/// Why: decoding a batch and then scanning the next one left a core idle while the scan ran
/// alone. Here the scanning thread only submits a batch (its orders go to the global queue in
/// chunks of 16) and takes back the oldest once more than `depth` batches are in flight, so the
/// scan runs beside the decoding and the workers always have a batch queued. At most
/// `depth + 1` batches of results are held, however big the dump is. Taking a batch back, the
/// thread decodes the chunks no worker has started yet (as `concurrentPerform` would), so the
/// pass never waits for a worker that the pool is slow to give.
///
/// Used from one thread (the scan's); the workers touch only the slots of the chunks they
/// claimed, read back after the batch's group was waited for. `close` must be called before the
/// bytes go away: it waits for the work still running.
final class BatchDecoder<Value: Sendable> {
    /// A batch's results, one slot per order (nil only for work cancelled).
    typealias Results = UnsafeMutableBufferPointer<DecodedOrder<Value>?>

    private struct Job {
        let batch: [ScannedOrder]
        let work: BatchWork<Value>
    }

    private let bytes: UncheckedBox<UnsafeRawBufferPointer>
    private let decoding: OrderDecoding
    private let transform: @Sendable (Order) -> Value
    private let depth: Int
    private let cancelled = CancelFlag()
    /// Batches submitted and not yet taken back, oldest first (a few: `depth + 1` at most).
    private var jobs: [Job] = []

    init(
        bytes: UnsafeRawBufferPointer, decoding: OrderDecoding, depth: Int = 3,
        transform: @escaping @Sendable (Order) -> Value
    ) {
        self.bytes = UncheckedBox(bytes)
        self.decoding = decoding
        self.transform = transform
        self.depth = max(depth, 0)
    }

    deinit {
        close()
    }

    /// The number of batches submitted and not yet taken back.
    var inFlight: Int { jobs.count }

    /// Starts decoding `batch` on the workers.
    func submit(_ batch: [ScannedOrder]) {
        let work = BatchWork(
            ranges: batch.map { $0.start..<$0.end }, bytes: bytes, decoding: decoding, transform: transform,
            cancelled: cancelled)
        for _ in 0..<work.chunkCount {
            DispatchQueue.global().async(group: work.group) { _ = work.decodeNextChunk() }
        }
        jobs.append(Job(batch: batch, work: work))
    }

    /// Takes back the oldest batches while more than `depth` are in flight (all of them with
    /// `draining`), waiting for each to be decoded: `body` gets its orders and their results,
    /// in order, and returns false to stop (then the work in flight is cancelled and dropped).
    /// Returns false once stopped.
    @discardableResult
    func takeBack(
        draining: Bool = false, _ body: ([ScannedOrder], Results) -> Bool
    ) -> Bool {
        while inFlight > (draining ? 0 : depth) {
            // Taken out at once: a job kept in the list would keep its batch's orders alive.
            let job = jobs.removeFirst()
            // The chunks no worker has started yet are decoded here rather than waited for: the
            // pass goes on even when the pool's threads are all taken (a caller on the pool).
            while job.work.decodeNextChunk() {}
            job.work.group.wait()
            let goOn = body(job.batch, job.work.results)
            if !goOn {
                close()
                return false
            }
        }
        return true
    }

    /// Cancels the work in flight and waits for what is running (the results not taken go with
    /// their batch).
    func close() {
        cancelled.set()
        while !jobs.isEmpty {
            let job = jobs.removeFirst()
            job.work.group.wait()
        }
    }
}

/// One batch's decoding: its chunks of orders are claimed one at a time, by the workers or by
/// the thread that takes the batch back, so none is decoded twice and none waits for a worker.
///
/// `@unchecked Sendable`: each slot of `results` is written by the one thread that claimed its
/// chunk, and read only after `group` was waited for; the rest is immutable.
private final class BatchWork<Value: Sendable>: @unchecked Sendable {
    /// Orders per chunk: big enough that queueing costs nothing beside the decoding, small
    /// enough that the last chunks of a batch spread over the cores.
    static var chunkSize: Int { 16 }

    let results: BatchDecoder<Value>.Results
    let chunkCount: Int
    let group = DispatchGroup()
    private let ranges: [Range<Int>]
    private let bytes: UncheckedBox<UnsafeRawBufferPointer>
    private let decoding: OrderDecoding
    private let transform: @Sendable (Order) -> Value
    private let cancelled: CancelFlag
    private let claimed = Atomic<Int>(0)

    init(
        ranges: [Range<Int>], bytes: UncheckedBox<UnsafeRawBufferPointer>, decoding: OrderDecoding,
        transform: @escaping @Sendable (Order) -> Value, cancelled: CancelFlag
    ) {
        self.ranges = ranges
        self.bytes = bytes
        self.decoding = decoding
        self.transform = transform
        self.cancelled = cancelled
        chunkCount = (ranges.count + Self.chunkSize - 1) / Self.chunkSize
        results = .allocate(capacity: ranges.count)
        results.initialize(repeating: nil)
    }

    deinit {
        _ = results.deinitialize()  // the buffer's own copies are released too (see `mapOrders`)
        results.deallocate()
    }

    /// Decodes the next chunk nobody has claimed (nothing once cancelled); false when none was
    /// left.
    func decodeNextChunk() -> Bool {
        let chunk = claimed.add(1, ordering: .relaxed).oldValue
        guard chunk < chunkCount else { return false }
        let start = chunk * Self.chunkSize
        for index in start..<min(start + Self.chunkSize, ranges.count) {
            if cancelled.isSet { break }
            results[index] = decode(UnsafeRawBufferPointer(rebasing: bytes.value[ranges[index]]))
        }
        return true
    }

    /// One order's bytes decoded and transformed.
    private func decode(_ slice: UnsafeRawBufferPointer) -> DecodedOrder<Value> {
        do throws(JSONParseError) {
            var issues = JSONTextIssues()
            let order = try decoding.order(slice, issues: &issues)
            return .value(transform(order), issues)
        } catch {
            return .unreadable(offset: error.offset, reason: error.reason)
        }
    }
}

/// A stop shared with the workers (relaxed: it only saves work, the results are dropped anyway).
private final class CancelFlag: Sendable {
    private let value = Atomic<Bool>(false)
    func set() { value.store(true, ordering: .relaxed) }
    var isSet: Bool { value.load(ordering: .relaxed) }
}
