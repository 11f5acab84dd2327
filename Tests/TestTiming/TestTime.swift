import Foundation

/// How long the tests wait, in one place: every wait, poll deadline, timeout and time limit in
/// the test helpers goes through here, multiplied by `ORDERSCOPE_TEST_TIME_SCALE` (default 1).
/// `Tests/Sanitizers/run.sh` sets it, since the sanitized binary and test runner are several
/// times slower. It stretches only how long a test waits for something, never what it checks,
/// and no test asserts speed.
public enum TestTime {
    /// The factor, at least 1; an unreadable value counts as 1.
    public static let scale: Double = {
        guard let text = ProcessInfo.processInfo.environment["ORDERSCOPE_TEST_TIME_SCALE"],
            let value = Double(text), value.isFinite, value >= 1
        else { return 1 }
        return value
    }()

    /// `seconds`, scaled.
    public static func seconds(_ seconds: Double) -> Double { seconds * scale }

    /// `duration`, scaled.
    public static func duration(_ duration: Duration) -> Duration { duration * scale }

    /// Whole minutes for a `.timeLimit` trait, scaled and rounded up.
    public static func minutes(_ minutes: Int) -> Int { Int((Double(minutes) * scale).rounded(.up)) }
}
