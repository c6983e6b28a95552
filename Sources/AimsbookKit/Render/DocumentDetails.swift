import Mustache

/// The panel only one type of document has: a risk's scores, an AI system's classification with
/// its risks and impact assessments, a role's reporting line and what it owns and approves …
/// Each type declares its panel (`DocumentTypeDescriptor.panel`); each key is a view or
/// `false`, so the template shows exactly one panel.
enum DocumentDetails {
    /// Every registered type's panel key and the generic rows panel's, each once.
    static let keys: [MustacheKey] = {
        var keys = [DetailsPanel.rowsKey]
        for case let key? in DocumentType.registered.map(\.panel?.key) where !keys.contains(key) { keys.append(key) }
        return keys
    }()

    static func view(_ document: Document, context: RenderContext, linker: Linker) throws -> View {
        var view: View = [:]
        for key in keys { view[key] = false }
        if let panel = document.type.descriptor.panel, let panelView = try panel.view(document, context, linker) {
            view[panel.key] = panelView
        }
        return view
    }

    static func aiSystem(
        _ document: Document, _ system: Document.AISystem, context: RenderContext, linker: Linker
    ) -> View {
        let id = document.id.value
        let relations = context.handbook.relations(about: id)
        var assessments = relations.assessments
        if let named = system.impactAssessment?.value, !assessments.contains(named) { assessments.insert(named, at: 0) }
        let risks = relations.risks.sorted().map { riskID -> View in
            var ref = context.documentRef(riskID, linker: linker)
            if let risk = context.handbook.document(riskID)?.risk {
                ref["scores"] = RiskScores.view(risk, criteria: context.handbook.settings.riskCriteria)
            } else {
                ref["scores"] = RiskScores.view(nil, criteria: context.handbook.settings.riskCriteria)
            }
            return ref
        }
        return [
            "lifecycle": Badge.lifecycle(system.lifecycle),
            "euRisk": Badge.euAIActRisk(system.euAIActRisk),
            "provider": providerLabel(system.provider),
            "hasSupplier": system.supplier != nil,
            "supplier": system.supplier ?? "",
            "aiActRole": FrameworkPages.roleLabel(AIActApplicability.role(of: system)),
            "hasAIActRole": system.aiActRole != nil,
            "annexIII": system.annexIII.map { point in
                point + (AIActApplicability.annexIIITitle(point).map { " — \($0)" } ?? "")
            } ?? "",
            "hasAnnexIII": system.annexIII != nil,
            "transparency": system.transparency.joined(separator: ", "),
            "hasTransparency": !system.transparency.isEmpty,
            "hasNotHighRisk": system.notHighRiskAssessment != nil,
            "notHighRiskID": system.notHighRiskAssessment?.value ?? "",
            "notHighRiskHref": system.notHighRiskAssessment.map { linker.document($0.value) } ?? "",
            "assessments": context.documentRefs(assessments, linker: linker),
            "hasAssessments": !assessments.isEmpty,
            "risks": risks,
            "hasRisks": !risks.isEmpty,
            "inventoryHref": linker.to(SitePaths.aiSystems),
            "aiAct": FrameworkPages.systemChecklist(document, context: context, linker: linker),
        ]
    }

    /// - Parameter itemTemplate: the partial of one item of what the role owns and approves.
    static func role(
        _ document: Document, _ role: Document.Role, context: RenderContext, linker: Linker, itemTemplate: String
    ) throws -> View {
        let id = document.id.value
        let relations = context.handbook.relations(about: id)
        let owns = relations.owns.sorted()
        let approves = relations.approves.sorted()
        let reports = context.directReports[id] ?? []
        let ownList = try context.refList(owns, template: itemTemplate, linker: linker)
        let approveList = try context.refList(approves, template: itemTemplate, linker: linker)
        return [
            "reportsTo": role.reportsTo.map { context.documentRef($0.value, linker: linker) } ?? false,
            "directReports": context.documentRefs(reports, linker: linker),
            "hasDirectReports": !reports.isEmpty,
            "members": role.members,
            "hasMembers": !role.members.isEmpty,
            "owns": ownList.refs,
            "ownsHTML": ownList.html,
            "hasOwns": !owns.isEmpty,
            "approves": approveList.refs,
            "approvesHTML": approveList.html,
            "hasApproves": !approves.isEmpty,
            "directoryHref": linker.to(SitePaths.roles) + "#" + DocumentID.slug(id),
        ]
    }

    static func providerLabel(_ provider: String?) -> String {
        switch provider {
        case "internal": "Internal"
        case "third-party": "Third party"
        case let other?: other
        case nil: "Not stated"
        }
    }

    /// `internal-audit` → "Internal audit".
    static func label(_ value: String) -> String {
        let words = value.replacingAll("-", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}

/// A risk's inherent and residual scores as the pages show them.
enum RiskScores {
    static func view(_ risk: Document.Risk?, criteria: RiskCriteria) -> View {
        func score(_ likelihood: Int?, _ impact: Int?) -> Any {
            guard let likelihood, let impact else { return false }
            let score = likelihood * impact
            return ["likelihood": likelihood, "impact": impact, "score": score, "badge": Badge.risk(score, criteria)]
                as View
        }
        return [
            "inherent": score(risk?.likelihood, risk?.impact),
            "residual": score(risk?.residualLikelihood, risk?.residualImpact),
            "hasCategory": risk?.category != nil,
            "category": DocumentDetails.label(risk?.category ?? ""),
            "hasTreatment": risk?.treatment != nil,
            "treatment": DocumentDetails.label(risk?.treatment ?? ""),
        ]
    }
}
