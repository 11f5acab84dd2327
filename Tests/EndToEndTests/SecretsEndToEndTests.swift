import Foundation
import Testing

/// The client secret and the access tokens never leave the process: `fetch`, `browse --api`
/// with the request log on, and a token request refused by a server that echoes the
/// Authorization header back; every output stream, log and file written is searched.
extension EndToEnd {
    @Suite("secrets end to end")
    struct SecretsEndToEndTests {
        static let secret = APIEndToEndTests.secret
        /// The Basic credentials as sent on the wire (`client:secret` in base64).
        static let basic = Data("mock-client-id:\(APIEndToEndTests.secret)".utf8).base64EncodedString()

        /// Every secret-looking thing in `text`: the secret, its Basic form, and any mock token
        /// (`mock.` + 32 hex digits, the form `DinteroMock` issues).
        static func leaks(in text: String) -> [String] {
            var found: [String] = []
            if text.contains(secret) { found.append("client secret") }
            if text.contains(basic) { found.append("Basic credentials") }
            if text.contains(basic.replacingOccurrences(of: "=", with: "")) {
                found.append("Basic credentials, unpadded")
            }
            let percent = secret.utf8.map { byte in
                (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                    ? String(UnicodeScalar(byte)) : String(format: "%%%02X", byte)
            }.joined()
            if percent != secret, text.contains(percent) { found.append("client secret, percent-encoded") }
            if let range = text.range(of: "mock\\.[0-9a-f]{32}", options: .regularExpression) {
                found.append("access token \(text[range])")
            }
            return found
        }

        /// Every regular file under `directory`, as text (gzip files are inflated first).
        static func contents(of directory: URL) async throws -> [(String, String)] {
            var files: [(String, String)] = []
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
                let path = directory.appendingPathComponent(name).path
                var data = try Data(contentsOf: URL(fileURLWithPath: path))
                if name.hasSuffix(".gz") {
                    let printed = try await BinaryRunner.run(["print", path])
                    data = Data(printed.stdout.utf8)
                }
                files.append((name, String(decoding: data, as: UTF8.self)))
            }
            return files
        }

        @Test func noSecretInAnyStreamLogOrFile() async throws {
            let dir = try BinaryRunner.temporaryDirectory()
            let log = dir.appendingPathComponent("requests.log").path
            var streams: [(String, String)] = []

            let (mock, base) = try await APIEndToEndTests.startMock(extra: ["--token-ttl", "2"])
            defer { mock.stop() }
            let fetch = try await BinaryRunner.run(
                [
                    "fetch", "--api-base", base, "--out", dir.appendingPathComponent("orders.json").path,
                    "--log", log,
                ],
                environment: APIEndToEndTests.credentials)
            #expect(fetch.status == 0, "stderr: \(fetch.stderr)")
            streams += [("fetch stdout", fetch.stdout), ("fetch stderr", fetch.stderr)]
            let gz = try await BinaryRunner.run(
                [
                    "fetch", "--api-base", base, "--out", dir.appendingPathComponent("orders.json.gz").path,
                    "--log", log,
                ],
                environment: APIEndToEndTests.credentials)
            #expect(gz.status == 0, "stderr: \(gz.stderr)")
            streams += [("fetch .gz stdout", gz.stdout), ("fetch .gz stderr", gz.stderr)]

            var environment = APIEndToEndTests.credentials
            environment["ORDERSCOPE_LOG"] = log
            let browse = try await BinaryRunner.run(
                ["browse", "--api", "--api-base", base, "--screen-dump", "160x50", "--keys", "j Enter r"],
                environment: environment)
            #expect(browse.status == 0, "stderr: \(browse.stderr)")
            #expect(browse.stdout.contains("SO-100002"))
            streams += [("browse stdout", browse.stdout), ("browse stderr", browse.stderr)]

            // A server that refuses the token and echoes the Authorization header in its error.
            let (careless, carelessBase) = try await APIEndToEndTests.startMock(extra: ["--fail-token"])
            defer { careless.stop() }
            let refusedFetch = try await BinaryRunner.run(
                [
                    "fetch", "--api-base", carelessBase, "--out",
                    dir.appendingPathComponent("refused.json").path, "--log", log,
                ],
                environment: APIEndToEndTests.credentials)
            #expect(refusedFetch.status != 0)
            #expect(refusedFetch.stderr.contains("401"), "stderr: \(refusedFetch.stderr)")
            // It echoed the credential three ways (padded, unpadded, the secret percent-encoded): all gone.
            #expect(
                refusedFetch.stderr.contains("got Basic <redacted>; as <redacted>; secret <redacted>"),
                "stderr: \(refusedFetch.stderr)")
            streams += [
                ("refused fetch stdout", refusedFetch.stdout), ("refused fetch stderr", refusedFetch.stderr),
            ]
            let refusedBrowse = try await BinaryRunner.run(
                ["browse", "--api", "--api-base", carelessBase, "--screen-dump", "160x20"],
                environment: environment)
            #expect(refusedBrowse.stdout.contains("401") || refusedBrowse.stderr.contains("401"))
            streams += [
                ("refused browse stdout", refusedBrowse.stdout),
                ("refused browse stderr", refusedBrowse.stderr),
            ]

            let files = try await Self.contents(of: dir)
            #expect(Set(files.map(\.0)) == ["orders.json", "orders.json.gz", "requests.log"])
            let logText = files.first { $0.0 == "requests.log" }?.1 ?? ""
            // The log is there and useful: token requests, pages, single orders, the refusal.
            #expect(logText.contains("POST /v1/accounts/T12345678/auth/token -> 200"))
            #expect(logText.contains("POST /v1/accounts/T12345678/auth/token -> 401"))
            #expect(logText.contains("GET /v1/accounts/T12345678/shopping/orders?limit="))
            for (name, text) in streams + files {
                #expect(Self.leaks(in: text).isEmpty, "\(name) leaks \(Self.leaks(in: text))")
            }
            // The searches can find what they look for (the test is not blind).
            #expect(
                Self.leaks(in: "x mock.0123456789abcdef0123456789abcdef y \(Self.secret) \(Self.basic)").count
                    == 4)
            #expect(Self.leaks(in: "s3cr3t%2Dvalue%2Dnever%2Dshown") == ["client secret, percent-encoded"])
        }
    }
}
