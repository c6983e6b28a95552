/// `aimsbook init`: a new handbook with a starter document for every item of documented
/// information ISO/IEC 42001 requires and for every document type, all in draft with
/// placeholders saying what each must contain. It passes `check`; `audit` reports every
/// mandatory item as draft-only until the documents are approved.
public enum StarterHandbook {
    /// One starter: where it goes, what it is, what it is evidence for, and what to write.
    struct Entry: Sendable {
        var path: String
        var id: String
        var type: DocumentType
        var title: String
        var clauses: [String] = []
        var controls: [String] = []
        var extra: [(String, String)] = []
        var purpose: String
        var sections: [String]
    }

    /// The documented information every handbook needs, then each registered type's example
    /// (`Starter.example`).
    static var entries: [Entry] { documentedInformation + DocumentType.registered.compactMap(\.starter.example) }

    static let documentedInformation: [Entry] = [
        Entry(
            path: "scope.md", id: "SCOPE-001", type: .policy, title: "Scope of the AI management system",
            clauses: ["4.1", "4.2", "4.3", "4.4"],
            purpose:
                "States which AI systems, activities, sites and organisational units the AIMS covers, the issues and interested parties that shaped it, and what is out of scope and why (clause 4.3 asks for the scope to be documented).",
            sections: ["Context", "Interested parties and their requirements", "Scope", "Exclusions"]),
        Entry(
            path: "policies/ai-policy.md", id: "POL-001", type: .policy, title: "AI policy",
            clauses: ["5.1", "5.2"], controls: ["A.2.2", "A.2.3", "A.2.4"],
            purpose:
                "Top management's commitments for developing and using AI responsibly, the framework for AI objectives, and how the policy relates to other policies (clause 5.2; controls A.2.2 to A.2.4).",
            sections: ["Purpose", "Commitments", "Framework for AI objectives", "Related policies", "Review"]),
        Entry(
            path: "policies/documented-information.md", id: "POL-002", type: .policy,
            title: "Control of documented information",
            clauses: ["7.5.1", "7.5.2", "7.5.3"],
            purpose:
                "How AIMS documents are identified, written, reviewed, approved, versioned, stored and retired — this handbook's own rules (clause 7.5).",
            sections: ["Identification and format", "Review and approval", "Versions and retention", "Access"]),
        Entry(
            path: "roles/top-management.md", id: "ROLE-TOP", type: .role, title: "Top management",
            clauses: ["5.1", "5.3"], extra: [("members", "[]")],
            purpose: "The people who direct the organisation and are accountable for the AIMS (clause 5.1).",
            sections: ["Responsibilities", "Authorities"]),
        Entry(
            path: "roles/ai-governance-officer.md", id: "ROLE-AIGO", type: .role, title: "AI governance officer",
            clauses: ["5.3"], controls: ["A.3.2"], extra: [("reports_to", "ROLE-TOP"), ("members", "[]")],
            purpose:
                "The role responsible for the AIMS conforming to ISO/IEC 42001 and for reporting on its performance to top management (clause 5.3; control A.3.2).",
            sections: ["Responsibilities", "Authorities", "Reporting"]),
        Entry(
            path: "procedures/risk-assessment.md", id: "PROC-001", type: .procedure, title: "AI risk assessment",
            clauses: ["6.1.1", "6.1.2", "8.2"],
            purpose:
                "How AI risks are identified, analysed and evaluated: criteria, scales, who takes part and when assessments are repeated (clauses 6.1.2 and 8.2).",
            sections: ["Risk criteria", "Identifying risks", "Analysing and evaluating", "When to reassess"]),
        Entry(
            path: "procedures/risk-treatment.md", id: "PROC-002", type: .procedure, title: "AI risk treatment",
            clauses: ["6.1.3", "8.3"],
            purpose:
                "How treatment options and controls are chosen, compared with Annex A, recorded in the Statement of Applicability and approved with their residual risk (clauses 6.1.3 and 8.3).",
            sections: ["Treatment options", "Selecting controls", "Treatment plan", "Accepting residual risk"]),
        Entry(
            path: "procedures/impact-assessment.md", id: "PROC-003", type: .procedure,
            title: "AI system impact assessment",
            clauses: ["6.1.4", "8.4"], controls: ["A.5.2", "A.5.3", "A.5.4", "A.5.5"],
            purpose:
                "How the consequences of AI systems for individuals, groups and society are assessed and documented (clauses 6.1.4 and 8.4; controls A.5.2 to A.5.5).",
            sections: ["When an assessment is needed", "Method", "Documenting results", "Review"]),
        Entry(
            path: "procedures/ai-system-life-cycle.md", id: "PROC-004", type: .procedure, title: "AI system life cycle",
            clauses: ["6.3", "8.1"],
            controls: [
                "A.6.1.2", "A.6.1.3", "A.6.2.2", "A.6.2.3", "A.6.2.4", "A.6.2.5", "A.6.2.6", "A.6.2.7", "A.6.2.8",
            ],
            purpose:
                "How AI systems are specified, designed, verified, deployed, operated, monitored and retired, and how changes are planned (clauses 8.1 and 6.3; controls A.6).",
            sections: [
                "Requirements and design", "Verification and validation", "Deployment", "Operation and monitoring",
                "Event logs", "Retirement",
            ]),
        Entry(
            path: "procedures/data-and-resources.md", id: "PROC-005", type: .procedure,
            title: "Data and resources for AI systems",
            clauses: ["7.1"],
            controls: ["A.4.2", "A.4.3", "A.4.4", "A.4.5", "A.7.2", "A.7.3", "A.7.4", "A.7.5", "A.7.6"],
            purpose:
                "How data, tools, computing resources and their provenance and quality are documented and managed (clause 7.1; controls A.4 and A.7).",
            sections: ["Resource inventory", "Data acquisition", "Data quality", "Provenance", "Data preparation"]),
        Entry(
            path: "procedures/communication-and-incidents.md", id: "PROC-006", type: .procedure,
            title: "Communication, concerns and incidents",
            clauses: ["7.4"], controls: ["A.3.3", "A.8.2", "A.8.3", "A.8.4", "A.8.5"],
            purpose:
                "What is communicated about AI systems to users and interested parties, how concerns are raised, and how incidents are reported (clause 7.4; controls A.3.3 and A.8).",
            sections: ["Information for users", "Raising concerns", "Incidents", "External reporting"]),
        Entry(
            path: "procedures/responsible-use.md", id: "PROC-007", type: .procedure,
            title: "Responsible use of AI systems",
            controls: ["A.9.2", "A.9.3", "A.9.4"],
            purpose:
                "How AI systems are used as intended, with human oversight and objectives for responsible use (controls A.9.2 to A.9.4).",
            sections: ["Intended use", "Human oversight", "Objectives for responsible use"]),
        Entry(
            path: "procedures/third-parties.md", id: "PROC-008", type: .procedure,
            title: "Suppliers, partners and customers",
            controls: ["A.10.2", "A.10.3", "A.10.4"],
            purpose:
                "How responsibilities are shared with suppliers, partners and customers of AI systems (controls A.10.2 to A.10.4).",
            sections: ["Allocating responsibilities", "Suppliers", "Customers"]),
        Entry(
            path: "procedures/competence-and-awareness.md", id: "PROC-009", type: .procedure,
            title: "Competence and awareness",
            clauses: ["7.2", "7.3"], controls: ["A.4.6"],
            purpose:
                "Which competences AI roles need, how they are acquired, and how staff are made aware of the AI policy (clauses 7.2 and 7.3; control A.4.6).",
            sections: ["Required competences", "Training", "Awareness", "Evidence kept"]),
        Entry(
            path: "procedures/monitoring-and-measurement.md", id: "PROC-010", type: .procedure,
            title: "Monitoring and measurement",
            clauses: ["9.1"],
            purpose: "What is monitored and measured, how, when, by whom, and how results are analysed (clause 9.1).",
            sections: ["What is measured", "Methods", "Analysis and reporting"]),
        Entry(
            path: "procedures/internal-audit.md", id: "PROC-011", type: .procedure, title: "Internal audit",
            clauses: ["9.2", "9.2.1", "9.2.2"],
            purpose:
                "The audit programme: frequency, methods, responsibilities, criteria and scope of each audit, auditor independence and reporting (clause 9.2).",
            sections: ["Audit programme", "Planning an audit", "Reporting results"]),
        Entry(
            path: "procedures/management-review.md", id: "PROC-012", type: .procedure, title: "Management review",
            clauses: ["9.3", "9.3.1", "9.3.2"],
            purpose:
                "How top management reviews the AIMS at planned intervals: inputs, attendees, decisions (clause 9.3).",
            sections: ["Frequency", "Inputs", "Outputs"]),
        Entry(
            path: "procedures/nonconformity-and-corrective-action.md", id: "PROC-013", type: .procedure,
            title: "Nonconformity and corrective action", clauses: ["10.1", "10.2"],
            purpose:
                "How nonconformities are handled, causes found, corrective actions taken and their effectiveness checked (clause 10.2).",
            sections: [
                "Reacting to a nonconformity", "Finding the cause", "Corrective action", "Checking effectiveness",
            ]),
        Entry(
            path: "objectives/ai-objectives.md", id: "OBJ-001", type: .objective, title: "AI objectives",
            clauses: ["6.2"], extra: [("target", "\"to be set\"")],
            purpose:
                "Measurable AI objectives consistent with the AI policy, with what will be done, resources, who is responsible, when, and how results are evaluated (clause 6.2). Create one objective document per objective.",
            sections: ["Objective", "Measure and target", "Plan"]),
        Entry(
            path: "records/competence-records.md", id: "REC-001", type: .record, title: "Competence records",
            clauses: ["7.2"], extra: [("record_kind", "training")],
            purpose: "Evidence of the competence of the people doing AI work (clause 7.2).",
            sections: ["Summary", "Records"]),
        Entry(
            path: "records/operational-records.md", id: "REC-002", type: .record, title: "Operational records",
            clauses: ["8.1"], extra: [("record_kind", "other")],
            purpose: "Evidence that AI processes were carried out as planned (clause 8.1).",
            sections: ["Summary", "Records"]),
        Entry(
            path: "records/monitoring-results.md", id: "REC-003", type: .record,
            title: "Monitoring and measurement results",
            clauses: ["9.1"], extra: [("record_kind", "monitoring")],
            purpose: "The results of monitoring and measurement (clause 9.1).",
            sections: ["Period", "Results", "Actions"]),
        Entry(
            path: "records/internal-audit-results.md", id: "REC-004", type: .record, title: "Internal audit results",
            clauses: ["9.2.2"], extra: [("record_kind", "internal-audit"), ("audited_clauses", "[]")],
            purpose:
                "Evidence of the audit programme being carried out and of the audit results (clause 9.2.2). Give the audit's 'date' and list the clauses it examined in 'audited_clauses': together, the audits of the programme cover clauses 4 to 10.",
            sections: ["Audit", "Findings", "Actions"]),
        Entry(
            path: "records/management-review-results.md", id: "REC-005", type: .record,
            title: "Management review results",
            clauses: ["9.3.3"], extra: [("record_kind", "management-review")],
            purpose:
                "The results of management reviews: decisions on improvement and changes to the AIMS (clause 9.3.3).",
            sections: ["Attendees", "Inputs reviewed", "Decisions"]),
        Entry(
            path: "records/risk-treatment-plan.md", id: "REC-007", type: .record, title: "AI risk treatment plan",
            clauses: ["6.1.3", "8.3"], extra: [("record_kind", "risk-treatment-plan")],
            purpose:
                "The risk treatment plan (clause 6.1.3 e and f): for each risk, the treatment chosen, the actions with owners and dates, and the risk owners' approval of the plan and acceptance of the residual risk. Residual risks above the acceptance threshold of aimsbook.yml carry 'accepted_by' and 'accepted_on' in their own risk document.",
            sections: ["Treatment actions", "Approval and acceptance of residual risk"]),
        Entry(
            path: "records/nonconformities.md", id: "REC-006", type: .record,
            title: "Nonconformities and corrective actions",
            clauses: ["10.2"], extra: [("record_kind", "nonconformity")],
            purpose:
                "The nature of each nonconformity, the actions taken, and the results of corrective actions (clause 10.2).",
            sections: ["Nonconformity", "Action taken", "Result"]),
    ]

