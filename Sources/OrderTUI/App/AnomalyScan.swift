import OrderAnalysis
import OrderIndex
import OrderModel
import OrderSources
import OrderViewModel

/// Checks every order of a dump for anomalies in the background, so the list can mark them
/// and the `anomaly` filter finds them; results go to the UI in batches of store positions.
///
/// A batch is posted at most every `postInterval` (and at the end), whatever the decoding
/// speed: each batch the loop takes costs it a frame, and the status bar's progress needs no
/// more than a few a second.
public enum AnomalyScan {
    /// Orders decoded and checked at once on both cores.
    static let chunk = 1_024
    /// The least time between two batches posted to the loop.
    static let postInterval = Duration.milliseconds(100)
    /// Orders between two yields of a core (`mapOrdersReportingText(yieldingEvery:)`): the
    /// loop, woken by a key while the check holds both cores, waited up to a scheduler tick
    /// (4 ms, now and then 10 ms) for one. Eight orders are a fraction of a millisecond, and
    /// the check took no longer (1M orders, `orderscope-bench`: 10.50 s against 10.49–10.56 s).
    static let yieldEvery = 8

    public static func work(for source: DumpSource) -> @Sendable (Mailbox) -> Void {
        { mailbox in
            // Decoding every order competes with the index for the two cores: start after it.
            source.waitUntilIndexed()
            let total = source.count
            let clock = ContinuousClock()
            var batch = AnomalyCounts(start: 0, tallies: [])
            var posted = clock.now
            var start = 0
            while start < total {
                let range = start..<min(total, start + chunk)
                let (counts, problems) = source.mapOrdersReportingText(
                    in: range, decoding: .forChecks, yieldingEvery: yieldEvery
                ) { AnomalyTally(AnomalyChecker.check($0)) }
                if !problems.isEmpty { mailbox.post(.loadProblemsFound(problems)) }
                batch.tallies += counts
                start = range.upperBound
                if start < total, clock.now - posted < postInterval { continue }
                mailbox.post(.anomaliesCounted(batch, checked: start, total: total))
                batch = AnomalyCounts(start: start, tallies: [])
                posted = clock.now
            }
            // The last report says the check is over (an empty dump has only this one).
            if total == 0 { mailbox.post(.anomaliesCounted(batch, checked: 0, total: 0)) }
            // Reading every order is when a file that shrank since it was opened shows.
            for path in source.changedFiles {
                mailbox.post(.noticed(.error(SourceProblem.changed(path).description)))
            }
        }
    }
}
