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
    ///
    /// Each iteration initializes its own slot of the result in place: no lock, no optional
    /// wrapper and no second copy of every result (a `Document` is a large value, and copying
    /// ten thousand of them showed in profiles).
    func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        if count < 2 || Parallel.isSerial { return map(transform) }
        return self.withUnsafeBufferPointer { buffer in
            nonisolated(unsafe) let buffer = buffer
            return [T](unsafeUninitializedCapacity: buffer.count) { results, initializedCount in
                nonisolated(unsafe) let results = results
                // Slots are disjoint (one index per iteration) and `concurrentPerform` returns
                // only after every iteration has finished, so every slot is initialized here.
                DispatchQueue.concurrentPerform(iterations: buffer.count) { index in
                    (results.baseAddress! + index).initialize(to: transform(buffer[index]))
                }
                initializedCount = buffer.count
            }
        }
    }
}
