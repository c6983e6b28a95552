/// The findings of the audit readiness report, one function per kind, each naming the document
/// concerned and what to do. Kinds are stable names CI and dashboards can rely on.
enum AuditFindings {
    /// Controls whose presence among a high-risk system's (or its risks') controls counts as
    /// planned human oversight: responsible-use processes and operation monitoring.
    static let humanOversightControls: Set<String> = ["A.9.2", "A.6.2.6"]
    /// Record kinds for activities that recur (9.2 internal audit, 9.3 management review, 9.1
    /// monitoring, 7.2 training), each within its interval of aimsbook.yml.
    static let recurringRecordKinds = ["internal-audit", "management-review", "monitoring", "training"]

    static func all(
        handbook: Handbook, soa: StatementOfApplicability, obligations: AIActObligations, asOf: Day
    ) -> [AuditReport.Finding] {
        var findings: [AuditReport.Finding] = []
        findings += soaFindings(handbook: handbook, soa: soa)
        findings += overdueReviews(handbook, asOf: asOf)
        findings += untreatedRisks(handbook)
        findings += aiSystemFindings(handbook)
        findings += euAIActGaps(obligations)
        findings += roleFindings(handbook)
        findings += recordFindings(handbook, asOf: asOf)
        findings += DocumentControlFindings.findings(handbook)
        return findings
    }

    static func soaFindings(handbook: Handbook, soa: StatementOfApplicability) -> [AuditReport.Finding] {
        guard soa.document != nil else {
            return [
                .init(
                    kind: "missing-soa", document: nil,
                    message:
                        "there is no Statement of Applicability; add a document with 'type: soa' deciding every Annex A control (clause 6.1.3)"
                )
            ]
        }
        var findings: [AuditReport.Finding] = []
        for entry in soa.entries where !entry.isDecided {
            findings.append(
                .init(
                    kind: "undecided-control", document: soa.document?.id.value,
                    message: "\(entry.control.id) \(entry.control.title) has no applicability decision"))
        }
        for entry in soa.allEntries where entry.isApplicable && entry.implementedBy.isEmpty {
            findings.append(
                .init(
                    kind: "unimplemented-control", document: soa.document?.id.value,
                    message: "\(entry.control.id) \(entry.control.title) is applicable, but no document implements it"))
        }
        return findings
    }

    static func overdueReviews(_ handbook: Handbook, asOf: Day) -> [AuditReport.Finding] {
        var findings: [AuditReport.Finding] = []
        handbook.forEachDocument { document in
            guard let review = document.review?.value, review < asOf, document.status != .retired
            else { return }
            findings.append(
                .init(
                    kind: "overdue-review", document: document.id.value,
                    message: "\(document.title): review was due \(review), \(review.days(until: asOf)) days ago"
                ))
        }
        return findings
    }

    static func untreatedRisks(_ handbook: Handbook) -> [AuditReport.Finding] {
        var findings: [AuditReport.Finding] = []
        handbook.forEachDocument(of: .risk) { document in
            guard document.status != .retired, let risk = document.risk else { return }
            var gaps: [String] = []
            if risk.treatment == nil { gaps.append("no treatment decision") }
            if risk.treatment == "mitigate", document.controls.isEmpty { gaps.append("no treatment controls") }
            if risk.treatment == "mitigate", risk.residualScore == nil { gaps.append("no residual scores") }
            guard !gaps.isEmpty else { return }
            findings.append(
                .init(
                    kind: "untreated-risk", document: document.id.value,
                    message: "\(document.title): \(gaps.joined(separator: ", "))"))
        }
        return findings
    }

