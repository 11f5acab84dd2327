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
/// chunks) and takes back the oldest once more than `depth` batches are in flight, so the scan
/// runs beside the decoding and the workers always have a batch queued. At most `depth + 1`
/// batches of results are held, however big the dump is.
///
/// Used from one thread (the scan's); the workers touch only their own slots of a batch's
/// results, read back after the batch's group was waited for. `close` must be called before the
/// bytes go away: it waits for the work still running.
final class BatchDecoder<Value: Sendable> {
    /// A batch's results, one slot per order (nil only for work cancelled).
    typealias Results = UnsafeMutableBufferPointer<DecodedOrder<Value>?>

    private struct Job {
        let batch: [ScannedOrder]
        let results: Results
        let group: DispatchGroup
    }

    /// Orders decoded per work item: big enough that queueing costs nothing beside the
    /// decoding, small enough that the last items of a batch spread over the cores.
    static var chunkSize: Int { 16 }

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
        let results = Results.allocate(capacity: batch.count)
        results.initialize(repeating: nil)
        let group = DispatchGroup()
        let job = Job(batch: batch, results: results, group: group)
        let shared = UncheckedBox((results, batch.map { $0.start..<$0.end }))
        let bytes = self.bytes
        let decoding = self.decoding
        let transform = self.transform
        let cancelled = self.cancelled
        for chunk in stride(from: 0, to: batch.count, by: Self.chunkSize) {
            let end = min(chunk + Self.chunkSize, batch.count)
            DispatchQueue.global().async(group: group) {
                let (results, ranges) = shared.value
                for index in chunk..<end {
                    if cancelled.isSet { return }
                    results[index] = Self.decode(
                        UnsafeRawBufferPointer(rebasing: bytes.value[ranges[index]]), decoding: decoding,
                        transform: transform)
                }
            }
        }
        jobs.append(job)
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
            job.group.wait()
            let goOn = body(job.batch, job.results)
            release(job)
            if !goOn {
                close()
                return false
            }
        }
        return true
    }

    /// Cancels the work in flight, waits for what is running and frees the results not taken.
    func close() {
        cancelled.set()
        while !jobs.isEmpty {
            let job = jobs.removeFirst()
            job.group.wait()
            release(job)
        }
    }

    private func release(_ job: Job) {
        _ = job.results.deinitialize()  // the buffer's own copies are released too (see `mapOrders`)
        job.results.deallocate()
    }

    /// One order's bytes decoded and transformed.
    private static func decode(
        _ slice: UnsafeRawBufferPointer, decoding: OrderDecoding, transform: (Order) -> Value
    ) -> DecodedOrder<Value> {
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
