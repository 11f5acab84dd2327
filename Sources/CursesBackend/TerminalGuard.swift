import CNcurses
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Gives the terminal back to the shell on every way out of the program: normal shutdown,
/// `exit`, Ctrl-C/SIGTERM/SIGHUP, Ctrl-Z (and takes it again on `fg`), and crashes.
///
/// After `initscr` the tty is in cbreak/noecho mode on the alternate screen with the cursor
/// hidden. If the process dies without `endwin`, the user's shell is left unusable (no echo,
/// no line editing). Swift traps (`fatalError`, out-of-range index, force unwrap of `nil`)
/// arrive as SIGILL or SIGTRAP, so a panic hook is not enough: signal handlers are needed.
///
/// Signal handlers only do async-signal-safe work: `write` a precomputed "leave" sequence
/// (mouse off, keypad off, cursor on, attributes off, main screen) and `tcsetattr` the termios
/// saved before curses started. All state they touch lives in memory allocated once at
/// `install`, reached through a pointer, so no Swift runtime locks are taken in a handler.
///
/// - SIGINT, SIGTERM, SIGHUP: restore, a one-line report on stderr, then re-raise with the
///   default action so the exit status says which signal ended the program (a signal that was
///   ignored at startup, as under `nohup`, stays ignored).
/// - SIGQUIT, SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP: restore, a one-line report,
///   then the default action (the fault happens again, or the signal is sent again), so the
///   process dies at once with the signal's status. Not the previous handler: with the default
///   environment that is Swift's backtracer, which drew its report over the screen, waited 30 s
///   for a key with a thread spinning, then let the app draw again and exit 0 (measured:
///   still alive 10 s after SIGQUIT or SIGABRT, tty raw). Setting `SWIFT_BACKTRACE` from `main`
///   is too late (the runtime reads it before), so the handlers simply replace the runtime's.
///   A crash before the screen is taken still gets the runtime's backtrace.
/// - SIGTSTP: restore, stop, and on SIGCONT put the tty back in program mode, write the
///   "enter" sequence and flag the resume so the next frame is repainted in full.
/// - SIGWINCH: deliberately not handled; ncurses installs its own handler and reports
///   `KEY_RESIZE`.
enum TerminalGuard {
    /// Everything the signal handlers read, in one block of manually allocated memory.
    struct State {
        /// 1 once handlers are installed.
        var installed: Int32 = 0
        var ttyFD: Int32 = 1
        var hasShellModes: Int32 = 0
        var hasProgramModes: Int32 = 0
        var shellModes = termios()
        var programModes = termios()
        var leave: UnsafeMutablePointer<UInt8>?
        var leaveCount = 0
        var enter: UnsafeMutablePointer<UInt8>?
        var enterCount = 0
    }

    /// 1 while curses owns the screen. Atomic (lock-free, so usable in a handler): the signal
    /// handlers run on whichever thread takes the signal while the loop thread reads it.
    static let active = Atomic<Int32>(0)
    /// Set by the SIGTSTP handler after a resume; taken by the terminal on its thread.
    static let resumed = Atomic<Int32>(0)

    nonisolated(unsafe) static let state: UnsafeMutablePointer<State> = {
        let pointer = UnsafeMutablePointer<State>.allocate(capacity: 1)
        pointer.initialize(to: State())
        return pointer
    }()

    /// Previous actions, indexed by signal number.
    nonisolated(unsafe) static let previousActions: UnsafeMutablePointer<sigaction> = {
        let pointer = UnsafeMutablePointer<sigaction>.allocate(capacity: signalSlots)
        pointer.initialize(repeating: sigaction(), count: signalSlots)
        return pointer
    }()

