import Foundation
import KYCWatch

/// The progress line on a terminal: step, rows, MB/s of stored input and an ETA from compressed
/// bytes read against the inputs' sizes, redrawn at most four times a second and cleared at the end.
///
/// It is fed from the stage's batch loop (one call per batch, not per row) and draws nothing when
/// standard error is not a terminal, so cron logs and tests stay clean.
final class ProgressLine {
    private let console: ErrorConsole
    /// Stored size of each input, from the file system, for the ETA.
    private let sizes: [String: Int]
    private let totalBytes: Int
    private var step = ""
    private var stepStarted = ContinuousClock.now
    private var readStarted = ContinuousClock.now
    private var lastDrawn: ContinuousClock.Instant?
    private var file = ""
    /// Bytes and rows of the inputs finished before `file`.
    private var finishedBytes = 0
    private var finishedRows = 0
    private var fileBytes = 0
    private var fileRows = 0

    /// A progress line for reading `inputs`.
    init(console: ErrorConsole, inputs: [String]) {
        self.console = console
        var sizes: [String: Int] = [:]
        for path in inputs {
            sizes[path] = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        }
        self.sizes = sizes
        totalBytes = sizes.values.reduce(0, +)
    }

    /// Takes one progress report from the stage.
    func report(_ progress: StageProgress) {
        guard console.isTerminal else { return }
        let now = ContinuousClock.now
        switch progress {
        case .started(let name):
            step = name
            stepStarted = now
            if name == "read" { readStarted = now }
            draw(now, force: true)
        case .reading(let path, let rows, let storedBytes):
            if path != file {
                finishedBytes += file.isEmpty ? 0 : sizes[file] ?? fileBytes
                finishedRows += fileRows
                file = path
            }
            fileBytes = storedBytes
            fileRows = rows
            draw(now, force: false)
        case .finished:
            console.clearProgress()
        }
    }

    private func draw(_ now: ContinuousClock.Instant, force: Bool) {
        if !force, let lastDrawn, now - lastDrawn < .milliseconds(250) { return }
        lastDrawn = now
        var text = "kycwatch: \(step)"
        if step == "read" {
            let done = finishedBytes + fileBytes
            let seconds = (now - readStarted).seconds
            if !file.isEmpty { text += " " + (file as NSString).lastPathComponent }
            text += "  \(FigureFormat.grouped(Double(finishedRows + fileRows))) rows"
            if seconds > 0.2 {
                let rate = Double(done) / seconds
                text += String(format: "  %.1f MB/s", rate / 1e6)
                if rate > 0, totalBytes > done {
                    text += "  ETA " + Self.clock(Double(totalBytes - done) / rate)
                }
            }
        } else {
            text += "  " + Self.clock((now - stepStarted).seconds)
        }
        console.show(progress: text)
    }

    /// `m:ss`, or `h:mm:ss` from an hour.
    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        let (hours, minutes, rest) = (total / 3600, total / 60 % 60, total % 60)
        let twoDigits = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        return hours > 0 ? "\(hours):\(twoDigits(minutes)):\(twoDigits(rest))" : "\(minutes):\(twoDigits(rest))"
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
