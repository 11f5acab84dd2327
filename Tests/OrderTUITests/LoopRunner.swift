import Foundation

@testable import OrderTUI

/// Runs an app loop on its own thread and waits for it without holding one of the (two)
/// cooperative threads: the loop's loads are tasks that need those threads to finish.
enum LoopRunner {
    static func run(_ loop: AppLoop) async {
        nonisolated(unsafe) let loop = loop
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            Thread.detachNewThread {
                loop.run()
                done.resume()
            }
        }
    }
}
