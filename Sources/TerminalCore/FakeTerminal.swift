/// An in-memory `TerminalIO` for tests of the app loop: scripted keys in, drawn frames out.
///
/// Keys are returned in order from `pendingKeys`; a `.resize` key also changes `size`, as the
/// real backend does. When the script runs out, `readKey` returns `nil` (a timeout), and counts
/// it in `timeouts` so a test can stop a loop that would otherwise wait forever.
public final class FakeTerminal: TerminalIO {
    public var size: Size
    public var colorCapability: ColorCapability
    public var supportsUnicode: Bool
    /// Keys still to be read.
    public var pendingKeys: [Key]
    /// Every grid passed to `draw`, oldest first.
    public private(set) var frames: [Grid] = []
    /// Every `writeRaw` payload, in order.
    public private(set) var rawWrites: [[UInt8]] = []
    /// How often `readKey` found no key.
    public private(set) var timeouts = 0
    public private(set) var suspendCount = 0
    public private(set) var invalidateCount = 0
    public private(set) var mouseReporting = false
    public private(set) var isShutDown = false

    public init(
        size: Size = Size(width: 80, height: 24), keys: [Key] = [],
        colorCapability: ColorCapability = .indexed256, supportsUnicode: Bool = true
    ) {
        self.size = size
        self.pendingKeys = keys
        self.colorCapability = colorCapability
        self.supportsUnicode = supportsUnicode
    }

    /// The most recent frame.
    public var lastFrame: Grid? { frames.last }

    /// Appends keys to the script.
    public func enqueue(_ keys: Key...) {
        pendingKeys.append(contentsOf: keys)
    }

    public func draw(_ grid: Grid) {
        frames.append(grid)
    }

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        guard !pendingKeys.isEmpty else {
            timeouts += 1
            return nil
        }
        let key = pendingKeys.removeFirst()
        if case .resize(let newSize) = key { size = newSize }
        return key
    }

    /// The script is the whole input: once it is read, nothing more comes.
    public var inputEnded: Bool { pendingKeys.isEmpty }

    public func suspend() { suspendCount += 1 }

    public func invalidate() { invalidateCount += 1 }

    public func setMouseReporting(_ enabled: Bool) { mouseReporting = enabled }

    public func writeRaw(_ bytes: [UInt8]) { rawWrites.append(bytes) }

    public func shutdown() { isShutDown = true }
}
