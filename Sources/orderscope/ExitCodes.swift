import ArgumentParser
import OrderSources
import TerminalCore

#if canImport(Glibc)
    import Glibc
#endif

/// Exit codes shared by every command: 0 success; 1 anomalies found (`check`) or the input was
/// damaged (load problems: what could be read was still printed, shown or exported); 2 unusable
/// input.
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
        let lines = Sanitizer.sanitizeLines(message)
        let text = "orderscope: " + lines.joined(separator: "\n    ") + "\n"
        FileHandleOutput.standardError.write(text)
    }
}

/// Minimal unbuffered writes to stdout/stderr without Foundation's FileHandle.
enum FileHandleOutput {
    case standardOutput, standardError

    func write(_ text: String) {
        var text = text
        let fd: Int32 = self == .standardOutput ? 1 : 2
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if written <= 0 {
                    if written < 0 && errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }
}
