import Foundation

/// How the per-document stages (reading, parsing, rendering) share the cores. Every result is
/// kept in input order, so a parallel build gives the same bytes as a serial one; tests prove
/// it by building both ways (`Parallel.$isSerial`).
public enum Parallel {
    /// Runs every `concurrentMap` in the scope on the calling thread, one element after another.
    @TaskLocal public static var isSerial = false
}

extension Array where Element: Sendable {
    /// `map` over all cores, keeping order. For the per-document stages, which share nothing.
    func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        if count < 2 || Parallel.isSerial { return map(transform) }
        let results = ConcurrentResults<T>(count: count)
        self.withUnsafeBufferPointer { buffer in
            nonisolated(unsafe) let buffer = buffer
            DispatchQueue.concurrentPerform(iterations: count) { index in
                results.set(index, transform(buffer[index]))
            }
        }
        return results.values()
    }
}

/// Slots written once each from `concurrentPerform`, each index by exactly one iteration.
private final class ConcurrentResults<T>: @unchecked Sendable {
    private var storage: [T?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: T) {
        lock.lock()
        storage[index] = value
        lock.unlock()
    }

    func values() -> [T] { storage.map { $0! } }
}
