import Synchronization

/// List items that many pages of one build share (`RenderContext.refsHTML`), rendered once per
/// build when there is no `RenderMemo` to keep them between builds: clause 6.1.2 lists the
/// same hundreds of risks on its own page and on every framework requirement mapped to it.
/// A name must stand for one text within a build; the memo is dropped with its context.
final class FragmentMemo: Sendable {
    private let texts = Mutex<[String: String]>([:])

    /// The texts of `names`, looked up under one lock and stored under one more: pages made
    /// side by side took the lock for every item of lists hundreds long.
    func texts(_ names: [String], render: (Int) throws -> String) rethrows -> [String] {
        var found = texts.withLock { texts in names.map { texts[$0] } }
        var made: [Int] = []
        for position in found.indices where found[position] == nil {
            found[position] = try render(position)
            made.append(position)
        }
        if !made.isEmpty {
            let stored = made.map { (names[$0], found[$0]!) }
            texts.withLock { texts in
                for (name, text) in stored { texts[name] = text }
            }
        }
        return found.map { $0! }
    }
}
