import Foundation

/// File names typed by the operator: `~/x` means the home folder, as in a shell.
enum OperatorPath {
    static func expand(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
        return home + path.dropFirst()
    }
}
