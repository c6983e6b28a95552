/// The AI system inventory (`ai-systems.html`): every AI system with its life-cycle stage, EU AI
/// Act risk class, provider and supplier, impact assessment (or its absence) and risks.
enum AISystemInventory {
    static func render(context: RenderContext) throws -> OutputFile {
        let path = SitePaths.aiSystems
        let linker = Linker(page: path)
        let handbook = context.handbook
        let systems = handbook.documents(of: .aiSystem)
        var withoutAssessment = 0
        let rows = systems.map { document -> View in
            let system = document.aiSystem
            let id = document.id.value
            let relations = handbook.relations(about: id)
            var assessments = relations.assessments
            if let named = system?.impactAssessment?.value, !assessments.contains(named) {
                assessments.insert(named, at: 0)
            }
            if assessments.isEmpty { withoutAssessment += 1 }
            let risks = relations.risks
            var row = context.documentRef(document, linker: linker)
            row["lifecycle"] = Badge.lifecycle(system?.lifecycle)
            row["lifecycleSort"] = Vocabulary.lifecycle.firstIndex(of: system?.lifecycle ?? "") ?? 9
            row["euRisk"] = Badge.euAIActRisk(system?.euAIActRisk)
            row["euRiskSort"] = Vocabulary.euAIActRisk.firstIndex(of: system?.euAIActRisk ?? "") ?? 9
            row["provider"] = DocumentDetails.providerLabel(system?.provider)
            row["hasSupplier"] = system?.supplier != nil
            row["supplier"] = system?.supplier ?? ""
            row["assessments"] = context.documentRefs(assessments, linker: linker)
            row["hasAssessments"] = !assessments.isEmpty
            row["riskCount"] = risks.count
            row["riskLabel"] = RenderText.count(risks.count, "risk")
            return row
        }
        var byClass: [View] = []
        for value in Vocabulary.euAIActRisk {
            let count = systems.filter { $0.aiSystem?.euAIActRisk == value }.count
            if count > 0 { byClass.append(["count": count, "badge": Badge.euAIActRisk(value)]) }
        }
        let view: View = [
            "rows": rows,
            "hasRows": !rows.isEmpty,
            "total": RenderText.count(systems.count, "AI system"),
            "byClass": byClass,
            "withoutAssessment": withoutAssessment,
            "hasWithoutAssessment": withoutAssessment > 0,
        ]
        let frame = RenderContext.Frame(path: path, kind: "ai-systems", title: "AI system inventory", section: path)
        return try context.page(frame, template: "ai-systems", view)
    }
}
