import Foundation
import Testing

/// Issue 22 item 5: what `--out` names decides how it is written (`AtomicFile`): a symlink's
/// target is replaced and the link kept, a FIFO, device or `-` is written through, a directory
/// is refused. Driven through `export` and `generate`, which share it with `fetch`.
@Suite struct OutputPathEndToEndTests {
    static let dump = "Tests/Fixtures/dumps/orders-array.json"

    static func fileType(_ path: String) -> FileAttributeType? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
    }

    @Test(arguments: [["export", dump, "--format", "json"], ["generate", "--count", "3", "--seed", "5"]])
    func aSymlinkIsFollowedAndKept(_ command: [String]) async throws {
        let dir = try BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = dir.appendingPathComponent("real")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let target = folder.appendingPathComponent("orders.json").path
        try "old".write(toFile: target, atomically: false, encoding: .utf8)
        let link = dir.appendingPathComponent("link.json").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real/orders.json")
        // A dangling link: its target is created.
        let dangling = dir.appendingPathComponent("dangling.json").path
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: "real/new.json")
        for path in [link, dangling] {
            let result = try await BinaryRunner.run(command + ["--out", path])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(Self.fileType(path) == .typeSymbolicLink)
        }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "real/orders.json")
        #expect(BinaryRunner.readText(target).hasPrefix("["))
        #expect(BinaryRunner.readText(folder.appendingPathComponent("new.json").path).hasPrefix("["))
        // No temporary file left anywhere.
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [
                "new.json", "orders.json",
            ])
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == [
                "dangling.json", "link.json", "real",
            ])
    }

    @Test(arguments: [["export", dump, "--format", "json"], ["generate", "--count", "3", "--seed", "5"]])
    func aFIFOIsWrittenThroughAndKept(_ command: [String]) async throws {
        let dir = try BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("pipe.json").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let copy = dir.appendingPathComponent("copy.json").path
        let arguments = command.map { "'\($0)'" }.joined(separator: " ")
        let result = try await BinaryRunner.shell(
            "cat '\(fifo)' > '\(copy)' & \"$BIN\" \(arguments) --out '\(fifo)'; status=$?; wait; exit $status"
        )
        #expect(result.status == 0, "\(result.stderr)")
        #expect(isFIFO(fifo))
        #expect(BinaryRunner.readText(copy).hasPrefix("["))
    }

    func isFIFO(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO
    }

    @Test func devicesAndStandardOutputAreWrittenThrough() async throws {
        let dash = try await BinaryRunner.run(["export", Self.dump, "--out", "-", "--format", "csv"])
        #expect(dash.status == 0, "\(dash.stderr)")
        #expect(dash.stdout.hasPrefix("order_number,id,"))
        #expect(try await BinaryRunner.run(["generate", "--count", "2", "--out", "/dev/null"]).status == 0)
        let full = try await BinaryRunner.run(["export", Self.dump, "--out", "/dev/full", "--format", "csv"])
        #expect(full.status == 2)
        #expect(
            full.stderr.contains("/dev/full: cannot be written (No space left on device)"), "\(full.stderr)")
        // `/dev/fd/1` (what `/dev/stdout` leads to) is the descriptor's own file, written in place.
        let dir = try BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let redirected = dir.appendingPathComponent("out.csv").path
        let result = try await BinaryRunner.shell(
            "\"$BIN\" export '\(Self.dump)' --out /dev/fd/1 --format csv > '\(redirected)'")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(BinaryRunner.readText(redirected).hasPrefix("order_number,id,"))
        // A reader that leaves early ends it quietly.
        let head = try await BinaryRunner.shell(
            "{ \"$BIN\" generate --count 20000 --seed 1 --out -; echo $? > '\(dir.path)/status'; } | head -c 100 > /dev/null; "
                + "cat '\(dir.path)/status'")
        #expect(head.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        #expect(head.stderr.isEmpty, "\(head.stderr)")
    }

    @Test func aDirectoryIsRefused() async throws {
        let dir = try BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for command in [["export", Self.dump, "--format", "csv"], ["generate", "--count", "1"]] {
            let result = try await BinaryRunner.run(command + ["--out", dir.path])
            #expect(result.status == 2)
            #expect(
                result.stderr.contains("\(dir.path): cannot be written (it is a directory)"),
                "\(result.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }
}
