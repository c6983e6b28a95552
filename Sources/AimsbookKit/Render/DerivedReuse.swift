extension RenderContext.Derived {
    /// The derived parts a targeted rebuild can take from the last build: those none of whose
    /// inputs the edit changed. Each is a function of a few fields of the documents and of the
    /// relations (which documents list which clause and control); an edit elsewhere (a title,
    /// a review date, an owner) leaves it as it was, and making it again was most of the
    /// shared context of a one-file rebuild. The audit report reads nearly every field and
    /// is always made again.
    struct Kept {
        var soa: StatementOfApplicability?
        var coverage: FrameworkCoverage?
        var obligations: AIActObligations?

        /// - Parameters:
        ///   - previous: the last build's context, with the same ids, types, standard and
        ///     frameworks (`SiteRenderer.TargetedRebuild`).
        ///   - changed: ids of the documents that differ from the last build's.
        init(previous: RenderContext, changed: Set<String>, now: Handbook, _ access: RendererAccess) {
            let before = previous.outline(access)
            guard before.relations == now.relations else { return }
            let pairs = changed.compactMap { id -> (before: Document, now: Document)? in
                guard let old = before.document(id), let new = now.document(id) else { return nil }
                return (old, new)
            }
            guard pairs.count == changed.count else { return }
            let last = previous.derivedParts(access)
            // The SoA: the SoA document's decisions, and which documents list each control.
            if !pairs.contains(where: { $0.now.type == .soa }) {
                soa = last.soa
            }
            // Coverage: each document's id, status, citations and type's fields (which AI
            // systems it speaks for), and the relations. Its indexes are kept; the handbook it
            // reads statuses and ids from is the new one.
            let coverageInputsKept = pairs.allSatisfy {
                $0.before.status == $0.now.status && $0.before.citations == $0.now.citations
                    && $0.before.details == $0.now.details
            }
            guard coverageInputsKept else { return }
            coverage = last.coverage.reading(now)
            // Obligations: the coverage, and each AI system's title, status and fields.
            if !pairs.contains(where: { $0.now.type == .aiSystem }) {
                obligations = last.obligations
            }
        }
    }
}
