/// The readiness gates: each a condition a stage 1 auditor would refuse to go on without. The
/// handbook is `ready` only when every gate passes; each failed gate says what to do.
enum AuditGates {
    static let ids = [
        "mandatory-information", "internal-audit", "management-review", "soa-approved", "treatment-plan-approved",
        "no-placeholders", "nonconformities",
    ]

    static func all(
        evidence: MandatoryEvidence, mandatory: [AuditReport.MandatoryItem], soa: StatementOfApplicability,
        findings: [AuditReport.Finding]
    ) -> [AuditReport.Gate] {
        let audit = internalAudit(evidence)
        return [
            mandatoryInformation(mandatory),
            audit.gate,
            managementReview(evidence, after: audit.latest),
            soaApproved(soa),
            treatmentPlan(evidence),
            noPlaceholders(findings),
            nonconformities(findings),
        ]
    }

    static func mandatoryInformation(_ mandatory: [AuditReport.MandatoryItem]) -> AuditReport.Gate {
        let open = mandatory.filter { $0.status != .covered }
        guard !open.isEmpty else {
            return .init(
                id: "mandatory-information", passed: true,
                message: "all \(mandatory.count) items of required documented information are evidenced")
        }
        let list = open.prefix(5).map { "\($0.clause) \($0.what) (\($0.status.rawValue))" }
        let more = open.count > 5 ? " and \(open.count - 5) more" : ""
        return .init(
            id: "mandatory-information", passed: false,
            message:
                "\(open.count) of \(mandatory.count) required items are not evidenced: \(list.joined(separator: "; "))\(more); approve the documents, or add the records that show each was performed"
        )
    }

    /// Approved internal-audit records not dated after the as-of date, newest first.
    static func audits(_ evidence: MandatoryEvidence) -> [(id: String, date: Day, clauses: [String])] {
        var audits: [(id: String, date: Day, clauses: [String])] = []
        evidence.handbook.forEachDocument(of: .record) { document in
            guard document.status == .approved, let record = document.record,
                record.kind == "internal-audit", let date = record.date, date <= evidence.asOf
            else { return }
            audits.append((document.id.value, date, record.auditedClauses.map(\.value)))
        }
        return audits.sorted { ($0.date, $0.id) > ($1.date, $1.id) }
    }

    static func internalAudit(_ evidence: MandatoryEvidence) -> (gate: AuditReport.Gate, latest: Day?) {
        let id = "internal-audit"
        let audits = audits(evidence)
        let months = evidence.intervals.months(for: "internal-audit")
        guard let latest = audits.first else {
            return (
                .init(
                    id: id, passed: false,
                    message:
                        "no approved internal-audit record dated on or before \(evidence.asOf)\(futureNote(evidence, kind: "internal-audit")); hold an internal audit and record it with 'record_kind: internal-audit', its date and 'audited_clauses'"
                ), nil
            )
        }
        if let expiry = evidence.intervals.expiry(of: "internal-audit", dated: latest.date), expiry <= evidence.asOf {
            return (
                .init(
                    id: id, passed: false,
                    message:
                        "the latest internal audit, \(latest.id) of \(latest.date), is older than \(months ?? 12) months; the next was due \(expiry)"
                ), latest.date
            )
        }
        // The programme: audits within its period together examine every clause from 4 to 10.
        let programmeStart = evidence.asOf.adding(months: -(evidence.intervals.months(for: "audit-programme") ?? 12))
        var audited: Set<String> = []
        for audit in audits where audit.date > programmeStart {
            for clause in audit.clauses { audited.insert(String(clause.prefix { $0 != "." })) }
        }
        let unaudited = (4...10).map(String.init).filter { !audited.contains($0) }
        guard unaudited.isEmpty else {
            let named = audits.contains { !$0.clauses.isEmpty }
            return (
                .init(
                    id: id, passed: false,
                    message: named
                        ? "the internal audits since \(programmeStart) did not examine clause\(unaudited.count == 1 ? "" : "s") \(unaudited.joined(separator: ", ")); audit them and list them in the record's 'audited_clauses'"
                        : "\(latest.id) does not say what it audited; list the clauses it examined in 'audited_clauses' (together the audits must cover 4 to 10)"
                ), latest.date
            )
        }
        return (
            .init(
                id: id, passed: true,
                message:
                    "\(latest.id) of \(latest.date) is current, and the audits since \(programmeStart) cover clauses 4 to 10"
            ), latest.date
        )
    }

