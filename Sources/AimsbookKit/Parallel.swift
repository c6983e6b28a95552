import CThreadPlacement
import Foundation
import Synchronization

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
    ///
    /// The calling thread stays on its CPU while the stage runs and the helpers keep off it
    /// (`StagePlacement`): on this two-CPU virtual machine, Linux often woke the helper onto
    /// the caller's busy CPU while the other idled, and the two then took turns for a 4 ms
    /// scheduler tick or more; that was a third of the pages' time of a title edit's rebuild.
    /// So each thread taking part runs one loop, taking the next element until none is left,
    /// and is placed before it and freed after it.
    func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        if count < 2 || Parallel.isSerial { return map(transform) }
        return self.withUnsafeBufferPointer { buffer in
            nonisolated(unsafe) let buffer = buffer
            return [T](unsafeUninitializedCapacity: buffer.count) { results, initializedCount in
                nonisolated(unsafe) let results = results
                let placement = StagePlacement.begin()
                defer { placement.end() }
                let next = NextIndex()
                let threads = Swift.min(buffer.count, ProcessInfo.processInfo.activeProcessorCount)
                // Slots are disjoint (each index is taken once) and `concurrentPerform` returns
                // only after every loop has finished, so every slot is initialized here.
                DispatchQueue.concurrentPerform(iterations: threads) { _ in
                    placement.enter()
                    defer { placement.leave() }
                    while case let index = next.take(), index < buffer.count {
                        (results.baseAddress! + index).initialize(to: transform(buffer[index]))
                    }
                }
                initializedCount = buffer.count
            }
        }
    }
}

/// The next element of a parallel stage to map.
private final class NextIndex: Sendable {
    private let value = Atomic<Int>(0)

    func take() -> Int { value.add(1, ordering: .relaxed).oldValue }
}

/// Where the threads of one parallel stage run: the thread that starts it stays on its CPU,
/// each helper keeps off that CPU while it takes part (moving at once if on it), and the
/// caller gives way once so that a helper woken onto its CPU starts then rather than a tick
/// later. Nothing happens outside Linux or in a process allowed a single CPU.
struct StagePlacement: Sendable {
    private let caller: pthread_t
    private let callerCPU: Int32

    static func begin() -> StagePlacement {
        let cpu = aimsbook_current_cpu()
        aimsbook_stay_on_cpu(cpu)
        return StagePlacement(caller: pthread_self(), callerCPU: cpu)
    }

    private var isCaller: Bool { pthread_equal(pthread_self(), caller) != 0 }

    /// Before a thread's part of the stage.
    func enter() {
        if isCaller { aimsbook_let_helpers_start() } else { aimsbook_keep_off_cpu(callerCPU) }
    }

    /// After a thread's part: a helper may run anywhere again.
    func leave() {
        if !isCaller { aimsbook_allow_every_cpu() }
    }

    /// At the end of the stage: the caller may run anywhere again.
    func end() { aimsbook_allow_every_cpu() }
}
