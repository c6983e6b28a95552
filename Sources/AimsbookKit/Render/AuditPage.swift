/// The audit readiness dashboard (`audit.html`), from `AuditReport`: the score, the mandatory
/// documented information as a checklist, coverage of clauses 4–10 and Annex A as charts, and
/// the findings an auditor would raise, grouped by kind.
enum AuditPage {
    /// The verdict: readiness is every gate passing, never a score threshold.
    static func verdictBadge(_ audit: AuditReport) -> View {
        audit.ready ? Badge.make("Ready for stage 1", .ok) : Badge.make("Not ready", .bad)
    }

    /// What each gate checks, in an AIMS owner's words, beside its result.
    static let gateTitles: [String: String] = [
        "mandatory-information": "Required documented information evidenced",
        "internal-audit": "Internal audit held, covering clauses 4 to 10",
        "management-review": "Management review held after the audit",
        "soa-approved": "Statement of Applicability approved",
        "treatment-plan-approved": "Risk treatment plan approved, residual risk accepted",
        "no-placeholders": "No placeholder text in approved documents",
        "nonconformities": "No overdue corrective action",
    ]

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
                "note": item.note ?? "", "hasNote": item.note != nil,
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
                case .draftOnly, .notPerformed: bar.draftOnly += 1
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
            case .draftOnly, .notPerformed: controlBars[controlBars.count - 1].draftOnly += 1
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
            let group = byKind[kind]!
            // A row's key spells out its finding whole, so a row is the finding (which the key
            // determines) and the document ref it reads through its own context: in a rebuild
            // with the same findings, a title edit makes the one row showing that document again.
            var findingsByKey: [String: AuditReport.Finding] = [:]
            let keys = group.enumerated().map { index, finding in
                let key = Self.rowKey(index, finding)
                findingsByKey[key] = finding
                return key
            }
            let rendered = try context.rowsHTML(page: path + "#" + kind, template: "audit-finding", keys: keys) {
                key, context in
                let finding = findingsByKey[key]!
                return [
                    "message": finding.message,
                    "place": finding.location.map { "\($0.file):\($0.line)" } ?? "",
                    "hasPlace": finding.location != nil,
                    "hasDocument": finding.document != nil,
                    "document": finding.document.map { context.documentRef($0, linker: linker) } ?? false,
                ]
            }
            return [
                "kind": kind, "label": DocumentDetails.label(kind), "count": group.count,
                "findings": rendered.rows, "findingsHTML": rendered.html,
            ]
        }

        func gateView(_ gate: AuditReport.Gate) -> View {
            [
                "id": gate.id, "title": gateTitles[gate.id] ?? gate.id, "message": gate.message, "passed": gate.passed,
                "badge": gate.passed ? Badge.make("Passed", .ok) : Badge.make("Failed", .bad),
            ]
        }
        let gates = audit.gates.map(gateView)
        let failed = audit.failedGates.count
        let view: View = [
            "ready": audit.ready,
            "verdict": verdictBadge(audit),
            "verdictText": audit.ready
                ? "Every gate passes: the evidence a stage 1 auditor asks for first is in place."
                : "\(RenderText.count(failed, "gate")) of \(audit.gates.count) \(failed == 1 ? "fails" : "fail"). Each says what to do below.",
            "gates": gates,
            "failedGates": audit.failedGates.map(gateView),
            "hasFailedGates": !audit.failedGates.isEmpty,
            "passedCount": audit.gates.count - failed,
            "gateCount": audit.gates.count,
            "notPerformed": audit.notPerformedCount,
            "score": score,
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

    /// A finding's row key: its position and every field its row shows, so equal keys make equal rows.
    static func rowKey(_ index: Int, _ finding: AuditReport.Finding) -> String {
        let place = finding.location.map { "@\($0.file):\($0.line)" } ?? ""
        let document = finding.document.map { "#" + $0 } ?? ""
        return "\(index)\u{1F}\(document)\u{1F}\(place)\u{1F}\(finding.message)"
    }
}