    static func managementReview(_ evidence: MandatoryEvidence, after audit: Day?) -> AuditReport.Gate {
        let id = "management-review"
        var reviews: [(date: Day, id: String)] = []
        evidence.handbook.forEachDocument(of: .record) { document in
            guard document.status == .approved, let record = document.record,
                record.kind == "management-review", let date = record.date, date <= evidence.asOf
            else { return }
            reviews.append((date, document.id.value))
        }
        guard let latest = reviews.max(by: { ($0.date, $0.id) < ($1.date, $1.id) }) else {
            return .init(
                id: id, passed: false,
                message:
                    "no approved management-review record dated on or before \(evidence.asOf)\(futureNote(evidence, kind: "management-review")); hold the review with top management and record it with 'record_kind: management-review' and its date"
            )
        }
        if let expiry = evidence.intervals.expiry(of: "management-review", dated: latest.date), expiry <= evidence.asOf
        {
            return .init(
                id: id, passed: false,
                message:
                    "the latest management review, \(latest.id) of \(latest.date), is out of date; the next was due \(expiry)"
            )
        }
        if let audit, latest.date < audit {
            return .init(
                id: id, passed: false,
                message:
                    "the latest management review, \(latest.id) of \(latest.date), was held before the internal audit of \(audit); review the audit's results (clause 9.3.2) in a management review"
            )
        }
        return .init(
            id: id, passed: true, message: "\(latest.id) of \(latest.date) is current and follows the internal audit")
    }

    /// " (REC-002 is dated 2031-10-22, after it)" when records of `kind` exist only in the future.
    static func futureNote(_ evidence: MandatoryEvidence, kind: String) -> String {
        var future: [String] = []
        evidence.handbook.forEachDocument(of: .record) { document in
            guard document.status == .approved, let record = document.record, record.kind == kind,
                let date = record.date, date > evidence.asOf
            else { return }
            future.append("\(document.id.value) is dated \(date)")
        }
        return future.isEmpty ? "" : " (\(future.sorted().joined(separator: ", ")), after it)"
    }

    static func soaApproved(_ soa: StatementOfApplicability) -> AuditReport.Gate {
        let id = "soa-approved"
        guard let document = soa.document else {
            return .init(
                id: id, passed: false,
                message: "there is no Statement of Applicability; add a document of 'type: soa' and have it approved")
        }
        let undecided = soa.entries.filter { !$0.isDecided }.count
        if document.status != .approved {
            return .init(
                id: id, passed: false,
                message:
                    "\(document.id.value) is \(document.status.rawValue); have it approved ('status: approved', approver, version, effective)"
            )
        }
        if undecided > 0 {
            return .init(
                id: id, passed: false,
                message:
                    "\(document.id.value) leaves \(undecided) Annex A control\(undecided == 1 ? "" : "s") undecided; decide each"
            )
        }
        return .init(
            id: id, passed: true, message: "\(document.id.value) is approved and decides every Annex A control")
    }

    static func treatmentPlan(_ evidence: MandatoryEvidence) -> AuditReport.Gate {
        let id = "treatment-plan-approved"
        let plans = evidence.treatmentPlans
        guard let plan = plans.approved.first else {
            return .init(
                id: id, passed: false,
                message:
                    "no approved risk treatment plan; record it as 'type: record' with 'record_kind: risk-treatment-plan', a date and approval by the risk owners"
            )
        }
        let unaccepted = evidence.unacceptedRisks()
        guard unaccepted.isEmpty else {
            let who =
                evidence.criteria.acceptors.isEmpty
                ? "a role" : evidence.criteria.acceptors.joined(separator: " or ")
            return .init(
                id: id, passed: false,
                message:
                    "\(plan) is approved, but \(unaccepted.joined(separator: ", ")) \(unaccepted.count == 1 ? "has its" : "have their") residual risk above \(evidence.criteria.acceptanceThreshold) without acceptance; record 'accepted_by' (\(who)) and 'accepted_on'"
            )
        }
        return .init(
            id: id, passed: true, message: "\(plan) is approved and every residual risk above the threshold is accepted"
        )
    }

    static func noPlaceholders(_ findings: [AuditReport.Finding]) -> AuditReport.Gate {
        let placeholders = findings.filter { $0.kind == "placeholder-text" }
        guard !placeholders.isEmpty else {
            return .init(
                id: "no-placeholders", passed: true, message: "no approved document holds starter or placeholder text")
        }
        var documents: [String] = []
        for finding in placeholders {
            if let document = finding.document, !documents.contains(document) { documents.append(document) }
        }
        let shown =
            documents.prefix(8).joined(separator: ", ")
            + (documents.count > 8 ? " and \(documents.count - 8) more" : "")
        return .init(
            id: "no-placeholders", passed: false,
            message:
                "\(placeholders.count) placeholder\(placeholders.count == 1 ? "" : "s") in approved documents (\(shown)); write the text, or set the document back to draft"
        )
    }

    static func nonconformities(_ findings: [AuditReport.Finding]) -> AuditReport.Gate {
        let overdue = findings.filter { $0.kind == "overdue-action" }.compactMap(\.document)
        guard !overdue.isEmpty else {
            return .init(
                id: "nonconformities", passed: true, message: "no nonconformity is past its due date without closure")
        }
        return .init(
            id: "nonconformities", passed: false,
            message:
                "\(overdue.joined(separator: ", ")) \(overdue.count == 1 ? "is" : "are") past due without closure; close the action ('action_status: closed') or agree a new 'due' date"
        )
    }
}
