import Dispatch
import Synchronization

/// A task executor on threads of its own, for tests that mostly wait (on a child process, a
/// socket, a timer): with it as their preference (`withTaskExecutorPreference`) they resume as
/// soon as what they wait for happens, instead of queueing behind the CPU-bound tests that fill
/// the cooperative pool (one thread per core: on two cores a full run held an API test's
/// resumption back for over a minute, past its timeouts).
///
/// Jobs go round-robin to serial dispatch queues: a serial queue runs on an overcommitting
/// thread of its own, while a concurrent one would share the width-limited threads the pool
/// runs on. A task never has two jobs queued at once, so its jobs never run at the same time.
public final class WaitingExecutor: TaskExecutor, @unchecked Sendable {
    /// The one instance, shared by the suites that wait (the end-to-end tree).
    public static let shared = WaitingExecutor()

    private let queues = (0..<16).map { DispatchQueue(label: "orderscope.tests.waiting.\($0)") }
    private let next = Atomic<Int>(0)

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
        queues[Int(UInt(bitPattern: index) % UInt(queues.count))].async { job.runSynchronously(on: executor) }
    }
}
