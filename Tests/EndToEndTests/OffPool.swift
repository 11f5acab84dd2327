import Foundation

/// Runs a blocking call (`waitpid`, a pipe read to its end, `waitUntilExit`) on a thread of its
/// own and suspends the caller until it returns. The cooperative pool has one thread per core
/// (two here): a test blocking one of them in a system call held back every other async test of
/// the run, which is why the end-to-end suites used to run one at a time.
enum OffPool {
    static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: body()) }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }
}
