import AimsbookKit
import Foundation
import Synchronization

/// Writes the sites `serve` builds into the output folder, after the pages have been told
/// (`ServedSiteWriter`: the atomic publish `build` uses), so the output folder follows the
/// preview without a save waiting for the disk. Each write starts `pause` after the build it
/// follows, leaving the cores to the page's reload meanwhile, and takes the newest site then:
/// sites built while one waits or writes are not written one by one.
final class OutputWriting: Sendable {
    let paths: HandbookPaths
    let log: @Sendable (String) -> Void
    /// Held while serving: no other build writes the output folder meanwhile.
    let lock: OutputLock
    let pause: Duration = .milliseconds(300)
    /// The newest site not yet written.
    private let pending = Mutex<[OutputFile]?>(nil)
    private let news: AsyncStream<Void>
    private let newsArrived: AsyncStream<Void>.Continuation

    init(paths: HandbookPaths, log: @escaping @Sendable (String) -> Void, lock: OutputLock) {
        self.paths = paths
        self.log = log
        self.lock = lock
        (news, newsArrived) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Hands over a built site (sorted by path) for the output folder.
    func offer(_ files: [OutputFile]) {
        pending.withLock { $0 = files }
        newsArrived.yield()
    }

    func run() async {
        // The write blocks a thread for tens of milliseconds: on a queue of its own, not on the
        // pool that answers requests.
        let queue = DispatchQueue(label: "aimsbook.serve.output")
        var writer = ServedSiteWriter(paths: paths)
        for await _ in news {
            try? await Task.sleep(for: pause)
            guard let files = pending.withLock({ $0.take() }) else { continue }
            writer = await withCheckedContinuation { continuation in
                queue.async { [writer, self] in
                    var writer = writer
                    write(files, with: &writer)
                    continuation.resume(returning: writer)
                }
            }
        }
        // Serving ends: the site offered last is still written, whole.
        if let files = pending.withLock({ $0.take() }) { write(files, with: &writer) }
        withExtendedLifetime(lock) {}
    }

    private func write(_ files: [OutputFile], with writer: inout ServedSiteWriter) {
        let clock = ContinuousClock()
        let start = clock.now
        let output = paths.displayPath(paths.output)
        do {
            try writer.write(files)
            if StageTimings.shared.enabled {
                log("Wrote \(output) in \(PreviewBuilder.milliseconds(clock.now - start)) ms")
            }
        } catch {
            log("aimsbook: \(output) not written: \(error) (the preview is unaffected)")
        }
    }
}
