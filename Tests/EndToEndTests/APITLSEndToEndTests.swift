import Foundation
import TestTiming
import Testing

/// `mock-api --tls-cert/--tls-key` and `fetch` over https as real processes, with a throwaway
/// certificate made by `openssl` at test time; and a fetch whose disk fills up.
extension EndToEnd {
    @Suite("API over https and write failures end to end", .serialized)
    struct APITLSEndToEndTests {
        typealias API = APIEndToEndTests

        /// The mock's base as https (a TLS mock may already print it so).
        static func https(_ base: String) -> String {
            base.hasPrefix("https://") ? base : "https://" + base.dropFirst("http://".count)
        }

        /// A self-signed certificate for 127.0.0.1 in `directory` (cert.pem, key.pem).
        static func makeCertificate(in directory: URL) async throws {
            let made = try await BinaryRunner.shell(
                "cd \"$CERT_DIR\" && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes "
                    + "-keyout key.pem -out cert.pem -days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 2>&1",
                environment: ["CERT_DIR": directory.path])
            try #require(made.status == 0, "openssl: \(made.stdout)")
        }

        @Test func fetchOverHTTPSSavesWhatFetchOverHTTPSaves() async throws {
            let dir = try BinaryRunner.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: dir) }
            try await Self.makeCertificate(in: dir)
            let cert = dir.appendingPathComponent("cert.pem").path
            let key = dir.appendingPathComponent("key.pem").path
            let (plain, plainBase) = try await API.startMock(extra: ["--latency", "5"])
            defer { plain.stop() }
            let (secure, httpBase) = try await API.startMock(extra: [
                "--tls-cert", cert, "--tls-key", key, "--latency", "5",
            ])
            defer { secure.stop() }
            let secureBase = Self.https(httpBase)
            let overHTTP = dir.appendingPathComponent("http.json").path
            let overHTTPS = dir.appendingPathComponent("https.json").path
            let first = try await BinaryRunner.run(
                ["fetch", "--api-base", plainBase, "--out", overHTTP], environment: API.credentials)
            #expect(first.status == 0, "stderr: \(first.stderr)")
            let second = try await BinaryRunner.run(
                ["fetch", "--api-base", secureBase, "--ca-file", cert, "--out", overHTTPS],
                environment: API.credentials)
            #expect(second.status == 0, "stderr: \(second.stderr)")
            #expect(
                try Data(contentsOf: URL(fileURLWithPath: overHTTP))
                    == Data(contentsOf: URL(fileURLWithPath: overHTTPS)))
            // The environment variable names the CA file as well.
            let third = try await BinaryRunner.run(
                [
                    "print", "--api", "--api-base", secureBase, "--order",
                    "5b0e7a1c-0000-4000-8000-000000000001",
                ],
                environment: API.credentials.merging(["ORDERSCOPE_CA_FILE": cert]) { $1 })
            #expect(third.status == 0, "stderr: \(third.stderr)")
            #expect(third.stdout.contains("5b0e7a1c-0000-4000-8000-000000000001"))
        }

        @Test func anUntrustedCertificateIsOneClearLine() async throws {
            let dir = try BinaryRunner.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: dir) }
            try await Self.makeCertificate(in: dir)
            let cert = dir.appendingPathComponent("cert.pem").path
            let key = dir.appendingPathComponent("key.pem").path
            let (secure, httpBase) = try await API.startMock(extra: ["--tls-cert", cert, "--tls-key", key])
            defer { secure.stop() }
            let secureBase = Self.https(httpBase)
            let out = dir.appendingPathComponent("out.json").path
            let fetch = try await BinaryRunner.run(
                ["fetch", "--api-base", secureBase, "--out", out], environment: API.credentials)
            #expect(fetch.status == 2)
            #expect(
                fetch.stderr.contains("the server's TLS certificate is not trusted"),
                "stderr: \(fetch.stderr)")
            #expect(fetch.stderr.contains("--ca-file"))
            #expect(
                !fetch.stderr.contains(API.secret) && !fetch.stderr.contains("Fatal")
                    && !fetch.stderr.contains("NIOSSL"))
            #expect(!FileManager.default.fileExists(atPath: out))
        }

        @Test func orderscopeMaxResponseBoundsAnAnswerOverHTTPS() async throws {
            let dir = try BinaryRunner.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: dir) }
            try await Self.makeCertificate(in: dir)
            let cert = dir.appendingPathComponent("cert.pem").path
            let key = dir.appendingPathComponent("key.pem").path
            let (secure, httpBase) = try await API.startMock(extra: ["--tls-cert", cert, "--tls-key", key])
            defer { secure.stop() }
            let secureBase = Self.https(httpBase)
            let out = dir.appendingPathComponent("out.json").path
            let limited = try await BinaryRunner.run(
                ["fetch", "--api-base", secureBase, "--ca-file", cert, "--out", out],
                environment: API.credentials.merging(["ORDERSCOPE_MAX_RESPONSE": "2K"]) { $1 })
            #expect(limited.status == 2)
            #expect(
                limited.stderr.contains("the answer is larger than 2048 bytes"), "stderr: \(limited.stderr)")
            let wrong = try await BinaryRunner.run(
                ["fetch", "--api-base", secureBase, "--ca-file", cert, "--out", out],
                environment: API.credentials.merging(["ORDERSCOPE_MAX_RESPONSE": "lots"]) { $1 })
            #expect(wrong.status != 0)
            #expect(
                wrong.stderr.contains("ORDERSCOPE_MAX_RESPONSE must be a size"), "stderr: \(wrong.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out))
        }

        /// A 200 KB tmpfs fills up during the fetch (mounting needs root: skipped otherwise).
        @Test(.enabled(if: getuid() == 0, "mounting a small tmpfs needs root"))
        func aFullDiskSaysWritingFailedAndResumeFinishesOnceThereIsRoom() async throws {
            let dir = try BinaryRunner.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: dir) }
            let small = dir.appendingPathComponent("small").path
            try FileManager.default.createDirectory(atPath: small, withIntermediateDirectories: true)
            let mounted = try await BinaryRunner.shell(
                "mount -t tmpfs -o size=200k tmpfs \"$D\" 2>&1", environment: ["D": small])
            try #require(mounted.status == 0, "mount: \(mounted.stdout)")
            defer {
                // A defer cannot wait asynchronously; umount is quick.
                let umount = Process()
                umount.executableURL = URL(fileURLWithPath: "/bin/umount")
                umount.arguments = [small]
                try? umount.run()
                umount.waitUntilExit()
            }
            let dump = dir.appendingPathComponent("orders.json").path
            let made = try await BinaryRunner.run(["generate", "--count", "60", "--seed", "3", "--out", dump])
            #expect(made.status == 0)
            let (mock, base) = try await API.startMock(dump: dump)
            defer { mock.stop() }
            let out = small + "/out.json"
            let fetch = try await BinaryRunner.run(
                ["fetch", "--api-base", base, "--limit", "10", "--out", out], environment: API.credentials)
            #expect(fetch.status == 2)
            #expect(
                fetch.stderr.contains("\(out): cannot be written (no space left on device"),
                "stderr: \(fetch.stderr)")
            #expect(!fetch.stderr.contains("cannot be read"))
            #expect(fetch.stderr.contains("--resume"))
            let left = try FileManager.default.contentsOfDirectory(atPath: small).sorted()
            #expect(left == ["out.json.progress.json", "out.json.progress.ndjson"], "left: \(left)")
            let grown = try await BinaryRunner.shell(
                "mount -o remount,size=4m \"$D\" 2>&1", environment: ["D": small])
            try #require(grown.status == 0, "remount: \(grown.stdout)")
            let resumed = try await BinaryRunner.run(
                ["fetch", "--api-base", base, "--limit", "10", "--out", out, "--resume"],
                environment: API.credentials)
            #expect(resumed.status == 0, "stderr: \(resumed.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: small) == ["out.json"])
            let whole = dir.appendingPathComponent("whole.json").path
            let again = try await BinaryRunner.run(
                ["fetch", "--api-base", base, "--limit", "10", "--out", whole], environment: API.credentials)
            #expect(again.status == 0)
            #expect(
                try Data(contentsOf: URL(fileURLWithPath: out))
                    == Data(contentsOf: URL(fileURLWithPath: whole)))
        }
    }
}
