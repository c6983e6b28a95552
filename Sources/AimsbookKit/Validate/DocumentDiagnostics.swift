/// The document rules' diagnostics (`Validator.documentRules`) of one model, per rule and per
/// document, so that `serve` checks again only what an edit can change.
///
/// After `ModelUpdate` (every id and type as before, only edited documents made again), a
/// document's own references give the same diagnostics as before unless it was edited: they look
/// other documents up by id and type, and neither changed. Its links may also point at a heading
/// of an edited document, so the documents referring to an edited one are checked again too.
/// Everything else is the last check's. The handbook rules run whole. Tests compare every kind of
/// edit with a fresh build's diagnostics.
struct DocumentDiagnostics: Sendable {
    /// The model generation the diagnostics are of (`BuildCache.currentModel`).
    var generation: Int
    /// By rule, then by position in `handbook.documents`.
    var byRule: [[[Diagnostic]]]
    /// The positions the check looked at again, nil when it looked at every document (for tests).
    var checkedAgain: [Int]?

    /// Every rule's diagnostics for `context`'s handbook, in `Validator.rules`' order: the
    /// document rules' from the last check where an edit cannot have changed them.
    static func check(_ context: Validator.Context, cache: BuildCache) -> [Diagnostic] {
        let handbook = context.handbook
        let model = cache.currentModel
        let count = handbook.documents.count
        var byRule: [[[Diagnostic]]]
        var checkedAgain: [Int]?
        if let change = model.change, let last = cache.lastDocumentDiagnostics(), last.generation == change.from,
            last.byRule.allSatisfy({ $0.count == count })
        {
            byRule = last.byRule
            let positions = affected(by: change.edited, in: handbook)
            checkedAgain = positions
            handbook.documents.withUnsafeBufferPointer { documents in
                for (rule, check) in Validator.documentRules.enumerated() {
                    for position in positions {
                        var diagnostics: [Diagnostic] = []
                        check(context, documents.baseAddress! + position, &diagnostics)
                        byRule[rule][position] = diagnostics
                    }
                }
            }
        } else {
            // A rule per core, as `Validator.rules`, each document's results kept apart.
            byRule = Validator.documentRules.concurrentMap { rule in
                var results = [[Diagnostic]](repeating: [], count: count)
                var position = 0
                handbook.forEachDocument { document in
                    rule(context, document, &results[position])
                    position += 1
                }
                return results
            }
        }
        let handbookDiagnostics = Validator.handbookRules.concurrentMap { $0(context) }
        cache.keep(DocumentDiagnostics(generation: model.generation, byRule: byRule, checkedAgain: checkedAgain))
        return byRule.flatMap { $0.joined() } + handbookDiagnostics.joined()
    }

    /// The positions of the edited documents and of every document referring to one of them
    /// (by a link, which may name a heading, or in its front matter), in order.
    static func affected(by edited: [Int], in handbook: Handbook) -> [Int] {
        var positions = Set(edited)
        for position in edited {
            let id = handbook.documents.withUnsafeBufferPointer { $0[position].id.value }
            for referrer in handbook.relations.referencedBy[id] ?? [] {
                if let at = handbook.position(of: referrer) { positions.insert(at) }
            }
        }
        return positions.sorted()
    }
}
