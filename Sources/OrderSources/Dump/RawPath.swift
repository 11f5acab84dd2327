#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// File names as the system has them: bytes, not always UTF-8. An argument that is not UTF-8
/// (`bestilling_\xf8.json`) reaches the commands as a String with U+FFFD in place of the bad
/// bytes; opening that String would name another file. The raw bytes are found again among the
/// process's arguments.
enum RawPath {
    /// `open(2)` on the path's raw bytes, read-only and close-on-exec.
    static func open(_ path: String) -> Int32 {
        guard let raw = bytes(of: path) else { return Glibc.open(path, O_RDONLY | O_CLOEXEC) }
        return Glibc.open(raw, O_RDONLY | O_CLOEXEC)
    }

    /// The raw bytes (NUL-terminated) of the argument `path` was decoded from, when `path` holds
    /// U+FFFD and such an argument exists; nil otherwise.
    static func bytes(of path: String) -> [CChar]? {
        guard path.unicodeScalars.contains("\u{FFFD}") else { return nil }
        for index in 0..<Int(CommandLine.argc) {
            guard let argument = CommandLine.unsafeArgv[index] else { continue }
            let length = strlen(argument)
            let raw = UnsafeBufferPointer(
                start: UnsafeRawPointer(argument).assumingMemoryBound(to: UInt8.self), count: length)
            if String(decoding: raw, as: UTF8.self) == path {
                return Array(UnsafeBufferPointer(start: argument, count: length)) + [0]
            }
        }
        return nil
    }
}
