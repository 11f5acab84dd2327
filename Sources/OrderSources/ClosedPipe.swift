import Synchronization

/// Whether a write found its reader gone (EPIPE: `orderscope export --out - | head`).
///
/// The executable ignores SIGPIPE so that a write error is a value everywhere (the browser
/// must never die of one with the terminal raw). A command line program whose reader left,
/// though, should end quietly as `yes | head` does, not print "Broken pipe": the writers here
/// note it, and the executable's error path ends with 0 and no message when it is set.
public enum ClosedPipe {
    private static let seen = Atomic<Bool>(false)

    /// Set by a writer that got EPIPE.
    public static func note() { seen.store(true, ordering: .relaxed) }

    /// True once any write found its reader gone.
    public static var wasSeen: Bool { seen.load(ordering: .relaxed) }
}
