import Foundation

/// One kind of memo entry of `serve`'s session (`ModelMemo`, `RenderMemo`), by name, each with
/// the hash of every input it was made from: a hit is the same output by construction. `current`
/// holds the entries of the last finished stage, `next` those the running one used or made, so
/// a stage that ends with `turn()` keeps only what it used and the memo never outgrows the
/// handbook.
struct MemoGeneration<Value: Sendable>: Sendable {
    var current: [String: (key: Int, value: Value)] = [:]
    var next: [String: (key: Int, value: Value)] = [:]

    /// The running stage ends with `keepAll`: a hit stays in `current` and need not be copied
    /// into `next`.
    var keepsAll = false

    mutating func lookUp(_ name: String, key: Int) -> Value? {
        guard let hit = current[name], hit.key == key else { return nil }
        if !keepsAll { next[name] = hit }
        return hit.value
    }

    /// Also finds what the running stage made: for values many steps share.
    mutating func lookUpIncludingNext(_ name: String, key: Int) -> Value? {
        if let made = next[name], made.key == key { return made.value }
        return lookUp(name, key: key)
    }

    /// Keeps every entry of the last stage that the running one did not replace. The smaller
    /// dictionary goes into the larger: after a one-file edit the running stage holds a
    /// handful of new entries, or, where a rebuild looked up every row again, nearly all of
    /// the last stage's, and either way that is the fewer inserts.
    /// Returns what the running stage replaced, for the caller to let go of elsewhere.
    @discardableResult
    mutating func keepAll() -> [String: (key: Int, value: Value)] {
        var kept: [String: (key: Int, value: Value)]
        var replaced: [String: (key: Int, value: Value)] = [:]
        if next.count <= current.count {
            kept = current
            current = [:]
            for (name, entry) in next {
                if let old = kept.updateValue(entry, forKey: name) { replaced[name] = old }
            }
        } else {
            kept = next
            next = [:]
            kept.merge(current) { running, _ in running }
            swap(&replaced, &current)
        }
        next = kept
        return replaced
    }

    mutating func turn() {
        current = next
        // The next stage uses about as many entries: room for them now, not rehashing as it goes.
        next = Dictionary(minimumCapacity: current.count)
    }

    /// Starts a stage that keeps only what it uses.
    mutating func start() {
        next = [:]
        keepsAll = false
    }
}

/// Lets go of `value` on another thread: the last build's site holds thousands of files,
/// records and sections, and freeing what the new one no longer shares would otherwise be
/// part of the rebuild that ended it.
func releaseElsewhere(_ value: (some Sendable)?) {
    guard let value else { return }
    DispatchQueue.global(qos: .utility).async { withExtendedLifetime(value) {} }
}
