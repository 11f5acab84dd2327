import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Keeps a dump that shrinks while it is mapped from killing the process.
///
/// Reading a page of a mapped file past its new end raises SIGBUS. This guard's SIGBUS handler
/// looks the faulting address up among the mapped dumps; when it is one of them, it maps a page of
/// zeros over the address (`MAP_FIXED`, a syscall, safe in a handler) and marks that mapping as
/// changed, so the read returns and the reader meets NUL bytes, which no JSON holds: the damage
/// is reported like any other, the orders read before it stay usable, and the command says the
/// file changed. Any other SIGBUS goes to the handler that was installed before (the terminal
/// guard's crash path, or the default action).
///
/// Install it after any other SIGBUS handler (`install()` again once the terminal guard is in):
/// it chains to whatever it found.
public enum TruncationGuard {
    /// Mapped ranges by slot: start, end (0 when free). Read by the handler without locks; a slot
    /// is written only while it is free (end 0) and the end is written last.
    private static let slots = 256
    nonisolated(unsafe) private static let ranges: UnsafeMutablePointer<Atomic<Int>> = {
        let pointer = UnsafeMutablePointer<Atomic<Int>>.allocate(capacity: slots * 2)
        for index in 0..<(slots * 2) { (pointer + index).initialize(to: Atomic<Int>(0)) }
        return pointer
    }()
    nonisolated(unsafe) private static let changed: UnsafeMutablePointer<Atomic<Bool>> = {
        let pointer = UnsafeMutablePointer<Atomic<Bool>>.allocate(capacity: slots)
        for index in 0..<slots { (pointer + index).initialize(to: Atomic<Bool>(false)) }
        return pointer
    }()
    nonisolated(unsafe) private static let previous: UnsafeMutablePointer<sigaction> = {
        let pointer = UnsafeMutablePointer<sigaction>.allocate(capacity: 1)
        pointer.initialize(to: sigaction())
        return pointer
    }()
    private static let lock = Mutex<Void>(())

    /// Installs the handler, remembering the current one to chain to (never itself).
    public static func install() {
        lock.withLock { _ in installUnlocked() }
    }

    nonisolated(unsafe) private static var installedHandler = 0

    /// Registers a mapping; returns its slot (nil when all are taken: then it is not guarded).
    static func register(base: UnsafeRawPointer, length: Int) -> Int? {
        let start = Int(bitPattern: base)
        return lock.withLock { _ -> Int? in
            if installedHandler == 0 { installUnlocked() }
            for slot in 0..<slots where ranges[slot * 2 + 1].load(ordering: .acquiring) == 0 {
                changed[slot].store(false, ordering: .relaxed)
                ranges[slot * 2].store(start, ordering: .relaxed)
                ranges[slot * 2 + 1].store(start + length, ordering: .releasing)
                return slot
            }
            return nil
        }
    }

    private static func installUnlocked() {
        var action = sigaction()
        action.__sigaction_handler.sa_sigaction = { signal, info, context in
            TruncationGuard.handle(signal, info, context)
        }
        action.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER
        sigemptyset(&action.sa_mask)
        let ours = action.__sigaction_handler.sa_sigaction.map { unsafeBitCast($0, to: Int.self) } ?? 0
        var current = sigaction()
        sigaction(SIGBUS, nil, &current)
        let currentHandler =
            current.__sigaction_handler.sa_sigaction.map { unsafeBitCast($0, to: Int.self) } ?? 0
        if current.sa_flags & SA_SIGINFO == 0 || currentHandler != ours { previous.pointee = current }
        sigaction(SIGBUS, &action, nil)
        installedHandler = ours
    }

    static func unregister(_ slot: Int) {
        lock.withLock { _ in
            ranges[slot * 2 + 1].store(0, ordering: .releasing)
            ranges[slot * 2].store(0, ordering: .relaxed)
        }
    }

    /// True when a read of the mapping in `slot` met the end of a file that had shrunk.
    static func hasChanged(_ slot: Int) -> Bool { changed[slot].load(ordering: .acquiring) }

    private static func handle(
        _ signal: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?
    ) {
        // Only a fault the kernel raised (si_code > 0) has an address; `kill -BUS` has a sender.
        if let info, info.pointee.si_code > 0 {
            let address = Int(bitPattern: info.pointee._sifields._sigfault.si_addr)
            for slot in 0..<slots {
                let end = ranges[slot * 2 + 1].load(ordering: .acquiring)
                guard end != 0, address >= ranges[slot * 2].load(ordering: .relaxed), address < end else {
                    continue
                }
                let page = Int(sysconf(Int32(_SC_PAGESIZE)))
                let aligned = address & ~(page - 1)
                let zeros = mmap(
                    UnsafeMutableRawPointer(bitPattern: aligned), page, PROT_READ,
                    MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS,
                    -1, 0)
                if zeros != MAP_FAILED {
                    changed[slot].store(true, ordering: .releasing)
                    return
                }
            }
        }
        // Not ours: what was there before.
        let before = previous.pointee
        if before.sa_flags & SA_SIGINFO != 0, let handler = before.__sigaction_handler.sa_sigaction {
            handler(signal, info, context)
            return
        }
        if let handler = before.__sigaction_handler.sa_handler,
            unsafeBitCast(handler, to: Int.self) != unsafeBitCast(SIG_DFL, to: Int.self),
            unsafeBitCast(handler, to: Int.self) != unsafeBitCast(SIG_IGN, to: Int.self)
        {
            handler(signal)
            return
        }
        var defaultAction = sigaction()
        defaultAction.__sigaction_handler.sa_handler = SIG_DFL
        sigaction(SIGBUS, &defaultAction, nil)
        raise(SIGBUS)
    }
}
