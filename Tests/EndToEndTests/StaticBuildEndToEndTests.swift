import Foundation
import Testing

/// The release build for a server (`make`: `swift build -c release --static-swift-stdlib`),
/// installed with `make install` and run with no Swift toolchain in reach. That build takes
/// minutes, so this suite never starts it: it runs when the binary exists (`.ci/run` builds it
/// first) and is skipped, saying so, when it does not.
extension EndToEnd {
    @Suite("static release build")
    struct StaticBuildEndToEndTests {
        /// `ORDERSCOPE_STATIC_BIN`, else where `make` puts it.
        static let binary: String =
            ProcessInfo.processInfo.environment["ORDERSCOPE_STATIC_BIN"]
            ?? BinaryRunner.fixture(".build/static/release/orderscope")

        static let built = FileManager.default.isExecutableFile(atPath: binary)
        static let skipReason: Comment =
            "no static release build at ORDERSCOPE_STATIC_BIN or .build/static/release/orderscope (run `make`)"

        /// Installs the static build under a scratch DESTDIR with the Makefile.
        static func install() async throws -> (root: URL, result: BinaryRunner.Result) {
            let root = try BinaryRunner.temporaryDirectory().appendingPathComponent("stage")
            let result = try await BinaryRunner.shell(
                #"make --no-print-directory install ORDERSCOPE="$STATIC" DESTDIR="$STAGE" PREFIX=/opt/orderscope"#,
                environment: ["STATIC": binary, "STAGE": root.path])
            return (root, result)
        }

        @Test(.enabled(if: built, skipReason))
        func linksNoSwiftLibrary() async throws {
            let result = try await BinaryRunner.shell(#"ldd "$STATIC""#, environment: ["STATIC": Self.binary])
            #expect(result.status == 0, "ldd: \(result.stderr)")
            let libraries = result.stdout
            #expect(libraries.contains("libc.so"))
            for name in [
                "libswift", "libFoundation", "lib_Foundation", "libdispatch", "libBlocksRuntime", "libcurl",
                "/opt/swift", "not found",
            ] {
                #expect(!libraries.contains(name), "the static build needs \(name):\n\(libraries)")
            }
        }

        @Test(.enabled(if: built, skipReason))
        func makeInstallLaysOutBinaryManPageAndCompletions() async throws {
            let (root, result) = try await Self.install()
            #expect(result.status == 0, "make install: \(result.stdout)\(result.stderr)")
            let prefix = root.appendingPathComponent("opt/orderscope")
            for (path, holds) in [
                ("bin/orderscope", ""), ("share/man/man1/orderscope.1", ".SH KEYS"),
                ("share/bash-completion/completions/orderscope", "complete -o filenames -F"),
                ("share/zsh/site-functions/_orderscope", "#compdef orderscope"),
                ("share/fish/vendor_completions.d/orderscope.fish", "complete -c 'orderscope'"),
                ("share/orderscope/demo-orders.json", ""),
            ] {
                let file = prefix.appendingPathComponent(path).path
                #expect(FileManager.default.fileExists(atPath: file), "not installed: \(path)")
                if !holds.isEmpty {
                    #expect(BinaryRunner.readText(file).contains(holds), "\(path) does not hold \(holds)")
                }
            }
        }

        /// The installed binary, with nothing of the environment (no toolchain on PATH, no
        /// LD_LIBRARY_PATH), shows the demo from its installed dataset and reads a dump.
        @Test(.enabled(if: built, skipReason))
        func runsWithoutTheToolchain() async throws {
            let (root, installed) = try await Self.install()
            #expect(installed.status == 0, "make install: \(installed.stderr)")
            let bin = root.appendingPathComponent("opt/orderscope/bin/orderscope").path
            let environment = [
                "INSTALLED": bin, "SAMPLE": BinaryRunner.fixture("Resources/sample-orders.json"),
            ]
            let demo = try await BinaryRunner.shell(
                #"env -i PATH=/usr/bin:/bin HOME=/nonexistent "$INSTALLED" demo --screen-dump 80x24"#,
                environment: environment)
            #expect(demo.status == 0, "stderr: \(demo.stderr)")
            let rows = demo.stdout.split(separator: "\n", omittingEmptySubsequences: false).filter {
                !$0.isEmpty
            }
            #expect(rows.count == 24, "\(rows.count) rows:\n\(demo.stdout)")
            #expect(demo.stdout.contains("300"), "the demo's 300 orders are not on screen:\n\(demo.stdout)")
            let check = try await BinaryRunner.shell(
                #"env -i PATH=/usr/bin:/bin "$INSTALLED" check "$SAMPLE"; echo "status $?""#,
                environment: environment)
            #expect(
                check.stdout.contains("status 0") || check.stdout.contains("status 1"),
                "check: \(check.stdout)\(check.stderr)")
            let usage = try await BinaryRunner.shell(
                #"env -i PATH=/usr/bin:/bin "$INSTALLED" export "$SAMPLE""#, environment: environment)
            #expect(usage.status == 2)
        }
    }
}
