import OrderAnalysis
import OrderIndex
import OrderModel
import OrderSources
import OrderTUI
import OrderViewModel

/// Checks every order of a dump for anomalies in the background, so the list can mark them
/// and the `anomaly` filter finds them; results go to the UI in batches.
enum AnomalyScan {
    static func work(for source: DumpSource) -> @Sendable (Mailbox) -> Void {
        { mailbox in
            // Decoding every order competes with the index for the two cores: start after it.
            source.waitUntilIndexed()
            let total = source.count
            var batch: [String: AnomalyTally] = [:]
            var checked = 0
            let snapshot = source.store.snapshot()
            // Both cores: each chunk's orders are decoded and checked at once.
            var start = 0
            while start < total {
                let range = start..<min(total, start + 512)
                let (counts, problems) = source.mapOrdersReportingText(in: range, decoding: .forChecks) {
                    AnomalyTally(AnomalyChecker.check($0))
                }
                if !problems.isEmpty { mailbox.post(.loadProblemsFound(problems)) }
                for (index, count) in zip(range, counts) {
                    guard let count else { continue }
                    batch[snapshot.id(row: index)] = count
                }
                checked = range.upperBound
                start = range.upperBound
                mailbox.post(.anomaliesCounted(batch, checked: checked, total: total))
                batch.removeAll(keepingCapacity: true)
            }
            mailbox.post(.anomaliesCounted(batch, checked: total, total: total))
            // Reading every order is when a file that shrank since it was opened shows.
            for path in source.changedFiles {
                mailbox.post(.noticed(.error(SourceProblem.changed(path).description)))
            }
        }
    }
}
