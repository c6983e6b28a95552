/// A page per Annex A control (A.2.2 … A.10.4) and their index: the SoA decision for the
/// control, the documents implementing it (approved = evidence) and the risks it treats.
enum ControlPages {
    /// The controls are the SoA's entries, so every control page reads the SoA.
    static func jobs(context: RenderContext) -> [PageJob] {
        let entries = context.soa.entries
        var jobs: [PageJob] = []
        for (index, entry) in entries.enumerated() {
            let previous = index > 0 ? entries[index - 1].control : nil
            let next = index + 1 < entries.count ? entries[index + 1].control : nil
            jobs.append(
                PageJob(SitePaths.control(entry.control.id)) {
                    try page(entry, previous: previous, next: next, context: $0)
                })
        }
        jobs.append(PageJob(SitePaths.controls) { try indexPage(context: $0) })
        return jobs
    }

    static func page(
        _ entry: StatementOfApplicability.Entry, previous: StandardModel.Control?, next: StandardModel.Control?,
        context: RenderContext
    ) throws -> OutputFile {
        let handbook = context.handbook
        let control = entry.control
        let path = SitePaths.control(control.id)
        let linker = Linker(page: path)
        let implementedBy = ClausePages.evidenceOrder(entry.implementedBy, handbook: handbook)
        let risks = entry.treatsRisks.map { id -> View in
            var ref = context.documentRef(id, linker: linker)
            ref["scores"] = RiskScores.view(handbook.document(id)?.risk, criteria: handbook.settings.riskCriteria)
            return ref
        }
        func neighbour(_ control: StandardModel.Control?) -> Any {
            guard let control else { return false }
            return ["id": control.id, "title": control.title, "href": linker.control(control.id)] as View
        }
        let implementation = Badge.implementation(entry)
        let evidence = try context.refList(implementedBy, template: "ref-evidence-row", linker: linker)
        var view: View = [
            "controlID": control.id,
            "controlTitle": control.title,
            "objectiveID": entry.objective.id,
            "objectiveTitle": entry.objective.title,
            "objectiveHref": linker.to(SitePaths.objective(entry.objective.id)),
            "hasSoA": context.soa.document != nil,
            "applicability": Badge.applicability(entry),
            "hasImplementation": implementation != nil,
            "implementation": implementation ?? Badge.make("", .muted),
            "hasJustification": !(entry.justification ?? "").isEmpty,
            "justification": entry.justification ?? "",
            "soaHref": linker.to(SitePaths.soa) + "#" + control.id,
            "documents": evidence.refs,
            "documentsHTML": evidence.html,
            "hasDocuments": !implementedBy.isEmpty,
            "risks": risks,
            "hasRisks": !risks.isEmpty,
            "coverage": Badge.coverage(context.audit.controlCoverage[control.id] ?? .missing),
            "previous": neighbour(previous),
            "next": neighbour(next),
        ]
        for (key, value) in try ClausePages.mentions(
            of: control.id, besides: implementedBy, context: context, linker: linker)
        {
            view[key] = value
        }
        var trail: [(label: String, path: String)] = [("Annex A", SitePaths.controls)]
        if entry.topObjective.id != entry.objective.id {
            trail.append(
                ("\(entry.topObjective.id) \(entry.topObjective.title)", SitePaths.objective(entry.topObjective.id)))
        }
        trail.append(("\(entry.objective.id) \(entry.objective.title)", SitePaths.objective(entry.objective.id)))
        let frame = RenderContext.Frame(
            path: path, kind: "control", title: "\(control.id) \(control.title)", trail: trail, crumb: control.id,
            section: SitePaths.controls)
        return try context.page(frame, template: "control", view)
    }

    /// Controls grouped by objective (A.6.1 and A.6.2 as their own groups), one anchor per group.
    static func groups(context: RenderContext, linker: Linker) -> [View] {
        var groups: [View] = []
        var current: (objective: StandardModel.Objective, rows: [View])?
        var lastParent: String?
        func flush() {
            guard let current else { return }
            let parent = current.objective.parent.flatMap(context.handbook.standard.objective)
            // The first sub-group of a parent objective (A.6.1 under A.6) also opens the parent's heading.
            let startsParent = parent != nil && parent?.id != lastParent
            lastParent = parent?.id
            groups.append([
                "id": current.objective.id, "title": current.objective.title, "rows": current.rows,
                "hasParent": parent != nil, "startsParent": startsParent,
                "parentID": parent?.id ?? "", "parentTitle": parent?.title ?? "",
            ])
        }
        for entry in context.soa.entries {
            if current?.objective.id != entry.objective.id {
                flush()
                current = (entry.objective, [])
            }
            let implementation = Badge.implementation(entry)
            current!.rows.append([
                "id": entry.control.id, "title": entry.control.title, "href": linker.control(entry.control.id),
                "applicability": Badge.applicability(entry),
                "hasImplementation": implementation != nil,
                "implementation": implementation ?? Badge.make("", .muted),
                "documentCount": entry.implementedBy.count,
                "riskCount": entry.treatsRisks.count,
            ])
        }
        flush()
        return groups
    }

    static func indexPage(context: RenderContext) throws -> OutputFile {
        let path = SitePaths.controls
        let linker = Linker(page: path)
        let view: View = [
            "groups": groups(context: context, linker: linker),
            "soaHref": linker.to(SitePaths.soa),
            "controlCount": context.soa.entries.count,
        ]
        let frame = RenderContext.Frame(
            path: path, kind: "controls", title: "Annex A controls", section: SitePaths.controls)
        return try context.page(frame, template: "controls", view)
    }
}
