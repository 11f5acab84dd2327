import TestTiming
import Testing

/// The parent of the end-to-end suites. They run in parallel with each other and with the rest
/// of the run: every helper waits asynchronously (no thread of the cooperative pool blocks in
/// `waitpid` or a read), each test has its own tmux server socket, temporary directory and mock
/// port. What they do share is the machine's two cores, so `EndToEndGate` lets only a few real
/// binaries run at once: more only made each one slower, nearer its timeouts.
@Suite("end to end", EndToEndGate())
enum EndToEnd {}

/// Admits at most `width` end-to-end test cases at a time (every test below the suite it is on;
/// the others wait without holding a thread), and runs them on `WaitingExecutor`.
struct EndToEndGate: SuiteTrait, TestTrait, TestScoping {
    /// Two, one per core: at four, a fresh-clone CI run on two cores saw the hostile-data walk
    /// and a signal test miss their screens under the load (both pass alone and at two).
    static let slots = Slots(width: 2)

    var isRecursive: Bool { true }

    func scopeProvider(for test: Test, testCase: Test.Case?) -> Self? {
        testCase == nil ? nil : self  // one slot per test case, none for a whole suite
    }

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        // On threads of their own: what these tests do is wait, and a wait that ends must not
        // queue behind the CPU-bound tests on the cooperative pool.
        try await withTaskExecutorPreference(WaitingExecutor.shared) {
            await Self.slots.acquire()
            do {
                try await function()
            } catch {
                await Self.slots.release()
                throw error
            }
            await Self.slots.release()
        }
    }

    /// A counting semaphore for tasks: waiters queue in order and hold no thread.
    actor Slots {
        private var free: Int
        private var waiting: [CheckedContinuation<Void, Never>] = []

        init(width: Int) { free = width }

        func acquire() async {
            if free > 0 {
                free -= 1
                return
            }
            await withCheckedContinuation { waiting.append($0) }
        }

        func release() {
            if waiting.isEmpty {
                free += 1
            } else {
                waiting.removeFirst().resume()  // the slot passes straight to the next waiter
            }
        }
    }
}

extension EndToEnd {
    /// A row of the order list on a screen: the pane's border, the anomaly mark if any (`!3`),
    /// then the order number starting with `prefix`. The mark column is as wide as the rows on
    /// screen need, so the number's column is not fixed.
    static func isListRow(_ line: some StringProtocol, numberStartingWith prefix: String) -> Bool {
        guard line.hasPrefix("│") else { return false }
        var rest = Substring(line.dropFirst())
        if rest.first == "!" { rest = rest.drop { $0 != " " } }
        return rest.drop { $0 == " " }.hasPrefix(prefix)
    }
}
