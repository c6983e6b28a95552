/// A page per clause and subclause of ISO/IEC 42001 (4 … 10.2) and their index: the answer to
/// "show me your evidence for 6.1.2" — the documents addressing the clause, approved ones
/// (evidence) first, and whether the documented information the clause requires is covered.
enum ClausePages {
    static func jobs(context: RenderContext) -> [PageJob] {
        let clauses = context.handbook.standard.clauses
        var jobs: [PageJob] = []
        for (index, clause) in clauses.enumerated() {
            let previous = index > 0 ? clauses[index - 1] : nil
            let next = index + 1 < clauses.count ? clauses[index + 1] : nil
            jobs.append(
                PageJob(SitePaths.clause(clause.id)) { try page(clause, previous: previous, next: next, context: $0) })
        }
        jobs.append(PageJob(SitePaths.clauses) { try indexPage(context: $0) })
        return jobs
    }

    /// Documents listing a clause or control: approved first, then by id.
    /// Each document is read once, not at each of the sort's comparisons.
    static func evidenceOrder(_ ids: [String], handbook: HandbookReader) -> [String] {
        ids.map { (id: $0, approved: handbook.document($0)?.status == .approved) }
            .sorted { a, b in a.approved != b.approved ? a.approved : a.id < b.id }
            .map(\.id)
    }

    /// The documents whose bodies link to `requirement` (a clause or control) and are not
    /// already listed as addressing it, in id order, as rows.
    static func mentions(
        of requirement: String, besides listed: [String], context: RenderContext, linker: Linker
    ) throws -> View {
        let listed = Set(listed)
        let ids = context.handbook.documents(mentioning: requirement).filter { !listed.contains($0) }
        let list = try context.refList(ids, template: "doc-row", linker: linker)
        return ["mentionsHTML": list.html, "hasMentions": !ids.isEmpty]
    }

    static func ancestors(of clause: StandardModel.Clause, standard: StandardModel) -> [StandardModel.Clause] {
        var chain: [StandardModel.Clause] = []
        var parent = clause.parent.flatMap(standard.clause)
        while let current = parent {
            chain.insert(current, at: 0)
            parent = current.parent.flatMap(standard.clause)
        }
        return chain
    }

    static func page(
        _ clause: StandardModel.Clause, previous: StandardModel.Clause?, next: StandardModel.Clause?,
        context: RenderContext
    ) throws -> OutputFile {
        let handbook = context.handbook
        let standard = handbook.standard
        let path = SitePaths.clause(clause.id)
        let linker = Linker(page: path)
        let documents = evidenceOrder(handbook.documents(addressing: clause.id), handbook: handbook)
        let evidence = try context.refList(documents, template: "ref-evidence-row", linker: linker)
        let mandatory = context.audit.mandatory.filter { $0.clause == clause.id }.map { item -> View in
            var view: View = ["what": item.what, "coverage": Badge.coverage(item.status)]
            if let note = item.note { view["note"] = note }
            return view
        }
        let subclauses = standard.subclauses(of: clause.id).map { sub -> View in
            let count = handbook.documents(addressing: sub.id).count
            return [
                "id": sub.id, "title": sub.title, "href": linker.clause(sub.id),
                "count": RenderText.count(count, "document"),
                "coverage": Badge.coverage(context.audit.clauseCoverage[sub.id] ?? .missing),
            ]
        }
        let approved = documents.filter { handbook.document($0)?.status == .approved }.count
        func neighbour(_ clause: StandardModel.Clause?) -> Any {
            guard let clause else { return false }
            return ["id": clause.id, "title": clause.title, "href": linker.clause(clause.id)] as View
        }
        var view: View = [
            "clauseID": clause.id,
            "clauseTitle": clause.title,
            "coverage": Badge.coverage(context.audit.clauseCoverage[clause.id] ?? .missing),
            "mandatory": mandatory,
            "hasMandatory": !mandatory.isEmpty,
            "auditHref": linker.to(SitePaths.audit),
            "documents": evidence.refs,
            "documentsHTML": evidence.html,
            "hasDocuments": !documents.isEmpty,
            "documentCount": RenderText.count(documents.count, "document"),
            "approvedCount": approved,
            "subclauses": subclauses,
            "hasSubclauses": !subclauses.isEmpty,
            "previous": neighbour(previous),
            "next": neighbour(next),
        ]
        for (key, value) in try mentions(of: clause.id, besides: documents, context: context, linker: linker) {
            view[key] = value
        }
        var trail: [(label: String, path: String)] = [("Clauses", SitePaths.clauses)]
        trail += ancestors(of: clause, standard: standard).map { ("\($0.id) \($0.title)", SitePaths.clause($0.id)) }
        let top = ancestors(of: clause, standard: standard).first ?? clause
        let frame = RenderContext.Frame(
            path: path, kind: "clause", title: "\(clause.id) \(clause.title)", trail: trail, crumb: clause.id,
            section: SitePaths.clause(top.id))
        return try context.page(frame, template: "clause", view)
    }

    static func indexPage(context: RenderContext) throws -> OutputFile {
        let handbook = context.handbook
        let standard = handbook.standard
        let path = SitePaths.clauses
        let linker = Linker(page: path)
        let mandatoryClauses = Set(standard.mandatory.map(\.clause))
        let groups = standard.clauses.filter { $0.parent == nil }.map { top -> View in
            var rows: [View] = []
            func add(_ clause: StandardModel.Clause, depth: Int) {
                let count = handbook.documents(addressing: clause.id).count
                rows.append([
                    "id": clause.id, "title": clause.title, "href": linker.clause(clause.id), "depth": depth,
                    "count": count, "isMandatory": mandatoryClauses.contains(clause.id),
                    "coverage": Badge.coverage(context.audit.clauseCoverage[clause.id] ?? .missing),
                ])
                for sub in standard.subclauses(of: clause.id) { add(sub, depth: depth + 1) }
            }
            add(top, depth: 0)
            return ["id": top.id, "title": top.title, "href": linker.clause(top.id), "rows": rows]
        }
        let frame = RenderContext.Frame(path: path, kind: "clauses", title: "Clauses 4–10", section: SitePaths.clauses)
        return try context.page(frame, template: "clauses", ["groups": groups])
    }
}
