import NIOCore
import NIOSSL
import OrderIndex

/// TLS for `https` bases on `NIOHTTPClient`: one `NIOSSLContext` per client (making one reads
/// the system's trust store), the server's certificate checked against the system's roots plus,
/// when given, the CAs of one PEM file (`--ca-file`, `ORDERSCOPE_CA_FILE`: a private proxy or
/// a test server), and TLS failures worded for the operator.
struct ClientTLS: Sendable {
    let context: NIOSSLContext

    /// The system roots, plus the certificates of `extraCAFile` when given. A file that holds no
    /// readable PEM certificate is refused here, before any request, with its name.
    init(extraCAFile: String? = nil) throws(SourceError) {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let extraCAFile {
            let certificates: [NIOSSLCertificate]
            do {
                certificates = try NIOSSLCertificate.fromPEMFile(extraCAFile)
            } catch {
                throw SourceError.unreadable(
                    path: extraCAFile,
                    reason:
                        "not a PEM certificate file (the CA file named by --ca-file or ORDERSCOPE_CA_FILE)")
            }
            guard !certificates.isEmpty else {
                throw SourceError.unreadable(
                    path: extraCAFile,
                    reason: "holds no PEM certificate (the CA file named by --ca-file or ORDERSCOPE_CA_FILE)")
            }
            configuration.additionalTrustRoots = [.certificates(certificates)]
        }
        do {
            context = try NIOSSLContext(configuration: configuration)
        } catch {
            throw SourceError.unreadable(path: "TLS", reason: "cannot set up TLS: \(error)")
        }
    }

    /// The client handler for a connection to `host`: SNI and the name check use the host
    /// name; an IP address is checked against the certificate's IP entries (SNI carries no IP).
    func handler(host: String) throws -> NIOSSLClientHandler {
        let isAddress = (try? SocketAddress(ipAddress: host, port: 0)) != nil
        return try NIOSSLClientHandler(context: context, serverHostname: isAddress ? nil : host)
    }

    /// The operator's words for a TLS failure; nil for an error that is not about TLS (a closed
    /// connection, which the caller reports as such).
    static func reason(_ error: any Error) -> String? {
        if let extra = error as? NIOSSLExtraError, extra == .failedToValidateHostname {
            return "the server's TLS certificate is not for this host name"
        }
        guard let failure = error as? NIOSSLError else { return nil }
        switch failure {
        case .handshakeFailed(let detail):
            let text = "\(detail)"
            if text.contains("CERTIFICATE_VERIFY_FAILED") {
                return
                    "the server's TLS certificate is not trusted (not signed by a known authority, expired or "
                    + "not for this host); for a private proxy or test server, name its CA with --ca-file or "
                    + "ORDERSCOPE_CA_FILE"
            }
            if text.contains("WRONG_VERSION_NUMBER") || text.contains("PACKET_LENGTH_TOO_LONG") {
                return
                    "the TLS handshake failed (the server does not seem to speak TLS on this port; an http:// base?)"
            }
            return "the TLS handshake failed"
        case .unableToValidateCertificate, .noCertificateToValidate, .cannotMatchULabel:
            return "the server's TLS certificate cannot be checked"
        default:
            return nil
        }
    }
}
