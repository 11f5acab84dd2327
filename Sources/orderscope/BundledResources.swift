import Foundation

/// Finds files shipped in the package's Resources/ folder: beside an installed binary
/// (`../share/orderscope`), in the source tree the binary was built from, or where
/// `ORDERSCOPE_RESOURCES` points.
enum BundledResources {
    static func demoDataset() -> String? {
        find("demo-orders.json") ?? find("demo-orders.json.gz")
    }

    static func find(_ name: String) -> String? {
        var folders: [String] = []
        if let override = ProcessInfo.processInfo.environment["ORDERSCOPE_RESOURCES"] {
            folders.append(override)
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        let binDir = executable.deletingLastPathComponent()
        folders.append(binDir.appendingPathComponent("../share/orderscope").path)
        // .build/<config>/orderscope or .build/<triple>/<config>/orderscope inside the package.
        folders.append(binDir.appendingPathComponent("../../Resources").path)
        folders.append(binDir.appendingPathComponent("../../../Resources").path)
        // The source tree this binary was compiled from.
        let sourceRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent()
        folders.append(sourceRoot.appendingPathComponent("Resources").path)
        for folder in folders {
            let path = URL(fileURLWithPath: folder).appendingPathComponent(name).standardizedFileURL.path
            if FileManager.default.isReadableFile(atPath: path) { return path }
        }
        return nil
    }
}