    static func aiSystemFindings(_ handbook: Handbook) -> [AuditReport.Finding] {
        var findings: [AuditReport.Finding] = []
        for document in handbook.documents(of: .aiSystem) where document.status != .retired {
            guard let system = document.aiSystem else { continue }
            let id = document.id.value
            var assessments = handbook.relations.assessmentsByAISystem[id] ?? []
            if let linked = system.impactAssessment?.value { assessments.append(linked) }
            // Statuses and controls read in place, not through copies of the documents.
            let approved = assessments.contains { assessment in
                handbook.position(of: assessment).map { handbook.documents[$0].status == .approved } ?? false
            }
            if system.lifecycle == "deployed", !approved {
                findings.append(
                    .init(
                        kind: "missing-impact-assessment", document: id,
                        message:
                            "\(document.title) is deployed without an approved impact assessment (clause 6.1.4, 8.4)"))
            }
            if system.euAIActRisk == "high" {
                let risks = (handbook.relations.risksByAISystem[id] ?? []).compactMap(handbook.position(of:))
                let controls = Set(
                    document.controls.map(\.value) + risks.flatMap { handbook.documents[$0].controls.map(\.value) })
                if controls.isDisjoint(with: humanOversightControls) {
                    findings.append(
                        .init(
                            kind: "missing-human-oversight", document: id,
                            message:
                                "\(document.title) is high-risk but neither it nor its risks list a human-oversight control (A.9.2 or A.6.2.6)"
                        ))
                }
            }
            if system.euAIActRisk == "prohibited", system.lifecycle != "retired" {
                findings.append(
                    .init(
                        kind: "prohibited-ai-system", document: id,
                        message: "\(document.title) is classed as a prohibited practice under the EU AI Act; retire it")
                )
            }
        }
        return findings
    }

    /// One finding per AI system and EU AI Act obligation no document addresses, directly or
    /// through the crosswalk. A prohibited system is `prohibited-ai-system` instead.
    static func euAIActGaps(_ obligations: AIActObligations) -> [AuditReport.Finding] {
        obligations.systems.filter { !$0.isProhibited }.flatMap { system in
            system.obligations.filter { $0.status == .open }.map { obligation in
                let requirement = obligation.requirement
                var message =
                    "\(system.title): EU AI Act \(requirement.id) \(requirement.title) is addressed by no document; cite it with 'eu_ai_act: [\(requirement.id)]' where the handbook meets it"
                if let targets = obligation.coverage.mapping?.targets, !targets.isEmpty {
                    message += ", or cover \(targets.joined(separator: ", "))"
                }
                return AuditReport.Finding(kind: "eu-ai-act-gap", document: system.id, message: message)
            }
        }
    }

    static func roleFindings(_ handbook: Handbook) -> [AuditReport.Finding] {
        var findings: [AuditReport.Finding] = []
        let relations = handbook.relations
        handbook.forEachDocument(of: .role) { role in
            guard role.status != .retired else { return }
            let id = role.id.value
            let owns = (relations.ownedBy[id] ?? []).filter { $0 != id }
            let approves = (relations.approvedBy[id] ?? []).filter { $0 != id }
            if owns.isEmpty && approves.isEmpty {
                findings.append(
                    .init(
                        kind: "idle-role", document: id, message: "\(role.title) owns and approves no document")
                )
            }
        }
        handbook.forEachDocument { document in
            guard document.status != .retired else { return }
            if let owner = document.owner?.value, let position = handbook.position(of: owner),
                handbook.documents[position].status == .retired
            {
                findings.append(
                    .init(
                        kind: "retired-owner", document: document.id.value,
                        message:
                            "\(document.title) is owned by \(owner), a retired role; hand it to an active role")
                )
            }
        }
        return findings
    }

    static func recordFindings(_ handbook: Handbook, asOf: Day) -> [AuditReport.Finding] {
        var findings: [AuditReport.Finding] = []
        // Each record's kind, date and id, read in place.
        var recordDates: [(kind: String?, date: Day?, id: String)] = []
        handbook.forEachDocument(of: .record) { document in
            guard document.status != .retired, let record = document.record else {
                return
            }
            recordDates.append((record.kind, record.date, document.id.value))
        }
        let intervals = handbook.settings.intervals
        for kind in recurringRecordKinds {
            // Records dated after the as-of date are `future-date` findings and evidence nothing.
            let dates = recordDates.filter { $0.kind == kind }.compactMap { entry in entry.date.map { ($0, entry.id) } }
                .filter { $0.0 <= asOf }
            guard let latest = dates.max(by: { $0.0 < $1.0 }) else {
                findings.append(
                    .init(kind: "missing-record", document: nil, message: "there is no dated \(kind) record"))
                continue
            }
            guard let months = intervals.months(for: kind) else { continue }
            let next = latest.0.adding(months: months)
            if next <= asOf {
                findings.append(
                    .init(
                        kind: "stale-record", document: latest.1,
                        message:
                            "the latest \(kind) record is from \(latest.0), older than its \(months)-month interval; the next was due \(next)"
                    ))
            }
        }
        return findings
    }
}
