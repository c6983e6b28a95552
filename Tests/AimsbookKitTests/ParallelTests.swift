import CThreadPlacement
import Foundation
import Testing

@testable import AimsbookKit

@Suite struct ParallelTests {
    @Test func aParallelMapKeepsOrderAndLeavesTheCallerFreeToRunOnEveryCPU() {
        let before = aimsbook_allowed_cpu_count()
        let squares = Array(0..<500).concurrentMap { $0 * $0 }
        #expect(squares == (0..<500).map { $0 * $0 })
        #expect(aimsbook_allowed_cpu_count() == before, "the caller stays on its CPU only while the stage runs")
        // Stages inside a stage's elements: each thread is freed after its part.
        let nested = Array(0..<8).concurrentMap { outer in Array(0..<50).concurrentMap { outer + $0 }.reduce(0, +) }
        #expect(nested == (0..<8).map { outer in (0..<50).reduce(0) { $0 + outer + $1 } })
        #expect(aimsbook_allowed_cpu_count() == before)
    }

    @Test func whileAStageRunsTheCallerStaysOnOneCPUAndHelpersKeepOffIt() throws {
        try #require(aimsbook_allowed_cpu_count() > 1, "needs two CPUs")
        let caller = pthread_self()
        let counts = Array(0..<64).concurrentMap { _ -> (isCaller: Bool, cpus: Int32, cpu: Int32) in
            (pthread_equal(pthread_self(), caller) != 0, aimsbook_allowed_cpu_count(), aimsbook_current_cpu())
        }
        for count in counts where count.isCaller { #expect(count.cpus == 1) }
        let callerCPUs = Set(counts.filter(\.isCaller).map(\.cpu))
        #expect(callerCPUs.count == 1, "the caller did not move")
        for count in counts where !count.isCaller {
            #expect(!callerCPUs.contains(count.cpu), "a helper ran beside the caller")
        }
    }
}
