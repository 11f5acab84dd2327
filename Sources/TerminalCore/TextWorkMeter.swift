import Foundation

/// Counts the bytes of text the sanitizer and the width function are handed, for tests that
/// check drawing work is bounded by the screen, not by the length of the data (a 1 MB value
/// must cost a frame what a short one does), without timing anything.
///
/// Off unless a test binds one with `TextWorkMeter.$current.withValue(meter) { … }`; the only
/// cost when off is one task-local read per call.
public final class TextWorkMeter: @unchecked Sendable {
    @TaskLocal public static var current: TextWorkMeter?

    private let lock = NSLock()
    private var total = 0

    public init() {}

    /// Bytes (UTF-8) passed to `Sanitizer.sanitize(_:)` and `DisplayWidth.of(_:)` for strings.
    public var bytes: Int { lock.withLock { total } }

    func add(_ count: Int) {
        lock.withLock { total += count }
    }
}
