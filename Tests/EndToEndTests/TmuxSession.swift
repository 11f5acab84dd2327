import Foundation
import TestTiming
import Testing

/// Drives the real binary inside a detached tmux session: send keys, read the screen with
/// capture-pane, wait for a condition (never a fixed sleep), and check the terminal afterwards.
final class TmuxSession {
    let name: String
    let socket: String
    private(set) var isRunning = false

    static var isAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")
    }

    /// Starts `command` under `dash` (not bash: what a minimal login shell gives) in a pane of
    /// `width`×`height`. The shell stays alive after the command exits, so the terminal state it
    /// left behind can be inspected with `stty -a`.
    init(command: String, width: Int = 80, height: Int = 24, environment: [String: String] = [:]) async throws
    {
        name = "os-\(UUID().uuidString.prefix(8))"
        socket = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(name)").path
        var exports = "export LANG=C.UTF-8 TERM=xterm-256color"
        for (key, value) in environment { exports += " \(key)='\(value)'" }
        let shell =
            "\(exports); cd '\(BinaryRunner.packageRoot.path)'; \(command); echo \"[exit $?]\"; exec dash"
        try await tmux([
            "new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", "dash", "-c", shell,
        ])
        isRunning = true
        let pid = (try? await tmux(["display-message", "-p", "#{pid}"])) ?? ""
        serverPID = Int32(pid.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    deinit {
        if isRunning { stopServer() }
    }

    func close() {
        stopServer()
        isRunning = false
    }

    /// The tmux server's pid: the session ends by signalling it (no tmux client to wait for, so a
    /// `defer` can close a session without blocking), and a server that outlives SIGTERM (a busy
    /// pane, a test that timed out) is still stopped and never piles up across a test run.
    private var serverPID: Int32 = 0

    private func stopServer() {
        let pid = serverPID
        let socket = socket
        guard pid > 0 else {
            unlink(socket)
            return
        }
        // SIGTERM is tmux's own kill-server: it hangs up every pane and removes the socket. The
        // follow-up SIGKILL waits on a thread of its own, never on the cooperative pool.
        kill(pid, SIGTERM)
        Thread {
            for _ in 0..<100 where kill(pid, 0) == 0 { usleep(20_000) }
            if kill(pid, 0) == 0 { kill(pid, SIGKILL) }
            unlink(socket)
        }.start()
    }

    /// Sends tmux key names (`j`, `Enter`, `Escape`, `C-c`, `Tab`, `BTab`).
    func send(_ keys: String...) async throws {
        try await tmux(["send-keys", "-t", name] + keys)
    }

    /// Types literal text.
    func type(_ text: String) async throws {
        try await tmux(["send-keys", "-t", name, "-l", text])
    }

    func resize(width: Int, height: Int) async throws {
        try await tmux(["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
    }

    func screen() async throws -> String {
        try await tmux(["capture-pane", "-p", "-t", name])
    }

    /// Waits until the screen satisfies `condition`, polling; fails with the last screen.
    /// `timeout` is in seconds at normal speed, scaled by `TestTime`. It is only a hang guard
    /// (the wait ends as soon as the condition holds), so the default is a generous minute: a
    /// debug binary on two cores shared with compilers can be held off the CPU for many seconds.
    ///
    /// `settled`: the screen is returned only once two captures 50 ms apart are the same. tmux
    /// reads the program's output in chunks and answers a capture between two of them, so a
    /// capture can hold the top of a new frame above the rest of the old one; a check that reads
    /// more of the screen than `condition` looks at needs the whole frame.
    @discardableResult
    func waitFor(
        _ description: String, timeout: Double = 60, settled: Bool = false,
        sourceLocation: SourceLocation = #_sourceLocation, _ condition: (String) -> Bool
    ) async throws -> String {
        let deadline = Date().addingTimeInterval(TestTime.seconds(timeout))
        var last = ""
        var previous: String?
        while Date() < deadline {
            last = (try? await screen()) ?? ""
            if condition(last) {
                if !settled || last == previous { return last }
                previous = last
            } else {
                previous = nil
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record(
            "timed out waiting for \(description); screen was:\n\(last)", sourceLocation: sourceLocation)
        throw TmuxError.timeout(description)
    }

    @discardableResult
    func waitForText(
        _ text: String, timeout: Double = 60, settled: Bool = false,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String {
        try await waitFor("\"\(text)\"", timeout: timeout, settled: settled, sourceLocation: sourceLocation) {
            $0.contains(text)
        }
    }

    /// The pid of the process running in the pane's foreground (for sending signals).
    func panePID() async throws -> Int32 {
        let text = try await tmux(["display-message", "-p", "-t", name, "#{pane_pid}"])
        return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    @discardableResult
    func tmux(_ arguments: [String]) async throws -> String {
        // posix_spawn + waitpid rather than Foundation's Process: the tmux server forked by
        // new-session inherits descriptors, and Process did not reap the client reliably here.
        // Output goes to a file, never a pipe the server could hold open.
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tmux-out-\(UUID().uuidString)"
        ).path
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // Nothing else is inherited: a server holding the write end of another test's pipe
        // would keep that test waiting for an end of file that never comes.
        for fd in Self.openDescriptors() where fd > 2 {
            posix_spawn_file_actions_addclose(&actions, fd)
        }
        let argv = ["/usr/bin/tmux", "-S", socket] + arguments
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for pointer in cArgs { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/usr/bin/tmux", &actions, nil, &cArgs, environ)
        guard spawned == 0 else { throw TmuxError.failed("spawn tmux: \(spawned)") }
        let child = pid
        let status = await OffPool.run { () -> Int32 in
            var status: Int32 = 0
            while waitpid(child, &status, 0) < 0 && errno == EINTR {}
            return status
        }
        let exitCode = (status >> 8) & 0xFF
        if exitCode != 0 && arguments.first != "kill-server" {
            throw TmuxError.failed(arguments.joined(separator: " "))
        }
        return BinaryRunner.readText(outputPath)
    }

    /// The descriptors open in this process (a close action for one closed meanwhile is
    /// ignored by posix_spawn).
    private static func openDescriptors() -> [Int32] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return names.compactMap { Int32($0) }
    }

    enum TmuxError: Error {
        case failed(String)
        case timeout(String)
    }
}
