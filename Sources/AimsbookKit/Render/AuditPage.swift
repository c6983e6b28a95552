/// The audit readiness dashboard (`audit.html`), from `AuditReport`: the score, the mandatory
/// documented information as a checklist, coverage of clauses 4–10 and Annex A as charts, and
/// the findings an auditor would raise, grouped by kind.
enum AuditPage {
    static func scoreBadge(_ percent: Int) -> View {
        switch percent {
        case 85...: Badge.make("Ready for audit", .ok)
        case 60..<85: Badge.make("Gaps to close", .warn)
        default: Badge.make("Not ready", .bad)
        }
    }

    static func render(context: RenderContext) throws -> OutputFile {
        let path = SitePaths.audit
        let linker = Linker(page: path)
        let handbook = context.handbook
        let audit = context.audit
        let standard = handbook.standard
        let score = Int((audit.score * 100).rounded())

        let checklist = try audit.mandatory.map { item -> View in
            let documents = try context.refList(item.documents, template: "ref-id-link", linker: linker)
            return [
                "clause": item.clause, "clauseTitle": item.clauseTitle, "href": linker.clause(item.clause),
                "what": item.what,
                "coverage": Badge.coverage(item.status), "done": item.status == .covered,
                "documents": documents.refs,
                "documentsHTML": documents.html,
                "hasDocuments": !item.documents.isEmpty,
            ]
        }

        // Clauses 4–10: each top-level clause with all its subclauses.
        var clauseBars: [CoverageChart.Bar] = []
        for top in standard.clauses where top.parent == nil {
            var bar = CoverageChart.Bar(
                label: "\(top.id) \(top.title)", href: linker.clause(top.id), covered: 0, draftOnly: 0, missing: 0)
            for clause in standard.clauses
            where clause.id == top.id || ClausePages.ancestors(of: clause, standard: standard).first?.id == top.id {
                switch audit.clauseCoverage[clause.id] ?? .missing {
                case .covered: bar.covered += 1
                case .draftOnly: bar.draftOnly += 1
                case .missing: bar.missing += 1
                }
            }
            clauseBars.append(bar)
        }
        var controlBars: [CoverageChart.Bar] = []
        for entry in context.soa.entries {
            let top = entry.topObjective
            if controlBars.last?.label.hasPrefix(top.id + " ") != true {
                controlBars.append(
                    CoverageChart.Bar(
                        label: "\(top.id) \(top.title)", href: linker.to(SitePaths.objective(top.id)), covered: 0,
                        draftOnly: 0,
                        missing: 0))
            }
            switch audit.controlCoverage[entry.control.id] ?? .missing {
            case .covered: controlBars[controlBars.count - 1].covered += 1
            case .draftOnly: controlBars[controlBars.count - 1].draftOnly += 1
            case .missing: controlBars[controlBars.count - 1].missing += 1
            }
        }

        var kinds: [String] = []
        var byKind: [String: [AuditReport.Finding]] = [:]
        for finding in audit.findings {
            if byKind[finding.kind] == nil { kinds.append(finding.kind) }
            byKind[finding.kind, default: []].append(finding)
        }
        let findingGroups = try kinds.map { kind -> View in
            let findings = byKind[kind]!.map { finding -> View in
                [
                    "message": finding.message,
                    "hasDocument": finding.document != nil,
                    "document": finding.document.map { context.documentRef($0, linker: linker) } ?? false,
                ]
            }
            let rendered = try context.rowsHTML(findings, template: "audit-finding", page: path + "#" + kind)
            return [
                "kind": kind, "label": DocumentDetails.label(kind), "count": findings.count,
                "findings": rendered.rows, "findingsHTML": rendered.html,
            ]
        }

        let view: View = [
            "score": score,
            "scoreBadge": scoreBadge(score),
            "covered": audit.coveredCount,
            "draftOnly": audit.draftOnlyCount,
            "missing": audit.missingCount,
            "mandatoryTotal": audit.mandatory.count,
            "checklist": checklist,
            "soaPresent": audit.soa.present,
            "soaDecided": audit.soa.decided,
            "soaControls": audit.soa.controls,
            "soaApplicable": audit.soa.applicable,
            "soaImplemented": audit.soa.implemented,
            "soaHref": linker.to(SitePaths.soa),
            "clauseChart": CoverageChart.svg(
                id: "chart-clauses", title: "Coverage of clauses 4 to 10", bars: clauseBars),
            "controlChart": CoverageChart.svg(
                id: "chart-controls", title: "Coverage of Annex A controls", bars: controlBars),
            "findingGroups": findingGroups,
            "hasFindings": !audit.findings.isEmpty,
            "findingCount": RenderText.count(audit.findings.count, "finding"),
            "findingCountNumber": audit.findings.count,
        ]
        let frame = RenderContext.Frame(path: path, kind: "audit", title: "Audit readiness", section: path)
        return try context.page(frame, template: "audit", view)
    }
}
