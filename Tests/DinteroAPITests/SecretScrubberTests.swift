import Foundation
import Testing

@testable import OrderSources

/// Secrets are removed in every form a server may echo them (issue 22, item 7).
@Suite struct SecretScrubberTests {
    static let id = "mock-client-id"
    static let secret = "S3CR3T-xyz-123/é"
    static let scrubber = SecretScrubber(secrets: [secret, "token.abc.def"], basic: [(id, secret)])

    @Test func everyEncodingOfTheSecretIsRemoved() {
        let basic = Data((Self.id + ":" + Self.secret).utf8).base64EncodedString()
        var unpadded = basic
        while unpadded.hasSuffix("=") { unpadded.removeLast() }
        let urlAlphabet = unpadded.replacingOccurrences(of: "+", with: "-").replacingOccurrences(
            of: "/", with: "_")
        let echoes = [
            Self.secret,
            "S3CR3T%2Dxyz%2D123%2F%C3%A9",  // every non-alphanumeric byte encoded
            "S3CR3T-xyz-123%2f%c3%a9",  // reserved only, lowercase hex
            #"S3CR3T-xyz-123\/\u00e9"#,  // JSON with an escaped slash and \u
            "S3CR3T-xyz-123/\\u00E9",
            basic, unpadded, urlAlphabet,
            "token.abc.def",
        ]
        for echo in echoes {
            let scrubbed = Self.scrubber.scrub("the server said: [\(echo)] (GET /v1/x)")
            #expect(scrubbed == "the server said: [<redacted>] (GET /v1/x)", "\(echo) → \(scrubbed)")
        }
    }

    @Test func ordinaryTextIsLeftAlone() {
        #expect(
            Self.scrubber.scrub("no order 123 in account T12345678") == "no order 123 in account T12345678")
        // Forms shorter than four characters would eat ordinary words.
        #expect(SecretScrubber(secrets: ["abc"]).scrub("abcdef") == "abcdef")
    }
}
