import ArgumentParser
import OrderSources
import OrderSynthetic

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `orderscope generate --count N --seed S [--out FILE] [--format array|ndjson] [--gzip]
/// [--pretty] [--anomaly-rate R]`: writes a deterministic synthetic dump of realistic Dintero
/// orders for demos and benchmarks (see `SyntheticOrders`).
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a realistic synthetic order dump (deterministic by seed).",
        discussion: """
            The same --seed always gives the same bytes. A small fraction of orders (--anomaly-rate) \
            carries one deliberate inconsistency for the anomaly checks to find. With --out the \
            dump is written to a temporary file in the same folder and renamed when complete; a \
            .gz suffix implies --gzip. Progress goes to stderr when it is a terminal, and a \
            one-line summary ends every run.
            """
    )

    @Option(name: .long, help: ArgumentHelp("Number of orders (0 or more).", valueName: "N"))
    var count: Int = 1000

    @Option(
        name: .long,
        help: ArgumentHelp("Seed of the generator (an unsigned 64-bit integer).", valueName: "SEED"))
    var seed: UInt64 = 1

    @Option(
        name: .long, help: ArgumentHelp("Output file (default: standard output).", valueName: "FILE"),
        completion: .file())
    var out: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Layout: array (one JSON array) or ndjson (one order per line).", valueName: "FORMAT"),
        completion: .list(SyntheticOutputFormat.allCases.map(\.rawValue)))
    var format: String = "array"

    @Flag(name: .long, help: "Compress with gzip (implied by a .gz suffix on --out).")
    var gzip = false

    @Flag(name: .long, help: "Indent the JSON array (ignored for ndjson).")
    var pretty = false

    @Option(
        name: .long,
        help: ArgumentHelp("Fraction of orders with a deliberate anomaly, 0...1.", valueName: "RATE"))
    var anomalyRate: Double = 0.03

    func validate() throws {
        guard count >= 0 else { throw ValidationError("--count must be 0 or more, not \(count).") }
        guard anomalyRate.isFinite, (0...1).contains(anomalyRate) else {
            throw ValidationError("--anomaly-rate must be between 0 and 1 (e.g. 0.03), not \(anomalyRate).")
        }
        guard SyntheticOutputFormat(rawValue: format) != nil else {
            throw ValidationError("--format must be 'array' or 'ndjson', not '\(format)'.")
        }
        if let out, out.isEmpty { throw ValidationError("--out needs a file name.") }
    }

    func run() throws {
        let layout = SyntheticOutputFormat(rawValue: format) ?? .array
        let compress = gzip || (out?.hasSuffix(".gz") ?? false)
        let generator = SyntheticOrders(seed: seed, anomalyRate: anomalyRate)
        let clock = ContinuousClock()
        let start = clock.now
        let showProgress = isatty(2) == 1 && count >= 10_000
        var lastReport = start
        let progress: (Int, Int64) -> Void = { orders, bytes in
            guard showProgress else { return }
            let now = clock.now
            guard now - lastReport >= .seconds(1) else { return }
            lastReport = now
            let percent = Int(Double(orders) / Double(max(count, 1)) * 100)
            GenerateCommand.writeError(
                "\r\(orders)/\(count) orders (\(percent)%), \(GenerateCommand.megabytes(bytes)) MB\u{1B}[K")
        }

        var target: OutputTarget
        do {
            target = try OutputTarget(path: out)
        } catch {
            OrderScopeExit.printError(error.message)
            throw ExitCode(2)
        }
        let summary: SyntheticSummary
        do {
            var sink = FileDescriptorSink(fileDescriptor: target.fileDescriptor, name: target.displayName)
            if compress {
                var gzipSink = try GzipSink(wrapping: sink)
                summary = try generator.write(
                    count: count, format: layout, pretty: pretty, to: &gzipSink, progress: progress)
            } else {
                summary = try generator.write(
                    count: count, format: layout, pretty: pretty, to: &sink, progress: progress)
            }
            try target.commit()
        } catch {
            // `target` going away removes the temporary file: nothing under the final name.
            if showProgress { GenerateCommand.writeError("\n") }
            OrderScopeExit.printError(error.message)  // quiet when the reader left (`| head`)
            throw ExitCode(2)
        }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let anomalies = summary.anomalies.values.reduce(0, +)
        var line = showProgress ? "\r\u{1B}[K" : ""
        line += "generated \(summary.orders) orders (\(anomalies) with anomalies), "
        line += "\(summary.bytesGenerated) bytes"
        if compress { line += " (\(summary.bytesWritten) gzipped)" }
        line += " in \(GenerateCommand.fixed(seconds, 2)) s"
        if seconds > 0 {
            line += ", \(GenerateCommand.fixed(Double(summary.orders) / seconds, 0)) orders/s"
            line += ", \(GenerateCommand.fixed(Double(summary.bytesGenerated) / seconds / 1e6, 1)) MB/s"
        }
        line += " → \(target.displayName)\n"
        GenerateCommand.writeError(line)
    }

    // MARK: - Helpers

    static func megabytes(_ bytes: Int64) -> String { fixed(Double(bytes) / 1e6, 1) }

    /// `value` with `decimals` digits after the point (no Foundation).
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int64((value * scale).rounded())
        let whole = scaled / Int64(scale)
        guard decimals > 0 else { return String(whole) }
        var fraction = String(abs(scaled) % Int64(scale))
        while fraction.count < decimals { fraction = "0" + fraction }
        return "\(whole).\(fraction)"
    }

    static func writeError(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count, let base = buffer.baseAddress {
                let written = write(2, base + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { return }
                offset += written
            }
        }
    }

    /// Standard output, or a temporary file next to `path` that is renamed over it on `commit`
    /// (`AtomicFile`; abandoning it removes the temporary file).
    struct OutputTarget {
        var fileDescriptor: Int32
        var displayName: String
        private var file: AtomicFile?

        init(path: String?) throws(SyntheticOutputError) {
            guard let path else {
                fileDescriptor = 1
                displayName = "standard output"
                return
            }
            do {
                let file = try AtomicFile(path: path, mode: 0o644)
                self.file = file
                fileDescriptor = file.fileDescriptor
            } catch {
                throw SyntheticOutputError(error.message)
            }
            displayName = path
        }

        func commit() throws(SyntheticOutputError) {
            do {
                try file?.commit()
            } catch {
                throw SyntheticOutputError(error.message)
            }
        }
    }
}
