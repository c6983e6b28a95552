import Foundation

/// List items that many pages of one build share (`RenderContext.refsHTML`), rendered once per
/// build even when there is no `BuildCache` to keep them between builds: clause 6.1.2 lists the
/// same hundreds of risks on its own page and on every framework requirement mapped to it.
/// A name must stand for one text within a build; the memo is dropped with its context.
final class FragmentMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var texts: [String: String] = [:]

    /// The texts of `names`, looked up under one lock and stored under one more: pages made
    /// side by side took the lock for every item of lists hundreds long.
    func texts(_ names: [String], render: (Int) throws -> String) rethrows -> [String] {
        var found = lock.withLock { names.map { texts[$0] } }
        var made: [Int] = []
        for position in found.indices where found[position] == nil {
            found[position] = try render(position)
            made.append(position)
        }
        if !made.isEmpty {
            lock.withLock {
                for position in made { texts[names[position]] = found[position] }
            }
        }
        return found.map { $0! }
    }
}
