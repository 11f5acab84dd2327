import Foundation
import Testing

/// Issue 16 items 2 and 3 on the real binary: `f` and `/` find an order by an identifier the
/// list does not show (a PSP payment id), never by a redacted email; on the API, `:order NUMBER`
/// pages through the list to an order not loaded yet.
extension EndToEnd {
    @Suite("identifier search")
    struct IdentifierSearchEndToEndTests {
        static let demo = "Resources/demo-orders.json"

        /// The first order from `index` on in the demo dataset with a capture: its number, the
        /// capture's PSP payment id, the customer's email.
        static func demoOrder(_ index: Int) throws -> (number: String, paymentID: String, email: String) {
            let data = try Data(
                contentsOf: BinaryRunner.packageRoot.appendingPathComponent(demo))
            let orders = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
            for order in orders[index...] {
                guard let capture = (order["captures"] as? [[String: Any]])?.first,
                    let payment = (capture["payment_details"] as? [String: Any])?["payment_id"] as? String,
                    let email = (order["customer"] as? [String: Any])?["email"] as? String,
                    let number = order["order_number"] as? String
                else { continue }
                return (number, payment, email)
            }
            throw CocoaError(.fileReadCorruptFile)
        }

        @Test func findAndFilterMatchAPaymentIDTheListDoesNotShow() async throws {
            let (number, payment, _) = try Self.demoOrder(250)
            let find = try await BinaryRunner.run(
                ["demo", "--screen-dump", "160x30", "--keys", "f \(payment.lowercased()) Enter"])
            #expect(find.status == 0, "stderr: \(find.stderr)")
            #expect(
                find.stdout.contains("match 1 of 1 for \"\(payment.lowercased())\""), "\(find.stdout)")
            #expect(find.stdout.contains("┌─ \(number)"), "\(find.stdout)")
            let filter = try await BinaryRunner.run(
                ["demo", "--screen-dump", "160x30", "--keys", "/ \(payment) Enter"])
            #expect(filter.status == 0)
            #expect(filter.stdout.contains("1 order matches \(payment)"), "\(filter.stdout)")
            #expect(
                filter.stdout.split(separator: "\n").contains {
                    EndToEnd.isListRow($0, numberStartingWith: number + " ")
                }, "\(filter.stdout)")
        }

        @Test func aRedactedEmailIsNeverAMatch() async throws {
            let (_, _, email) = try Self.demoOrder(250)
            let plain = try await BinaryRunner.run(
                ["demo", "--screen-dump", "160x30", "--keys", "f \(email) Enter"])
            #expect(plain.stdout.contains("match 1 of "), "\(plain.stdout)")
            let redacted = try await BinaryRunner.run(
                ["demo", "--redact", "--screen-dump", "160x30", "--keys", "f \(email) Enter"])
            #expect(redacted.status == 0)
            #expect(redacted.stdout.contains("no order matches \"\(email)\""), "\(redacted.stdout)")
        }

        @Test func apiSearchAndOrderByNumberPagingOn() async throws {
            let (mock, base) = try await APIEndToEndTests.startMock(dump: Self.demo)
            defer { mock.stop() }
            let (loadedNumber, payment, _) = try Self.demoOrder(20)
            let find = try await BinaryRunner.run(
                [
                    "browse", "--api", "--api-base", base, "--screen-dump", "200x40", "--keys",
                    "f \(payment) Enter",
                ],
                environment: APIEndToEndTests.credentials)
            #expect(find.status == 0, "stderr: \(find.stderr)")
            #expect(find.stdout.contains("match 1 of 1 for \"\(payment)\""), "\(find.stdout)")
            #expect(find.stdout.contains("─ \(loadedNumber)"), "\(find.stdout)")

            let (farNumber, _, _) = try Self.demoOrder(280)
            let hunt = try await BinaryRunner.run(
                [
                    "browse", "--api", "--api-base", base, "--screen-dump", "200x40", "--keys",
                    ": \"order \(farNumber.lowercased())\" Enter",
                ],
                environment: APIEndToEndTests.credentials)
            #expect(hunt.status == 0, "stderr: \(hunt.stderr)")
            #expect(hunt.stdout.contains("order \(farNumber) ("), "\(hunt.stdout)")
            #expect(hunt.stdout.contains("pages read)") || hunt.stdout.contains("page read)"))
            #expect(hunt.stdout.contains("─ \(farNumber)"), "\(hunt.stdout)")
        }
    }
}