    static let signalSlots = 65
    static let exitSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    static let fatalSignals: [Int32] = [SIGQUIT, SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

    /// The one-line report per signal number, made before any handler is installed: a handler
    /// may not allocate, so it only writes these bytes.
    nonisolated(unsafe) static let reports: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?> = {
        let pointer = UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>.allocate(capacity: signalSlots)
        pointer.initialize(repeating: nil, count: signalSlots)
        return pointer
    }()
    nonisolated(unsafe) static let reportCounts: UnsafeMutablePointer<Int> = {
        let pointer = UnsafeMutablePointer<Int>.allocate(capacity: signalSlots)
        pointer.initialize(repeating: 0, count: signalSlots)
        return pointer
    }()

    /// "orderscope: ended by SIGQUIT (quit)"; the handler adds `restoredNote` when it gave the
    /// screen back, and a line break.
    static func report(_ signal: Int32) -> String {
        let names: [Int32: String] = [
            SIGINT: "SIGINT (interrupt)", SIGTERM: "SIGTERM (terminate)", SIGHUP: "SIGHUP (hangup)",
            SIGQUIT: "SIGQUIT (quit)", SIGSEGV: "SIGSEGV (segmentation fault)", SIGBUS: "SIGBUS (bus error)",
            SIGILL: "SIGILL (illegal instruction, a Swift trap)", SIGFPE: "SIGFPE (arithmetic fault)",
            SIGABRT: "SIGABRT (abort)", SIGTRAP: "SIGTRAP (a Swift trap)",
        ]
        return "orderscope: ended by \(names[signal] ?? "signal \(signal)")"
    }

    nonisolated(unsafe) static let restoredNote: UnsafeMutablePointer<UInt8>? = copy(
        Array("; the terminal was restored\n".utf8))
    static let restoredNoteCount = "; the terminal was restored\n".utf8.count
    nonisolated(unsafe) static let newline: UnsafeMutablePointer<UInt8>? = copy([0x0A])

    /// Makes the reports, once, before any handler that writes them is installed.
    private static func prepareReports() {
        for signal in exitSignals + fatalSignals where reports[Int(signal)] == nil {
            let bytes = Array(report(signal).utf8)
            reports[Int(signal)] = copy(bytes)
            reportCounts[Int(signal)] = bytes.count
        }
    }

    nonisolated(unsafe) private static var fatalInstalled = false

    /// Installs the crash and quit handlers (once) for the rest of the process. The executable
    /// calls this first thing, so a crash or Ctrl-\\ in any command ends it at once instead of
    /// under Swift's interactive crash reporter (measured: `print` of a FIFO still alive 6 s
    /// after SIGQUIT); `install()` calls it too. They stay after `uninstall()`: with the screen
    /// not taken they only report and take the default action.
    static func installFatalHandlers() {
        guard !fatalInstalled else { return }
        fatalInstalled = true
        prepareReports()
        for signal in fatalSignals {
            installHandler(signal, flags: SA_RESETHAND) { signal, info, _ in
                TerminalGuard.handleFatalSignal(signal, info)
            }
        }
    }
    nonisolated(unsafe) private static var atexitRegistered = false
    nonisolated(unsafe) private static var stopHandled = false

    // MARK: - Setup

    /// Saves the shell's tty modes. Call before curses touches the terminal.
    static func saveShellModes(fileDescriptor: Int32) {
        let pointer = state
        pointer.pointee.ttyFD = fileDescriptor
        pointer.pointee.hasShellModes = tcgetattr(fileDescriptor, &pointer.pointee.shellModes) == 0 ? 1 : 0
    }

    /// Saves the program's tty modes (after cbreak/noecho) for resuming after Ctrl-Z.
    static func saveProgramModes() {
        let pointer = state
        pointer.pointee.hasProgramModes =
            tcgetattr(pointer.pointee.ttyFD, &pointer.pointee.programModes) == 0 ? 1 : 0
    }

    /// Sets the byte sequences written when leaving and re-entering the screen.
    static func setSequences(leave: [UInt8], enter: [UInt8]) {
        let pointer = state
        let oldLeave = pointer.pointee.leave
        let oldEnter = pointer.pointee.enter
        pointer.pointee.leave = copy(leave)
        pointer.pointee.leaveCount = leave.count
        pointer.pointee.enter = copy(enter)
        pointer.pointee.enterCount = enter.count
        // Old buffers are leaked on purpose: a handler may be reading them right now.
        _ = (oldLeave, oldEnter)
    }

    /// Installs the handlers (once) and the `atexit` hook.
    static func install() {
        if state.pointee.installed == 1 { return }
        installFatalHandlers()
        for signal in exitSignals {
            installHandler(signal, flags: 0) { signal, _, _ in TerminalGuard.handleExitSignal(signal) }
        }
        stopHandled = installHandler(SIGTSTP, flags: SA_RESTART) { signal, _, _ in
            TerminalGuard.handleStop(signal)
        }
        state.pointee.installed = 1
        if !atexitRegistered {
            atexitRegistered = true
            atexit { TerminalGuard.restoreNormally() }
        }
    }

    /// Puts the previous handlers back (after a normal shutdown).
    static func uninstall() {
        guard state.pointee.installed == 1 else { return }
        for signal in exitSignals + [SIGTSTP] {
            sigaction(signal, previousActions.advanced(by: Int(signal)), nil)
        }
        state.pointee.installed = 0
        stopHandled = false
    }

    /// True when Ctrl-Z can suspend (SIGTSTP was not ignored at startup).
    static var canSuspend: Bool { stopHandled }

    static func markActive(_ active: Bool) {
        Self.active.store(active ? 1 : 0, ordering: .sequentiallyConsistent)
    }

    static var isActive: Bool { active.load(ordering: .sequentiallyConsistent) == 1 }

    /// Returns true once after a resume from Ctrl-Z.
    static func takeResumed() -> Bool {
        resumed.exchange(0, ordering: .sequentiallyConsistent) == 1
    }

    /// Normal-context restore (shutdown, `atexit`): `endwin` if curses still owns the screen.
    /// Idempotent.
    static func restoreNormally() {
        guard active.exchange(0, ordering: .sequentiallyConsistent) == 1 else { return }
        endwin()
    }

    // MARK: - Handlers (async-signal-safe)

    /// Leaves the screen: writes the leave sequence and resets the shell's tty modes. False
    /// when the screen was not taken (or another path left it already).
    @discardableResult
    static func restoreFromSignal() -> Bool {
        let pointer = state
        // Only one handler (or the normal path) gets to leave the screen.
        guard active.exchange(0, ordering: .sequentiallyConsistent) == 1 else { return false }
        if let bytes = pointer.pointee.leave { writeAll(1, bytes, pointer.pointee.leaveCount) }
        if pointer.pointee.hasShellModes == 1 {
            tcsetattr(pointer.pointee.ttyFD, TCSADRAIN, &pointer.pointee.shellModes)
        }
        return true
    }

    /// Writes the signal's report to stderr (async-signal-safe: precomputed bytes, `write`).
    private static func writeReport(_ signal: Int32, restored: Bool) {
        guard signal > 0, signal < signalSlots, let bytes = reports[Int(signal)] else { return }
        writeAll(2, bytes, reportCounts[Int(signal)])
        if restored, let note = restoredNote {
            writeAll(2, note, restoredNoteCount)
        } else if let newline {
            writeAll(2, newline, 1)
        }
    }

    private static func handleExitSignal(_ signal: Int32) {
        let savedErrno = errno
        writeReport(signal, restored: restoreFromSignal())
        var action = sigaction()
        action.__sigaction_handler.sa_handler = SIG_DFL
        sigemptyset(&action.sa_mask)
        sigaction(signal, &action, nil)
        // Blocked while this handler runs; delivered with the default action on return.
        raise(signal)
        errno = savedErrno
    }

    private static func handleFatalSignal(_ signal: Int32, _ info: UnsafeMutablePointer<siginfo_t>?) {
        writeReport(signal, restored: restoreFromSignal())
        // The default action, not the runtime's backtracer (see the type's comment).
        var action = sigaction()
        action.__sigaction_handler.sa_handler = SIG_DFL
        sigemptyset(&action.sa_mask)
        sigaction(signal, &action, nil)
        // Sent again in every case (blocked in here, delivered with the default action on
        // return): a signal from the terminal (Ctrl-\, si_code SI_KERNEL) or from kill/abort has
        // no faulting instruction to repeat, and the process went on running after the report;
        // a real fault is ended by this delivery before the instruction re-executes.
        _ = info
        raise(signal)
    }

    private static func handleStop(_ signal: Int32) {
        let savedErrno = errno
        let pointer = state
        let wasActive = active.load(ordering: .sequentiallyConsistent) == 1
        restoreFromSignal()

        var ours = sigaction()
        sigaction(signal, nil, &ours)
        var defaultAction = sigaction()
        defaultAction.__sigaction_handler.sa_handler = SIG_DFL
        sigemptyset(&defaultAction.sa_mask)
        sigaction(signal, &defaultAction, nil)
        var mask = sigset_t()
        sigemptyset(&mask)
        sigaddset(&mask, signal)
        sigprocmask(SIG_UNBLOCK, &mask, nil)
        kill(getpid(), signal)  // stops here until SIGCONT
        sigprocmask(SIG_BLOCK, &mask, nil)
        sigaction(signal, &ours, nil)

        if wasActive {
            if pointer.pointee.hasProgramModes == 1 {
                tcsetattr(pointer.pointee.ttyFD, TCSADRAIN, &pointer.pointee.programModes)
            }
            if let bytes = pointer.pointee.enter { writeAll(1, bytes, pointer.pointee.enterCount) }
            active.store(1, ordering: .sequentiallyConsistent)
            resumed.store(1, ordering: .sequentiallyConsistent)
        }
        errno = savedErrno
    }

    // MARK: - Helpers

    typealias Handler =
        @convention(c) (Int32, UnsafeMutablePointer<siginfo_t>?, UnsafeMutableRawPointer?) -> Void

    /// Installs `handler` for `signal`, remembering the previous action. Signals ignored at
    /// startup (e.g. SIGHUP under nohup, SIGTSTP without job control) are left ignored.
    @discardableResult
    private static func installHandler(_ signal: Int32, flags: some BinaryInteger, handler: Handler) -> Bool {
        let previous = previousActions.advanced(by: Int(signal))
        guard sigaction(signal, nil, previous) == 0 else { return false }
        if isIgnored(previous.pointee) { return false }
        var action = sigaction()
        action.__sigaction_handler.sa_sigaction = handler
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_SIGINFO | Int32(truncatingIfNeeded: flags)
        return sigaction(signal, &action, nil) == 0
    }

    private static func isIgnored(_ action: sigaction) -> Bool {
        guard action.sa_flags & SA_SIGINFO == 0 else { return false }
        let handler = unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self)
        return handler == 1  // SIG_IGN
    }

    private static func copy(_ bytes: [UInt8]) -> UnsafeMutablePointer<UInt8>? {
        guard !bytes.isEmpty else { return nil }
        let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
        pointer.initialize(from: bytes, count: bytes.count)
        return pointer
    }

    /// `write` until done, retrying on EINTR; gives up on other errors.
    static func writeAll(_ fd: Int32, _ bytes: UnsafePointer<UInt8>, _ count: Int) {
        var offset = 0
        while offset < count {
            let written = write(fd, bytes + offset, count - offset)
            if written > 0 {
                offset += written
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                return
            }
        }
    }
}
