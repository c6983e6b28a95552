/// The starting text of each document type: the fields it needs and headings with placeholders
/// saying what belongs under them. Written for aimsbook; no text of the standard.
public enum Templates {
    static let placeholderNote =
        "> **To complete:** replace the placeholders in this document with your organisation's own text, then set `status: approved` once it has been approved.\n"

    public static func document(
        type: DocumentType, id: String, title: String, owner: String?, standard: StandardModel
    )
        -> StarterDocument
    {
        var fields: [(String, String)] = []
        if let owner, type.requiresOwner || type == .soa { fields.append(("owner", owner)) }
        fields.append(("status", "draft"))
        let body: String
        switch type {
        case .policy:
            body = sections(["Purpose", "Scope", "Policy statements", "Responsibilities", "Review"])
        case .procedure:
            body = sections(["Purpose", "Scope", "Roles", "Steps", "Records kept", "Review"])
        case .role:
            fields.append(("members", "[]"))
            body = sections(["Purpose of the role", "Responsibilities", "Authorities"])
        case .risk:
            fields += [
                ("category", "technical"), ("likelihood", "3"), ("impact", "3"), ("residual_likelihood", "2"),
                ("residual_impact", "2"), ("treatment", "mitigate"), ("ai_systems", "[]"), ("controls", "[]"),
                ("clauses", "[6.1.2, 8.2]"),
            ]
            body = sections(["Description", "Causes", "Consequences", "Treatment", "Residual risk"])
        case .aiSystem:
            fields += [("lifecycle", "planned"), ("eu_ai_act_risk", "minimal"), ("provider", "internal")]
            body = sections([
                "Purpose and intended use", "Users and affected people", "Data", "Human oversight", "Monitoring",
            ])
        case .impactAssessment:
            fields += [("ai_systems", "[]"), ("clauses", "[6.1.4, 8.4]")]
            body = sections([
                "System and context", "Individuals and groups affected", "Societal impacts", "Measures", "Conclusion",
            ])
        case .objective:
            fields += [("target", "\"to be set\""), ("clauses", "[6.2]")]
            body = sections(["Objective", "How it is measured", "Plan", "Resources"])
        case .record:
            fields += [("record_kind", "other")]
            body = sections(["Summary", "Details", "Actions"])
        case .soa:
            fields.append(("clauses", "[6.1.3]"))
            // Every control starts applicable and planned: deciding exclusions is the review's job.
            let decisions = standard.controls.map { control in
                "\n  \(control.id): { applicable: true, status: planned, justification: \"To review: does '\(control.title)' apply, and why?\" }"
            }
            fields.append(("decisions", decisions.joined()))
            body = sections(["How controls were selected", "Changes since the last review"])
        }
        return StarterDocument(
            contentPath: "", id: id, type: type, title: title, fields: fields, body: placeholderNote + "\n" + body)
    }

    static func sections(_ headings: [String]) -> String {
        headings.map { "## \($0)\n\n_To be written._\n" }.joined(separator: "\n")
    }
}
