/// The kinds of document an AIMS handbook holds (content-format.md), and what each requires.
public enum DocumentType: String, Sendable, Hashable, CaseIterable, Comparable {
    case policy
    case role
    case procedure
    case risk
    case aiSystem = "ai-system"
    case impactAssessment = "impact-assessment"
    case objective
    case record
    case soa

    /// Types whose documents must name an owning role.
    public var requiresOwner: Bool {
        switch self {
        case .policy, .procedure, .risk, .aiSystem, .impactAssessment, .objective: true
        case .role, .record, .soa: false
        }
    }

    /// Front-matter fields of this type beyond the common ones.
    public var ownFields: [String] {
        switch self {
        case .policy, .procedure: []
        case .role: ["reports_to", "members"]
        case .risk:
            [
                "category", "likelihood", "impact", "residual_likelihood", "residual_impact", "treatment", "ai_systems",
                "accepted_by", "accepted_on",
            ]
        case .aiSystem:
            [
                "lifecycle", "eu_ai_act_risk", "provider", "supplier", "impact_assessment", "ai_act_role", "annex_iii",
                "transparency", "not_high_risk_assessment",
            ]
        case .impactAssessment: ["ai_systems", "date"]
        case .objective: ["target", "due"]
        case .record:
            [
                "record_kind", "date", "audited_clauses", "severity", "action_status", "due", "root_cause",
                "effectiveness_checked",
            ]
        case .soa: ["decisions"]
        }
    }

    public static let commonFields = [
        "id", "type", "title", "owner", "approver", "approvers", "status", "version", "effective", "review", "clauses",
        "controls", "related", "tags", "eu_ai_act", "iso27001", "retention", "review_interval",
    ]

    /// Singular and plural names for headings and navigation.
    public var displayName: String {
        switch self {
        case .policy: "Policy"
        case .role: "Role"
        case .procedure: "Procedure"
        case .risk: "Risk"
        case .aiSystem: "AI system"
        case .impactAssessment: "Impact assessment"
        case .objective: "Objective"
        case .record: "Record"
        case .soa: "Statement of Applicability"
        }
    }

    public var pluralName: String {
        switch self {
        case .policy: "Policies"
        case .role: "Roles"
        case .procedure: "Procedures"
        case .risk: "Risks"
        case .aiSystem: "AI systems"
        case .impactAssessment: "Impact assessments"
        case .objective: "Objectives"
        case .record: "Records"
        case .soa: "Statement of Applicability"
        }
    }

    /// The order of types in navigation: governance first, evidence last.
    public var order: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: DocumentType, rhs: DocumentType) -> Bool { lhs.order < rhs.order }
}

/// A document's life-cycle state. Only `approved` documents count as evidence.
public enum DocumentStatus: String, Sendable, Hashable, CaseIterable {
    case draft
    case inReview = "in-review"
    case approved
    case retired
}

/// The closed vocabularies of content-format.md, so validation and rendering share one list.
public enum Vocabulary {
    public static let riskCategory = ["technical", "legal", "ethical", "security", "reputational", "other"]
    public static let treatment = ["mitigate", "accept", "avoid", "transfer"]
    public static let lifecycle = ["planned", "development", "deployed", "retired"]
    public static let euAIActRisk = ["prohibited", "high", "limited", "minimal"]
    public static let provider = ["internal", "third-party"]
    public static let aiActRole = ["provider", "deployer", "both"]
    /// The Art.50 facts of an AI system, each naming the paragraph it triggers (`AIActApplicability`).
    public static let transparency = [
        "interacts-with-people", "generates-content", "emotion-recognition", "biometric-categorisation", "deep-fake",
    ]
    public static let recordKind = [
        "internal-audit", "management-review", "nonconformity", "corrective-action", "training", "monitoring",
        "incident", "other", "risk-treatment-plan",
    ]
    public static let severity = ["major", "minor", "observation"]
    public static let actionStatus = ["open", "in-progress", "closed"]
    public static let implementationStatus = ["planned", "partial", "implemented"]
}
