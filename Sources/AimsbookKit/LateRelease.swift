import Dispatch
import Synchronization

/// Values a build has finished with, let go of on another core. Freeing a render's working
/// values (thousands of views, texts, read sets and bodiless outline documents) and then the
/// written site took one core for about 15 ms between the last page and the write, and again
/// before `build` could exit (measured by keeping them instead: 625 → 609 ms median over 12
/// alternated 2,000-document builds).
final class LateRelease: Sendable {
    private let held = Mutex<[any Sendable]>([])

    init() {}

    /// Keeps `value` until `releaseInBackground()`: the caller's own copy then only lowers a count.
    func keep(_ value: any Sendable) { held.withLock { $0.append(value) } }

    /// Lets go of what is kept on another thread, which holds the last reference to it, so that
    /// the freeing happens there. A process that exits meanwhile frees nothing, as it need not.
    func releaseInBackground() {
        let values = held.withLock { held in
            defer { held = [] }
            return held
        }
        let box = Box(consume values)
        DispatchQueue.global(qos: .utility).async { box.empty() }
    }

    /// The only holder of the values once `releaseInBackground` has returned.
    private final class Box: Sendable {
        private let values: Mutex<[any Sendable]>
        init(_ values: consuming [any Sendable]) { self.values = Mutex(values) }
        func empty() { values.withLock { $0 = [] } }
    }
}
