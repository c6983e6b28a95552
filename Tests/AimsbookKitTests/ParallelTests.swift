import Foundation
import Testing

@testable import AimsbookKit

@Suite struct ParallelTests {
    @Test func aParallelMapKeepsOrderAlsoWhenStagesNest() {
        let squares = Array(0..<500).concurrentMap { $0 * $0 }
        #expect(squares == (0..<500).map { $0 * $0 })
        // Stages inside a stage's elements.
        let nested = Array(0..<8).concurrentMap { outer in Array(0..<50).concurrentMap { outer + $0 }.reduce(0, +) }
        #expect(nested == (0..<8).map { outer in (0..<50).reduce(0) { $0 + outer + $1 } })
    }
}
