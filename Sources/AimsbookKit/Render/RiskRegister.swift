/// The risk register (`risks.html`): inherent and residual heat maps, then every risk in a
/// sortable table with its scores, treatment, treatment controls and AI systems.
enum RiskRegister {
    static func render(context: RenderContext) throws -> OutputFile {
        let path = SitePaths.risks
        let linker = Linker(page: path)
        let handbook = context.handbook
        let criteria = handbook.settings.riskCriteria
        var ids: [String] = []
        var inherent: [(id: String, likelihood: Int, impact: Int)] = []
        var residual: [(id: String, likelihood: Int, impact: Int)] = []
        var untreated = 0
        var high = 0
        // In place: copying the hundreds of risks to read their scores cost more than the rows.
        handbook.forEachDocument(of: .risk) { document in
            let id = document.id.value
            ids.append(id)
            if document.controls.isEmpty { untreated += 1 }
            guard let risk = document.risk else { return }
            if let l = risk.likelihood, let i = risk.impact { inherent.append((id, l, i)) }
            if let l = risk.residualLikelihood, let i = risk.residualImpact { residual.append((id, l, i)) }
            if (risk.residualScore ?? 0) > criteria.acceptanceThreshold { high += 1 }
        }
        // Each row reads through its own context (the page's is shadowed): see `rowsHTML(page:…)`.
        let rendered = try context.rowsHTML(page: path, template: "risk-row", keys: ids) {
            id, context in
            guard let document = context.handbook.document(id) else { return [:] }
            let risk = document.risk
            var row = context.documentRef(document, linker: linker)
            row["scores"] = RiskScores.view(risk, criteria: context.handbook.settings.riskCriteria)
            row["inherentSort"] = risk?.inherentScore ?? -1
            row["residualSort"] = risk?.residualScore ?? -1
            row["inherentCell"] =
                risk.flatMap { r in r.likelihood.flatMap { l in r.impact.map { "inherent-\(l)-\($0)" } } } ?? ""
            row["residualCell"] =
                risk.flatMap { r in r.residualLikelihood.flatMap { l in r.residualImpact.map { "residual-\(l)-\($0)" } }
                } ?? ""
            row["controls"] = document.controls.map { ["id": $0.value, "href": linker.control($0.value)] as View }
            row["hasControls"] = !document.controls.isEmpty
            row["systems"] = (risk?.aiSystems ?? []).map { context.documentRef($0.value, linker: linker) }
            row["review"] = context.review(document)
            return row
        }
        let view: View = [
            "rows": rendered.rows,
            "rowsHTML": rendered.html,
            "hasRows": !ids.isEmpty,
            "total": RenderText.count(ids.count, "risk"),
            "untreated": untreated,
            "hasUntreated": untreated > 0,
            "high": high,
            "threshold": criteria.acceptanceThreshold,
            "legend": Badge.riskLegend(criteria),
            "inherentMap": try HeatMap.view(
                kind: "inherent", caption: "Inherent risk (before treatment)", scores: inherent, context: context,
                linker: linker),
            "residualMap": try HeatMap.view(
                kind: "residual", caption: "Residual risk (after treatment)", scores: residual, context: context,
                linker: linker),
            "typeListHref": linker.typeList(.risk),
        ]
        let frame = RenderContext.Frame(
            path: path, kind: "risks", title: "Risk register", section: path)
        return try context.page(frame, template: "risks", view)
    }
}
