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
            var batch: [String: Int] = [:]
            var checked = 0
            let snapshot = source.store.snapshot()
            for index in 0..<total {
                guard let order = try? source.order(at: index) else { continue }
                checked = index + 1
                batch[snapshot.id(row: index)] = AnomalyChecker.check(order).count
                if batch.count >= 500 {
                    mailbox.post(.anomaliesCounted(batch, checked: checked, total: total))
                    batch.removeAll(keepingCapacity: true)
                }
            }
            mailbox.post(.anomaliesCounted(batch, checked: total, total: total))
            // Reading every order is when a file that shrank since it was opened shows.
            for path in source.changedFiles {
                mailbox.post(.noticed(.error(SourceProblem.changed(path).description)))
            }
        }
    }
}
