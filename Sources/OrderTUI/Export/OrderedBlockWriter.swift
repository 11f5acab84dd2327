import Dispatch
import Foundation
import OrderIndex

/// Makes numbered blocks of output on several threads and writes them in order as they are
/// done, so no core waits for a write or for another core's share of a block: each worker takes
/// the next block number and makes it, and the worker that finishes the block next in line
/// writes it (and those finished after it) while the others go on making blocks.
///
/// A worker that finished a block more than `maxWaiting` blocks ahead of the writes waits; the
/// block in line is then being made by a worker that is running (a worker waits only after
/// finishing a block), so this cannot deadlock, also when the threads run one after another,
/// and memory holds a few blocks whatever the length of the output.
final class OrderedBlockWriter: @unchecked Sendable {
    private let condition = NSCondition()
    private let blocks: Int
    private let maxWaiting: Int
    private var nextToMake = 0
    private var nextToWrite = 0
    private var finished: [Int: (bytes: [UInt8], items: Int)] = [:]
    private var writing = false
    private var written = 0
    private var failure: SourceError?

    private init(blocks: Int, maxWaiting: Int) {
        self.blocks = blocks
        self.maxWaiting = maxWaiting
    }

    /// Makes blocks `0..<blocks` with `make` (called on up to `workers` threads at once; it
    /// returns the block's bytes and how many items they hold) and passes their bytes to
    /// `write` in block order (one call at a time). Returns the items written; the first error
    /// of `write` stops the work and is thrown.
    static func run(
        blocks: Int, workers: Int,
        make: @Sendable (Int) -> (bytes: [UInt8], items: Int),
        write: @Sendable ([UInt8]) throws(SourceError) -> Void
    ) throws(SourceError) -> Int {
        let workers = max(1, min(workers, blocks))
        let state = OrderedBlockWriter(blocks: blocks, maxWaiting: 2 * workers)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let block = state.claim() {
                state.finish(block, make(block), write: write)
            }
        }
        if let failure = state.failure { throw failure }
        return state.written
    }

    /// The next block to make; nil when all are taken or a write failed.
    private func claim() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        guard failure == nil, nextToMake < blocks else { return nil }
        nextToMake += 1
        return nextToMake - 1
    }

    private func finish(
        _ block: Int, _ result: (bytes: [UInt8], items: Int),
        write: @Sendable ([UInt8]) throws(SourceError) -> Void
    ) {
        condition.lock()
        defer { condition.unlock() }
        finished[block] = result
        guard !writing, block == nextToWrite else {
            while finished.count > maxWaiting, failure == nil { condition.wait() }
            return
        }
        writing = true
        while failure == nil, let next = finished.removeValue(forKey: nextToWrite) {
            condition.unlock()
            let outcome = Result { () throws(SourceError) in try write(next.bytes) }
            condition.lock()
            switch outcome {
            case .success: written += next.items
            case .failure(let error): failure = error
            }
            nextToWrite += 1
            condition.broadcast()
        }
        writing = false
        condition.broadcast()
    }
}
