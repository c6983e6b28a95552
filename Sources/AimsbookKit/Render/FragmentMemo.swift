import Foundation

/// List items that many pages of one build share (`RenderContext.refsHTML`), rendered once per
/// build even when there is no `BuildCache` to keep them between builds: clause 6.1.2 lists the
/// same hundreds of risks on its own page and on every framework requirement mapped to it.
/// A name must stand for one text within a build; the memo is dropped with its context.
final class FragmentMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var texts: [String: String] = [:]

    func text(_ name: String, render: () throws -> String) rethrows -> String {
        if let hit = lock.withLock({ texts[name] }) { return hit }
        let text = try render()
        lock.withLock { texts[name] = text }
        return text
    }
}
