import Synchronization

/// List items that many pages of one build share (`RenderContext.refsHTML`), rendered once per
/// build when there is no `RenderMemo` to keep them between builds: clause 6.1.2 lists the
/// same hundreds of risks on its own page and on every framework requirement mapped to it.
/// An item is named by its list's kind (`prefix`: template and depth) and its own name (a
/// document id); a name must stand for one text within a build. The memo is dropped with its
/// context.
final class FragmentMemo: Sendable {
    private let texts = Mutex<[String: [String: String]]>([:])

    /// The texts of `names` in the lists of kind `prefix`, looked up under one lock and stored
    /// under one more: pages made side by side took the lock for every item of lists hundreds
    /// long. Items are found by their own name within their kind, so no name is joined to its
    /// prefix and hashed whole for each item of each list.
    func texts(_ prefix: String, _ names: [String], render: (Int) throws -> String) rethrows -> [String] {
        var found = texts.withLock { texts in
            guard let kind = texts[prefix] else { return [String?](repeating: nil, count: names.count) }
            return names.map { kind[$0] }
        }
        var made: [Int] = []
        for position in found.indices where found[position] == nil {
            found[position] = try render(position)
            made.append(position)
        }
        if !made.isEmpty {
            let stored = made.map { (names[$0], found[$0]!) }
            texts.withLock { texts in
                for (name, text) in stored { texts[prefix, default: [:]][name] = text }
            }
        }
        return found.map { $0! }
    }
}
