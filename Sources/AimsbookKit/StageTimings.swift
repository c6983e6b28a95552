import Foundation
import Synchronization

/// Wall time per stage of one run, printed to standard error when `AIMSBOOK_TIMINGS=1`, so a
/// team with a large handbook (and the benchmark) can see where a build spends its time, as
/// Hugo's `--templateMetrics` does. Off by default: output stays byte-identical either way.
public final class StageTimings: Sendable {
    public static let shared = StageTimings(
        enabled: ProcessInfo.processInfo.environment["AIMSBOOK_TIMINGS"].map { !$0.isEmpty && $0 != "0" } ?? false,
        perPage: ProcessInfo.processInfo.environment["AIMSBOOK_TIMINGS"] == "pages")

    public let enabled: Bool
    /// `AIMSBOOK_TIMINGS=pages`: also the time of each page job (not each document's page), to
    /// see which pages a rebuild spends its time on.
    public let perPage: Bool
    private let entries = Mutex<[(stage: String, duration: Duration)]>([])

    public init(enabled: Bool, perPage: Bool = false) {
        self.enabled = enabled
        self.perPage = perPage
    }

    /// Runs `body`, recording its wall time under `stage` when enabled.
    @discardableResult
    public func measure<T>(_ stage: String, _ body: () throws -> T) rethrows -> T {
        guard enabled else { return try body() }
        let clock = ContinuousClock()
        let start = clock.now
        defer {
            let elapsed = clock.now - start
            entries.withLock { $0.append((stage, elapsed)) }
        }
        return try body()
    }

    /// Records the wall time since `start` under `stage`, for a span that is not one closure.
    public func record(_ stage: String, since start: ContinuousClock.Instant) {
        guard enabled else { return }
        let elapsed = ContinuousClock.now - start
        entries.withLock { $0.append((stage, elapsed)) }
    }

    /// The stages in the order they finished, one per line, then clears them.
    public func report() -> String {
        entries.withLock { entries in
            defer { entries = [] }
            return entries.map { entry in
                let milliseconds =
                    Double(entry.duration.components.seconds) * 1000
                    + Double(entry.duration.components.attoseconds) / 1e15
                return String(format: "%9.1f ms  %@", milliseconds, entry.stage)
            }.joined(separator: "\n")
        }
    }
}
