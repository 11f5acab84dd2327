import Testing

/// Runs each test case below the suite it is on with `WaitingExecutor` as its executor
/// preference: for suites whose tests mostly wait (on a socket to the in-process mock, a timer)
/// and must resume as soon as the answer is there. On the cooperative pool they queued behind
/// the CPU-bound tests that hold its two threads, and a client deadline counts that wait: in a
/// full run on a loaded two-core machine every API test took 66 to 72 s for milliseconds of
/// work; with two more busy processes a 60 s timeout expired on a local answer
/// (`anAnswerOverTheBodyLimitIsRefused`) and a 1 s one ended 159 s late.
public struct OnWaitingExecutor: SuiteTrait, TestTrait, TestScoping {
    public var isRecursive: Bool { true }

    public func scopeProvider(for test: Test, testCase: Test.Case?) -> Self? {
        testCase == nil ? nil : self  // one scope per test case, none for a whole suite
    }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        try await withTaskExecutorPreference(WaitingExecutor.shared) { try await function() }
    }
}

extension Trait where Self == OnWaitingExecutor {
    /// See `OnWaitingExecutor`.
    public static var onWaitingExecutor: Self { OnWaitingExecutor() }
}
