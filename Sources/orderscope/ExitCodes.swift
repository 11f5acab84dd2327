import ArgumentParser
import OrderIndex
import OrderSources
import Synchronization
import TerminalCore

#if canImport(Glibc)
    import Glibc
#endif

/// Exit codes shared by every command: 0 success; 1 anomalies found (`check`) or the input was
/// damaged (load problems: what could be read was still printed, shown or exported); 2 unusable
/// input, or output that could not be written.
enum OrderScopeExit {
    static let anomalies = ExitCode(1)
    /// Some of the input could not be read (a damaged order, a cut-off file, values that are not
    /// orders); the rest was used.
    static let damaged = ExitCode(1)
    static let unusableInput = ExitCode(2)

    /// Prints an operator-readable error on stderr (sanitized: paths and messages can carry
    /// hostile bytes) and returns the exit code for unusable input.
    static func fail(_ error: SourceError) -> ExitCode {
        printError(error.message)
        return unusableInput
    }

    /// Ends a command that printed what it could read: exit 2 when a file changed while it was
    /// read (the input is not what was opened), 1 when part of it was damaged, else success.
    static func finish(_ problems: [SourceProblem]) throws {
        if problems.contains(where: \.fileChanged) { throw unusableInput }
        if !problems.isEmpty { throw damaged }
    }

    static func printError(_ message: String) {
        // The reader of our output left (`| head`): nothing went wrong that anyone will read.
        if ClosedPipe.wasSeen { _exit(0) }
        let lines = Sanitizer.sanitizeLines(message)
        let text = "orderscope: " + lines.joined(separator: "\n    ") + "\n"
        FileHandleOutput.standardError.write(text)
    }
}

/// Minimal unbuffered writes to stdout/stderr without Foundation's FileHandle.
///
/// A write that fails is recorded, not dropped: `print x.json > /dev/full` must not exit 0.
/// After the first failure on a stream nothing more is written to it, and the exit handler
/// installed by `install()` reports the failure and exits 2, whatever the command returned, so
/// no command has to check each write. A reader that went away (`| head`, EPIPE) is not an
/// error: the process ends at once, quietly, with 0, as `yes | head` does.
enum FileHandleOutput {
    case standardOutput, standardError

    /// errno of the first failed write, per stream (0: none yet).
    private static let outFailure = Atomic<Int32>(0)
    private static let errFailure = Atomic<Int32>(0)

    private var recordedFailure: Int32 {
        self == .standardOutput
            ? Self.outFailure.load(ordering: .relaxed) : Self.errFailure.load(ordering: .relaxed)
    }

    private func record(_ code: Int32) {
        if self == .standardOutput {
            Self.outFailure.store(code, ordering: .relaxed)
        } else {
            Self.errFailure.store(code, ordering: .relaxed)
        }
    }

    func write(_ text: String) {
        guard recordedFailure == 0 else { return }
        var text = text
        let fd: Int32 = self == .standardOutput ? 1 : 2
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written < 0 && errno == EPIPE {
                    if self == .standardOutput { _exit(0) }
                    record(EPIPE)  // stderr's reader left: nowhere to say so, but not a success
                    return
                }
                if written <= 0 {
                    // write(2) returning 0 for a non-empty buffer is a device that takes nothing.
                    record(written < 0 ? errno : ENOSPC)
                    return
                }
                offset += written
            }
        }
    }

    /// Called first thing in `main`: a closed pipe becomes EPIPE (handled above) instead of a
    /// SIGPIPE death, and failed writes are reported when the process exits.
    static func install() {
        signal(SIGPIPE, SIG_IGN)
        atexit { FileHandleOutput.reportFailures() }
    }

    /// The message for a write that failed on `stream`, nil if none did.
    static func failureMessage(_ stream: FileHandleOutput) -> String? {
        let code = stream.recordedFailure
        guard code != 0 else { return nil }
        let name = stream == .standardOutput ? "standard output" : "standard error"
        return "cannot write to \(name): \(String(cString: strerror(code)))"
    }

    /// The exit handler: a failed write turns any exit status into 2, with the reason on
    /// stderr (if stderr itself still takes it).
    private static func reportFailures() {
        guard let message = failureMessage(.standardOutput) ?? failureMessage(.standardError) else { return }
        OrderScopeExit.printError(message)
        // Inside an exit handler `exit` again is undefined; `_exit` ends with our code.
        _exit(OrderScopeExit.unusableInput.rawValue)
    }
}
