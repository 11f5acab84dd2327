import Dispatch

/// A task executor on threads of its own, for tests that mostly wait (on a child process, a
/// socket, a timer): with it as their preference (`withTaskExecutorPreference`) they resume as
/// soon as what they wait for happens, instead of queueing behind the CPU-bound tests that fill
/// the cooperative pool (one thread per core: on two cores a full run held an API test's
/// resumption back for over a minute, past its timeouts). Their work is small, so the threads
/// cost little; the queue's jobs run concurrently, one task's jobs never at once.
public final class WaitingExecutor: TaskExecutor, @unchecked Sendable {
    /// The one instance, shared by the suites that wait.
    public static let shared = WaitingExecutor()

    private let queue = DispatchQueue(label: "orderscope.tests.waiting", attributes: .concurrent)

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
