extension SiteRenderer {
    /// A rebuild that makes again only the pages whose reads (`PageRead`) met what changed since
    /// the last build. Possible when the last build had the same theme, as-of date, settings,
    /// standard, frameworks, link resolver, assets and the same documents (ids and types, in the
    /// same order): then the site has the same pages, navigation and previous/next links, and
    /// what differs is confined to the changed documents and the parts derived from them.
    struct TargetedRebuild {
        let previous: RenderMemo.RenderedSite
        /// Positions of the documents that differ from the last build's, bodies included.
        let changed: [Int]

        /// Nil when the last build cannot be the base of a targeted rebuild: every page is made.
        init?(
            previous: RenderMemo.RenderedSite, handbook: Handbook, outline: Handbook, theme: Theme, asOf: Day,
            _ access: RendererAccess
        ) {
            let before = previous.context.outline(access)
            guard previous.context.theme.fingerprint == theme.fingerprint, previous.context.asOf == asOf,
                Self.sameFrame(before, outline), previous.documents.count == handbook.documents.count
            else { return nil }
            let changed = SiteRenderer.positionsOfChanges(from: previous.documents, to: handbook.documents)
            self.previous = previous
            self.changed = changed
        }

        /// Everything but the documents' fields is the same, and so are the documents' ids and types.
        /// The resolver's fingerprint stands for every link target, broken documents' ids and paths included.
        static func sameFrame(_ before: Handbook, _ now: Handbook) -> Bool {
            guard before.settings == now.settings, before.standard.standard == now.standard.standard,
                before.standard.clauses == now.standard.clauses,
                before.standard.objectives == now.standard.objectives,
                before.standard.controls == now.standard.controls,
                before.standard.mandatory == now.standard.mandatory, before.assets == now.assets,
                before.templateOverrides == now.templateOverrides,
                before.resolver.fingerprint == now.resolver.fingerprint, before.brokenIDs == now.brokenIDs,
                before.frameworks == now.frameworks, before.documents.count == now.documents.count
            else { return false }
            return zip(before.documents, now.documents).allSatisfy { before, now in
                now.id.value == before.id.value && now.type == before.type
            }
        }

        /// What pages may have read differently: each changed document, its type, "any
        /// document", and every derived part that is not equal to the last build's.
        func dirtyReads(context: RenderContext, _ access: RendererAccess) -> Set<PageRead> {
            var dirty: Set<PageRead> = []
            let (outline, lastOutline) = (context.outline(access), previous.context.outline(access))
            let documents = outline.documents
            for index in changed {
                dirty.insert(.document(documents[index].id.value))
                dirty.insert(.type(documents[index].type))
                dirty.insert(.allDocuments)
            }
            guard !changed.isEmpty else { return dirty }
            let old = previous.context.derivedParts(access)
            let new = context.derivedParts(access)
            if lastOutline.relations != outline.relations {
                dirty.insert(.relations)
                for id in outline.relations.idsWhoseEntryDiffers(from: lastOutline.relations) {
                    dirty.insert(.relationsOf(id))
                }
                for clause in outline.relations.clausesWhoseDocumentsDiffer(from: lastOutline.relations) {
                    dirty.insert(.clauseDocuments(clause))
                }
                for requirement in outline.relations.mentionsThatDiffer(from: lastOutline.relations) {
                    dirty.insert(.mentionsOf(requirement))
                }
            }
            if old.soa != new.soa { dirty.insert(.soa) }
            if old.audit != new.audit { dirty.insert(.audit) }
            if old.obligations.systems != new.obligations.systems { dirty.insert(.obligations) }
            if old.directReports != new.directReports { dirty.insert(.directReports) }
            if !sameCoverage(old.coverage, new.coverage, before: lastOutline, now: outline) {
                dirty.insert(.coverage)
            }
            return dirty
        }

        /// `FrameworkCoverage.coverage(of:in:forSystem:)` reads its indexes, the frameworks, and
        /// of each document its id, status and type's fields (`details`); ids and frameworks are
        /// the same, so the rest decides.
        func sameCoverage(_ a: FrameworkCoverage, _ b: FrameworkCoverage, before: Handbook, now: Handbook) -> Bool {
            guard a.citing == b.citing, a.clauseDocuments == b.clauseDocuments,
                a.controlDocuments == b.controlDocuments
            else { return false }
            let (before, now) = (before.documents, now.documents)
            return changed.allSatisfy { now[$0].status == before[$0].status && now[$0].details == before[$0].details }
        }
    }
}
