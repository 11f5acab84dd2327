import Foundation
import Testing

/// Runs the built `orderscope` binary as a child process and captures what it prints.
enum BinaryRunner {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary under test: `ORDERSCOPE_BIN`, else the debug build in `.build`.
    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["ORDERSCOPE_BIN"] { return path }
        let candidates = [
            ".build/debug/orderscope", ".build/x86_64-unknown-linux-gnu/debug/orderscope",
            ".build/aarch64-unknown-linux-gnu/debug/orderscope",
        ]
        for candidate in candidates {
            let path = packageRoot.appendingPathComponent(candidate).path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return packageRoot.appendingPathComponent(".build/debug/orderscope").path
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> Result {
        try await launch(binary, arguments, environment: environment)
    }

    /// Runs `script` under dash (`/bin/sh`), with `$BIN` set to the binary under test: for
    /// redirections and pipes (`> /dev/full`, `| head`).
    static func shell(_ script: String, environment: [String: String] = [:]) async throws -> Result {
        try await launch("/bin/sh", ["-c", script], environment: environment.merging(["BIN": binary]) { $1 })
    }

    private static func launch(_ executable: String, _ arguments: [String], environment: [String: String])
        async throws
        -> Result
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        var env = ProcessInfo.processInfo.environment
        env["LANG"] = "C.UTF-8"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Both pipes are read at the same time, each on a thread of its own: reading one to its end
        // first would leave a child that fills the other pipe blocked forever.
        async let outData = readToEnd(out.fileHandleForReading)
        async let errData = readToEnd(err.fileHandleForReading)
        let (stdout, stderr) = await (outData, errData)
        let status = await process.exitStatus()
        return Result(
            status: status, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Everything `handle` gives until its end of file, read off the cooperative pool.
    static func readToEnd(_ handle: FileHandle) async -> Data {
        let box = UncheckedBox(handle)
        return await OffPool.run { box.value.readDataToEndOfFile() }
    }

    /// A small file's text ("" when it is missing or not UTF-8), read with `read(2)`:
    /// `String(contentsOfFile:)` leaks a 4 KB buffer for an empty file on Linux (swift-foundation's
    /// zero-size path), and most tmux commands print nothing, so LeakSanitizer found thousands of
    /// them when the test runner exited.
    static func readText(_ path: String) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return "" }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += chunk[..<count]
        }
        return String(validating: bytes, as: UTF8.self) ?? ""  // as before: invalid UTF-8 reads as ""
    }

    static func fixture(_ name: String) -> String {
        packageRoot.appendingPathComponent(name).path
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "orderscope-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

extension Process {
    /// Waits, off the cooperative pool, for a child started with `run()` to end; its status.
    func exitStatus() async -> Int32 {
        let box = UncheckedBox(self)
        return await OffPool.run {
            box.value.waitUntilExit()
            return box.value.terminationStatus
        }
    }

    /// Ends a child started with `run()` and reaps it. `terminate()` alone left a `Process`
    /// that Foundation never releases: LeakSanitizer reported every mock a test had stopped. The
    /// reaping happens on a thread of its own so a `defer` can stop a mock without blocking.
    func stop() {
        terminate()
        let box = UncheckedBox(self)
        Thread { box.value.waitUntilExit() }.start()
    }
}

/// Carries a non-Sendable Foundation object (`Process`, `FileHandle`) to the one thread that
/// blocks on it; the caller does not touch it meanwhile.
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