    /// The files of a new handbook, relative to its root.
    public static func files(
        standard: StandardModel = .iso42001, organisation: String = "Your organisation"
    ) -> [(path: String, text: String)] {
        var files: [(String, String)] = [
            (
                "aimsbook.yml",
                "title: AI Management System Handbook\norganisation: \(StarterDocument.yamlString(organisation))\n"
            ),
            ("README.md", authorsReadme),
            (".gitignore", "output/\n.output.aimsbook-*\n"),
        ]
        for entry in entries {
            var fields: [(String, String)] = []
            if entry.type.requiresOwner { fields.append(("owner", entry.id == "ROLE-TOP" ? "ROLE-TOP" : "ROLE-AIGO")) }
            if entry.type != .role { fields.append(("approver", "ROLE-TOP")) }
            fields.append(("status", "draft"))
            if !entry.clauses.isEmpty { fields.append(("clauses", "[\(entry.clauses.joined(separator: ", "))]")) }
            if !entry.controls.isEmpty { fields.append(("controls", "[\(entry.controls.joined(separator: ", "))]")) }
            fields += entry.extra
            let body =
                "# \(entry.title)\n\n\(Templates.placeholderNote)\n**What this document is for:** \(entry.purpose)\n\n"
                + Templates.sections(entry.sections)
            let document = StarterDocument(
                contentPath: entry.path, id: entry.id, type: entry.type, title: entry.title, fields: fields, body: body)
            files.append(("content/" + entry.path, document.markdown))
        }
        var soa = Templates.document(
            type: .soa, id: "SOA-001", title: "Statement of Applicability", owner: "ROLE-AIGO", standard: standard)
        soa.fields.insert(("approver", "ROLE-TOP"), at: 1)
        soa.body =
            "# Statement of Applicability\n\n\(Templates.placeholderNote)\n**What this document is for:** for every Annex A control, whether it applies, why, and how far it is implemented (clause 6.1.3). Every control starts as applicable and planned: review each decision; exclude a control only with a justification.\n\n"
            + soa.body
        files.append(("content/soa.md", soa.markdown))
        return files
    }

    static let authorsReadme = """
        # AI management system handbook

        This folder is an ISO/IEC 42001 AI management system handbook for aimsbook.

        - `content/` holds the documents: Markdown with front matter (id, type, title, owner, status …).
          Every starter document is a draft with placeholders; replace them and set `status: approved`
          once a document is approved.
        - `aimsbook check` checks references, required fields and the Statement of Applicability.
        - `aimsbook audit` says whether the handbook is ready for a stage 1 audit and, gate by gate,
          what to do first: approved documents, records showing each process was performed (an
          internal audit, a management review …), an approved SoA and risk treatment plan, and no
          placeholder left. A readiness view, not a certification decision.
        - `aimsbook build` renders the site into `output/`; `aimsbook new TYPE --title "…"` adds a document.

        """
}
