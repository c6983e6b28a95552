import Synchronization

/// What `serve`'s last model stage hands the next one (`ServeSession.model`): each file's front
/// matter and document keyed by its text, each body's Markdown keyed by its text and every link
/// target it could resolve to, the last model for `ModelUpdate`, and the relations keyed by every
/// document's `Relations.inputs`. Keys hash every input of the step, so a hit is the same output
/// by construction.
public final class ModelMemo: Sendable {
    typealias Header = (output: DocumentBuilder.Output?, split: SplitDocument?, diagnostics: [Diagnostic])

    /// A parsed body and the targets of its links.
    struct MarkdownBody: Sendable {
        var document: MarkdownDocument
        var targets: [LinkTarget]
    }

    private struct State: Sendable {
        var headers = MemoGeneration<Header>()
        var bodies = MemoGeneration<MarkdownBody>()
        var model: ModelUpdate.Memo?
        var modelUpdated = false
        var relations: (inputs: [Int], relations: Relations)?
        var relationsKept = false
    }

    private let state = Mutex(State())

    /// Each file's front matter and document (`names` are paths), made by `make(position)` where
    /// its key changed.
    func headers(names: [String], keys: [Int], make: @Sendable (Int) -> Header) -> [Header] {
        values(\.headers, names: names, keys: keys, make: make)
    }

    /// Each document's parsed body, likewise.
    func bodies(names: [String], keys: [Int], make: @Sendable (Int) -> MarkdownBody) -> [MarkdownBody] {
        values(\.bodies, names: names, keys: keys, make: make)
    }

    /// For each of `names`, the kept value when its key is the one in `keys`, else `make`'s
    /// (called on all cores for the misses only). All lookups take the lock once, and so do all
    /// stores: a rebuild finds nearly every file's entry.
    private func values<Value: Sendable>(
        _ generation: WritableKeyPath<State, MemoGeneration<Value>> & Sendable, names: [String], keys: [Int],
        make: @Sendable (Int) -> Value
    ) -> [Value] {
        var found: [Value?] = state.withLock { state in
            names.indices.map { state[keyPath: generation].lookUp(names[$0], key: keys[$0]) }
        }
        let misses = found.indices.filter { found[$0] == nil }
        let made = misses.concurrentMap(make)
        state.withLock { state in
            for (index, value) in zip(misses, made) {
                state[keyPath: generation].next[names[index]] = (keys[index], value)
            }
        }
        for (index, value) in zip(misses, made) { found[index] = value }
        return found.map { $0! }
    }

    /// Ends the model stage: entries of files that are gone or changed are dropped, or, when
    /// only the edited files were looked at (`ModelUpdate`), every other entry is kept.
    func finishModel(keepingAll: Bool = false) {
        state.withLock { state in
            if keepingAll {
                state.headers.keepAll()
                state.bodies.keepAll()
            }
            state.headers.turn()
            state.bodies.turn()
        }
    }

    /// The last model and what it was made from, for `ModelUpdate`.
    func lastModel() -> ModelUpdate.Memo? { state.withLock { $0.model } }

    /// - Parameter edited: when the model is the last one with only these documents (positions
    ///   in `handbook.documents`) made again (`ModelUpdate`); nil when it was built whole.
    func keep(_ memo: ModelUpdate.Memo?, edited: [Int]?) {
        let last = state.withLock { state in
            defer { (state.model, state.modelUpdated) = (memo, edited != nil) }
            return state.model
        }
        releaseElsewhere(last)
    }

    /// Whether the last model was the one before with only the edited documents made again (for tests).
    var updatedModel: Bool { state.withLock { $0.modelUpdated } }

    /// The last build's relations when every document's `Relations.inputs` is as it was (the
    /// usual edit: a sentence, a title, a status), made again otherwise.
    func relations(inputs: [Int], make: () -> Relations) -> Relations {
        if let last = state.withLock({ $0.relations }), last.inputs == inputs {
            state.withLock { $0.relationsKept = true }
            return last.relations
        }
        let relations = make()
        state.withLock { ($0.relations, $0.relationsKept) = ((inputs, relations), false) }
        return relations
    }

    /// Whether the last build kept the relations of the one before (for tests).
    var keptRelations: Bool { state.withLock { $0.relationsKept } }
}
