import DinteroMock
import Foundation
import OrderIndex
import OrderModel
import TestTiming
import Testing

@testable import OrderSources

/// A throwaway certificate for the loopback mock, made with `openssl` at test time (never
/// committed): a self-signed P-256 certificate for 127.0.0.1, trusted by naming it as the CA
/// file.
struct TestCertificate {
    let directory: String
    var certificate: String { directory + "/cert.pem" }
    var key: String { directory + "/key.pem" }

    init() throws {
        directory = NSTemporaryDirectory() + "orderscope-tls-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", directory + "/key.pem", "-out", directory + "/cert.pem", "-days", "2",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw MockServerError("openssl could not make a test certificate")
        }
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }

    /// The mock serving `configuration` over https with this certificate.
    func start(_ configuration: MockConfiguration) throws -> DinteroMockServer {
        var configuration = configuration
        configuration.tlsCertificatePath = certificate
        configuration.tlsKeyPath = key
        return try DinteroMockServer.start(configuration)
    }
}

@Suite("https on the SwiftNIO client", .onWaitingExecutor)
struct TLSTests {
    static func source(
        _ server: DinteroMockServer, caFile: String?,
        maxResponseBytes: Int = DinteroAPIOptions.defaultMaxResponseBytes
    ) throws -> DinteroAPISource {
        var options = DinteroAPIOptions(
            baseURL: server.baseURL, timeout: APIFixtures.patientTimeout, maxAttempts: 4,
            maxRetryAfter: .seconds(1),
            backoffBase: .milliseconds(20))
        options.extraCAFile = caFile
        options.maxResponseBytes = maxResponseBytes
        return try DinteroAPISource(credentials: try APIFixtures.credentials, options: options)
    }

    @Test(arguments: [false, true])
    func fetchOverHTTPSSavesWhatFetchOverHTTPSaves(listWithoutEvents: Bool) async throws {
        let certificate = try TestCertificate()
        defer { certificate.remove() }
        var configuration = APIFixtures.configuration(45)
        configuration.listWithoutEvents = listWithoutEvents
        let plain = try DinteroMockServer.start(configuration)
        defer { plain.stop() }
        let secure = try certificate.start(configuration)
        defer { secure.stop() }
        #expect(secure.baseURL.hasPrefix("https://127.0.0.1:"))
        let directory = try FetchTests.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let overHTTP = try await OrderDumpFetcher.fetch(
            from: try APIFixtures.source(plain), to: directory + "/http.json", gzip: false, pageSize: 20,
            concurrency: 4)
        let overHTTPS = try await OrderDumpFetcher.fetch(
            from: try Self.source(secure, caFile: certificate.certificate), to: directory + "/https.json",
            gzip: false,
            pageSize: 20, concurrency: 4)
        #expect(overHTTP == 45 && overHTTPS == 45)
        let http = try Data(contentsOf: URL(fileURLWithPath: directory + "/http.json"))
        let https = try Data(contentsOf: URL(fileURLWithPath: directory + "/https.json"))
        #expect(http == https)
        #expect(try FetchTests.savedOrders(directory + "/https.json") == APIFixtures.orders(45))
        // Keep-alive holds over TLS too: far fewer connections than requests.
        #expect(secure.connectionCount <= 4)
        #expect(secure.requestLog.count > secure.connectionCount)
    }

    @Test func anUntrustedCertificateIsRefusedWithAClearMessageAndNoRetry() async throws {
        let certificate = try TestCertificate()
        defer { certificate.remove() }
        let server = try certificate.start(APIFixtures.configuration(3))
        defer { server.stop() }
        let source = try Self.source(server, caFile: nil)
        do {
            _ = try await source.page(after: nil, limit: 10)
            Issue.record("a certificate no authority signed was accepted")
        } catch {
            #expect(error.message.contains("the server's TLS certificate is not trusted"), "\(error.message)")
            #expect(error.message.contains("--ca-file"))
            #expect(!error.message.contains(APIFixtures.secret))
            #expect(!error.isRetryable)
        }
        // No request reached the server, and the client did not try again (the source allows 4
        // tries): one connection, refused at the handshake.
        #expect(server.requestLog.isEmpty)
        #expect(server.connectionCount == 1)
    }

    @Test func theBodyLimitHoldsOverHTTPS() async throws {
        let certificate = try TestCertificate()
        defer { certificate.remove() }
        let server = try certificate.start(APIFixtures.configuration(30))
        defer { server.stop() }
        let whole = try await Self.source(server, caFile: certificate.certificate).page(after: nil, limit: 30)
        #expect(whole.summaries.count == 30)
        let limited = try Self.source(server, caFile: certificate.certificate, maxResponseBytes: 2000)
        do {
            _ = try await limited.page(after: nil, limit: 30)
            Issue.record("an answer over the limit was taken")
        } catch {
            #expect(error.message.contains("the answer is larger than 2000 bytes"), "\(error.message)")
        }
    }

    @Test func aCAFileThatIsNoCertificateIsRefusedBeforeAnyRequest() throws {
        let directory = try FetchTests.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/ca.pem"
        try Data("not a certificate\n".utf8).write(to: URL(fileURLWithPath: path))
        var options = DinteroAPIOptions(baseURL: "https://api.example.test")
        options.extraCAFile = path
        #expect(
            throws: SourceError.unreadable(
                path: path,
                reason: "not a PEM certificate file (the CA file named by --ca-file or ORDERSCOPE_CA_FILE)")
        ) {
            try DinteroAPISource(credentials: try APIFixtures.credentials, options: options)
        }
    }
}
