import Testing

@testable import OrderModel

@Suite("Money, Currency, MoneyFormatter")
struct MoneyTests {
    @Test(arguments: [
        ("NOK", Int64(123456), "1 234.56 NOK"),
        ("NOK", Int64(59800), "598.00 NOK"),
        ("NOK", Int64(123456789), "1 234 567.89 NOK"),
        ("NOK", Int64(0), "0.00 NOK"),
        ("NOK", Int64(5), "0.05 NOK"),
        ("NOK", Int64(-1250), "-12.50 NOK"),
        ("NOK", Int64(-5), "-0.05 NOK"),
        ("JPY", Int64(1234), "1 234 JPY"),
        ("JPY", Int64(0), "0 JPY"),
        ("JPY", Int64(-100), "-100 JPY"),
        ("KWD", Int64(1234), "1.234 KWD"),
        ("KWD", Int64(1), "0.001 KWD"),
        ("ISK", Int64(1000000), "1 000 000 ISK"),
        ("XYZ", Int64(100), "1.00 XYZ"),
        ("sek", Int64(100), "1.00 SEK"),
        ("NOK", Int64.max, "92 233 720 368 547 758.07 NOK"),
        ("NOK", Int64.min, "-92 233 720 368 547 758.08 NOK"),
        ("JPY", Int64.min, "-9 223 372 036 854 775 808 JPY"),
    ])
    func formats(code: String, minor: Int64, expected: String) {
        #expect(MoneyFormatter.standard.string(Money(minorUnits: minor, currencyCode: code)) == expected)
    }

    @Test func options() {
        let money = Money(minorUnits: 123456, currency: .nok)
        #expect(MoneyFormatter.amountOnly.string(money) == "1 234.56")
        #expect(MoneyFormatter(groupingSeparator: "").string(money) == "1234.56 NOK")
        #expect(money.description == "1 234.56 NOK")
        #expect(MoneyFormatter.standard.string(minorUnits: 100, currencyCode: nil) == "1.00")
    }

    @Test func exponents() {
        #expect(Currency.nok.exponent == 2)
        #expect(Currency(code: "EUR").exponent == 2)
        #expect(Currency(code: "JPY").exponent == 0)
        #expect(Currency(code: "KRW").exponent == 0)
        #expect(Currency(code: "ISK").exponent == 0)
        #expect(Currency(code: "CLP").exponent == 0)
        #expect(Currency(code: "UGX").exponent == 0)
        #expect(Currency(code: "BHD").exponent == 3)
        #expect(Currency(code: "TND").exponent == 3)
        #expect(Currency(code: "ABC").exponent == 2)
        #expect(Currency(code: "ABC").isInTable == false)
    }

    @Test(arguments: [
        ("1000", "NOK", Int64?.some(100000)),
        ("1000.5", "NOK", 100050),
        ("1000,50", "NOK", 100050),
        ("1 000", "NOK", 100000),
        ("-12.5", "NOK", -1250),
        ("0.001", "NOK", nil),
        ("1.230", "NOK", 123),
        ("1000", "JPY", 1000),
        ("1000.5", "JPY", nil),
        ("1.234", "KWD", 1234),
        ("abc", "NOK", nil),
        ("", "NOK", nil),
        ("1.2.3", "NOK", nil),
        ("1-2", "NOK", nil),
        ("92233720368547758.07", "NOK", Int64.max),
        ("-92233720368547758.08", "NOK", Int64.min),
        ("92233720368547758.08", "NOK", nil),
    ])
    func parsesMajorUnits(text: String, code: String, expected: Int64?) {
        #expect(MoneyFormatter.parseMinorUnits(text, currencyCode: code) == expected)
    }

    @Test func rates() {
        #expect(MoneyFormatter.rateString(ppm: 1_099_000) == "1.099")
        #expect(MoneyFormatter.rateString(ppm: 1_000_000) == "1")
        #expect(MoneyFormatter.rateString(ppm: 500) == "0.0005")
        #expect(MoneyFormatter.rateString(ppm: 0) == "0")
        #expect(MoneyFormatter.rateString(ppm: -1_500_000) == "-1.5")
        #expect(MoneyFormatter.rateString(ppm: Int64.min) == "-9223372036854.775808")
    }
}
