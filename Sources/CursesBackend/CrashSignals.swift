/// The crash and quit signals (SIGQUIT, SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP) for
/// the whole process: a one-line report on stderr, the terminal given back if the screen is
/// taken, and the default action at once, so the exit status names the signal.
///
/// Installed first thing by the executable, after the Swift runtime's own handlers (the
/// runtime reads `SWIFT_BACKTRACE` before `main`, so setting it there is too late): with the
/// default environment the runtime's crash reporter waited 30 s for a key, kept a thread
/// spinning, and let the program go on drawing afterwards.
public enum CrashSignals {
    public static func install() {
        TerminalGuard.installFatalHandlers()
    }
}
