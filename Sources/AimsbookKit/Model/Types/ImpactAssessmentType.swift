extension DocumentType {
    public static let impactAssessment = DocumentType(declaring: "impact-assessment")
}

/// The results of an AI system impact assessment (clauses 6.1.4 and 8.4).
enum ImpactAssessmentType {
    static let descriptor = DocumentTypeDescriptor(
        .impactAssessment, displayName: "Impact assessment", pluralName: "Impact assessments", requiresOwner: true,
        fields: [.references("ai_systems", to: .aiSystem) { $0.impactAssessment?.aiSystems }, .date("date")],
        readDetails: { reader in
            let date = reader.day("date")
            return Document.Details(
                Document.ImpactAssessment(
                    aiSystems: reader.list("ai_systems"), date: date?.value, dateLocation: date?.location))
        },
        panel: DetailsPanel(key: "assessmentPanel") { document, context, linker in
            guard let assessment = document.impactAssessment else { return nil }
            return [
                "date": context.date(assessment.date),
                "systems": assessment.aiSystems.map { context.documentRef($0.value, linker: linker) },
            ] as View
        },
        starter: Starter(
            folder: "impact-assessments", idPrefix: "IA", fields: [("ai_systems", "[]"), ("clauses", "[6.1.4, 8.4]")],
            sections: [
                "System and context", "Individuals and groups affected", "Societal impacts", "Measures", "Conclusion",
            ],
            example: StarterHandbook.Entry(
                path: "impact-assessments/example-impact-assessment.md", id: "IA-001", type: .impactAssessment,
                title: "Impact assessment of the example AI system", clauses: ["8.4"],
                extra: [("ai_systems", "[AIS-001]")],
                purpose:
                    "The results of an AI system impact assessment, retained as clause 8.4 asks. One per AI system.",
                sections: [
                    "System and context", "Individuals and groups affected", "Societal impacts", "Measures",
                    "Conclusion",
                ])))
}

extension Document {
    public struct ImpactAssessment: TypeDetails {
        public var aiSystems: [Located<String>]
        public var date: Day?
        public var dateLocation: SourceLocation? = nil
    }

    public var impactAssessment: ImpactAssessment? { self.details.value as? ImpactAssessment }
}
