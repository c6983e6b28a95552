extension DocumentType {
    public static let aiSystem = DocumentType(declaring: "ai-system")
}

/// An entry of the AI system inventory: life cycle, EU AI Act class and role, provider, and the
/// impact assessment that covers it.
enum AISystemType {
    static let descriptor = DocumentTypeDescriptor(
        .aiSystem, displayName: "AI system", pluralName: "AI systems", requiresOwner: true,
        fields: [
            .word("lifecycle", Vocabulary.lifecycle), .word("eu_ai_act_risk", Vocabulary.euAIActRisk),
            .word("provider", Vocabulary.provider), "supplier",
            .reference("impact_assessment", to: .impactAssessment) { $0.aiSystem?.impactAssessment },
            .word("ai_act_role", Vocabulary.aiActRole), "annex_iii", .words("transparency", Vocabulary.transparency),
            .reference("not_high_risk_assessment") { $0.aiSystem?.notHighRiskAssessment },
        ],
        readDetails: { reader in
            Document.Details(
                Document.AISystem(
                    lifecycle: reader.oneOf("lifecycle", Vocabulary.lifecycle),
                    euAIActRisk: reader.oneOf("eu_ai_act_risk", Vocabulary.euAIActRisk),
                    provider: reader.oneOf("provider", Vocabulary.provider),
                    supplier: reader.text("supplier")?.value,
                    impactAssessment: reader.text("impact_assessment"),
                    euAIActRiskLocation: reader.frontMatter["eu_ai_act_risk"]?.value.location,
                    aiActRole: reader.oneOf("ai_act_role", Vocabulary.aiActRole),
                    annexIII: reader.annexIIIPoint(),
                    transparency: reader.list("transparency").compactMap {
                        reader.checkOneOf($0, key: "transparency", Vocabulary.transparency)
                    },
                    notHighRiskAssessment: reader.text("not_high_risk_assessment"),
                    annexIIILocation: reader.frontMatter["annex_iii"]?.value.location))
        },
        panel: DetailsPanel(key: "aiSystemPanel") { document, context, linker in
            document.aiSystem.map { DocumentDetails.aiSystem(document, $0, context: context, linker: linker) }
        },
        starter: Starter(
            folder: "ai-systems", idPrefix: "AIS",
            fields: [("lifecycle", "planned"), ("eu_ai_act_risk", "minimal"), ("provider", "internal")],
            sections: [
                "Purpose and intended use", "Users and affected people", "Data", "Human oversight", "Monitoring",
            ],
            example: StarterHandbook.Entry(
                path: "ai-systems/example-ai-system.md", id: "AIS-001", type: .aiSystem, title: "Example AI system",
                extra: [
                    ("lifecycle", "planned"), ("eu_ai_act_risk", "minimal"), ("provider", "internal"),
                    ("impact_assessment", "IA-001"),
                ],
                purpose:
                    "One entry of the AI system inventory. Copy it for each AI system you develop, provide or use.",
                sections: ["Purpose and intended use", "Users and affected people", "Data", "Human oversight"])),
        richerView: ("AI system inventory", SitePaths.aiSystems))
}

extension Document {
    public struct AISystem: TypeDetails {
        public var lifecycle: String?
        public var euAIActRisk: String?
        public var provider: String?
        public var supplier: String?
        public var impactAssessment: Located<String>?
        /// Where `eu_ai_act_risk` was written, for diagnostics about the class.
        public var euAIActRiskLocation: SourceLocation? = nil
        /// `ai_act_role`: provider, deployer or both; nil when not written (see `AIActApplicability`).
        public var aiActRole: String? = nil
        /// `annex_iii`: the Annex III point, such as `5(b)`, checked against `AIActApplicability.annexIII`.
        public var annexIII: String? = nil
        /// `transparency`: the Art.50 facts (`interacts-with-people`, …), each checked.
        public var transparency: [String] = []
        /// `not_high_risk_assessment`: the document recording an Art.6(3) derogation.
        public var notHighRiskAssessment: Located<String>? = nil
        /// Where `annex_iii` was written, for diagnostics about the point.
        public var annexIIILocation: SourceLocation? = nil
    }

    public var aiSystem: AISystem? { self.details.value as? AISystem }
}
