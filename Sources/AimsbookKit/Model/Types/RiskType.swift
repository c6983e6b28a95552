extension DocumentType {
    public static let risk = DocumentType(declaring: "risk")
}

/// A risk of the AI risk register (clauses 6.1.2, 8.2 and 8.3): scores before and after
/// treatment, the treatment chosen, and who accepted the residual risk.
enum RiskType {
    static let descriptor = DocumentTypeDescriptor(
        .risk, displayName: "Risk", pluralName: "Risks", requiresOwner: true,
        fields: [
            .word("category", Vocabulary.riskCategory), .score("likelihood"), .score("impact"),
            .score("residual_likelihood"), .score("residual_impact"), .word("treatment", Vocabulary.treatment),
            .references("ai_systems", to: .aiSystem) { $0.risk?.aiSystems },
            .reference("accepted_by", to: .role, backlink: false) { $0.risk?.acceptedBy }, .date("accepted_on"),
        ],
        readDetails: { reader in
            var risk = Document.Risk(
                category: reader.oneOf("category", Vocabulary.riskCategory),
                likelihood: reader.score("likelihood"), impact: reader.score("impact"),
                residualLikelihood: reader.score("residual_likelihood"),
                residualImpact: reader.score("residual_impact"),
                treatment: reader.oneOf("treatment", Vocabulary.treatment),
                aiSystems: reader.list("ai_systems"))
            risk.acceptedBy = reader.text("accepted_by")
            risk.acceptedOn = reader.day("accepted_on")
            risk.residualLocation =
                (reader.frontMatter["residual_likelihood"] ?? reader.frontMatter["residual_impact"])?
                .value.location
            return Document.Details(risk)
        },
        panel: DetailsPanel(key: "riskPanel") { document, context, linker in
            guard let risk = document.risk else { return nil }
            var panel = RiskScores.view(risk, criteria: context.handbook.settings.riskCriteria)
            panel["hasAcceptance"] = risk.acceptedBy != nil
            panel["acceptedBy"] = risk.acceptedBy.map { context.documentRef($0.value, linker: linker) } ?? false
            panel["acceptedOn"] = context.date(risk.acceptedOn?.value)
            return panel
        },
        starter: Starter(
            folder: "risks", idPrefix: "RISK",
            fields: [
                ("category", "technical"), ("likelihood", "3"), ("impact", "3"), ("residual_likelihood", "2"),
                ("residual_impact", "2"), ("treatment", "mitigate"), ("ai_systems", "[]"), ("controls", "[]"),
                ("clauses", "[6.1.2, 8.2]"),
            ],
            sections: ["Description", "Causes", "Consequences", "Treatment", "Residual risk"],
            example: StarterHandbook.Entry(
                path: "risks/example-risk.md", id: "RISK-001", type: .risk, title: "Example AI risk",
                clauses: ["8.2", "8.3"], controls: ["A.6.2.4"],
                extra: [
                    ("category", "technical"), ("likelihood", "3"), ("impact", "3"), ("residual_likelihood", "2"),
                    ("residual_impact", "2"), ("treatment", "mitigate"), ("ai_systems", "[AIS-001]"),
                ],
                purpose:
                    "One entry of the risk register: the results of risk assessment and treatment (clauses 8.2 and 8.3). Copy it for each risk.",
                sections: ["Description", "Treatment", "Residual risk"])),
        richerView: ("Risk register with heat maps", SitePaths.risks))
}

extension Document {
    public struct Risk: TypeDetails {
        public var category: String?
        public var likelihood: Int?
        public var impact: Int?
        public var residualLikelihood: Int?
        public var residualImpact: Int?
        public var treatment: String?
        public var aiSystems: [Located<String>]
        /// The role that accepted the residual risk, and when (clause 6.1.3 f).
        public var acceptedBy: Located<String>? = nil
        public var acceptedOn: Located<Day>? = nil
        /// Where `residual_likelihood` (or else `residual_impact`) was written.
        public var residualLocation: SourceLocation? = nil

        public var inherentScore: Int? { likelihood.flatMap { l in impact.map { l * $0 } } }
        public var residualScore: Int? { residualLikelihood.flatMap { l in residualImpact.map { l * $0 } } }
    }

    public var risk: Risk? { self.details.value as? Risk }
}
