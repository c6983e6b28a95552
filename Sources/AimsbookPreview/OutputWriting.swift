import AimsbookKit
import Foundation

/// Writes each site `serve` built into the output folder, after the pages have been told of it
/// (`ServedSiteWriter`: the atomic publish `build` uses), so the output folder follows the
/// preview without a save waiting for the disk. Sites built while a write runs are not queued:
/// the next write takes the newest.
struct OutputWriting: Sendable {
    let paths: HandbookPaths
    let log: @Sendable (String) -> Void
    /// Held while serving: no other build writes the output folder meanwhile.
    let lock: OutputLock

    func run(_ sites: AsyncStream<[OutputFile]>) async {
        // The write blocks a thread for tens of milliseconds: on a queue of its own, not on the
        // pool that answers requests.
        let queue = DispatchQueue(label: "aimsbook.serve.output")
        var writer = ServedSiteWriter(paths: paths)
        for await files in sites {
            let (next, failure, elapsed) = await withCheckedContinuation { continuation in
                queue.async { [writer] in
                    var writer = writer
                    let clock = ContinuousClock()
                    let start = clock.now
                    let failure: Error?
                    do {
                        try writer.write(files)
                        failure = nil
                    } catch {
                        failure = error
                    }
                    continuation.resume(returning: (writer, failure, clock.now - start))
                }
            }
            writer = next
            let output = paths.displayPath(paths.output)
            if let failure {
                log("aimsbook: \(output) not written: \(failure) (the preview is unaffected)")
            } else if StageTimings.shared.enabled {
                log("Wrote \(output) in \(PreviewBuilder.milliseconds(elapsed)) ms")
            }
        }
        withExtendedLifetime(lock) {}
    }
}
