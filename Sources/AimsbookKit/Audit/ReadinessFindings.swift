/// The findings an auditor makes reading the evidence rather than the mapping: placeholders in
/// approved documents, dates after the as-of date, residual risk above inherent or unaccepted,
/// objectives without a measurable target or overdue, impact assessments that do not match their
/// systems or are stale, approvals without approver, version or date, and open actions past due.
/// Each names the document and, where there is one, the line to change.
enum ReadinessFindings {
    static func all(
        handbook: Handbook, soa: StatementOfApplicability, evidence: MandatoryEvidence, asOf: Day
    ) -> [AuditReport.Finding] {
        var findings: [AuditReport.Finding] = []
        findings += placeholders(handbook)
        findings += futureDates(handbook, asOf: asOf)
        findings += riskFindings(handbook, asOf: asOf)
        findings += objectiveFindings(handbook, asOf: asOf)
        findings += impactAssessmentFindings(handbook, asOf: asOf)
        findings += approvalFindings(handbook)
        findings += statementFindings(handbook, soa: soa, evidence: evidence, asOf: asOf)
        findings += actionFindings(handbook, asOf: asOf)
        return findings
    }

    /// Messages name no title: the page shows the document's reference beside them, and a title
    /// edit must leave the report (which every clause page reads) as it was.
    static func finding(
        _ kind: String, _ document: Document, _ message: String, at location: SourceLocation? = nil
    ) -> AuditReport.Finding {
        AuditReport.Finding(
            kind: kind, document: document.id.value, message: message,
            location: location ?? document.id.location)
    }

    // MARK: Placeholders

    /// Starter and placeholder phrases, matched as written. TODO, TBD and FIXME only as words.
    static let placeholderPhrases = ["To be written", "To complete:", "To review:", "to be set", "Lorem ipsum"]
    static let placeholderWords = ["TODO", "TBD", "FIXME"]

    /// The placeholder in `text`, if any.
    static func placeholder(in text: String) -> String? {
        if let phrase = placeholderPhrases.first(where: { text.contains($0) }) { return phrase }
        // Split into words only when a marker occurs at all: most lines hold none.
        guard placeholderWords.contains(where: { text.contains($0) }) else { return nil }
        let words = text.split { !($0.isLetter || $0.isNumber) }
        return placeholderWords.first { word in words.contains { $0 == word } }
    }

    /// Placeholder text and empty sections in approved documents, and placeholder justifications
    /// and targets in their fields: what the auditor reads as the organisation's own words.
    static func placeholders(_ handbook: Handbook) -> [AuditReport.Finding] {
        var findings: [AuditReport.Finding] = []
        handbook.forEachDocument { document in
            guard document.status == .approved else { return }
            let path = document.path
            let hits = document.bodyPlaceholders ?? BodyPlaceholder.scan(document)
            for hit in hits.prefix(3) {
                findings.append(
                    finding(
                        "placeholder-text", document,
                        hit.emptySection
                            ? "approved, but its section '\(hit.text)' is empty; write it or remove the heading"
                            : "approved, but still says '\(hit.text)'; write the text or set it back to draft",
                        at: SourceLocation(file: path, line: hit.line, column: 1)))
            }
            if let target = document.objective?.target, let phrase = placeholder(in: target) {
                findings.append(
                    finding(
                        "placeholder-text", document,
                        "the target still says '\(phrase)'; set a measurable target"))
            }
            for decision in document.soaDecisions?.decisions ?? [] {
                guard let phrase = decision.justification.flatMap(placeholder(in:)) else { continue }
                findings.append(
                    finding(
                        "placeholder-text", document,
                        "the justification of \(decision.control.value) still says '\(phrase)'; state why the control is included or excluded",
                        at: decision.control.location))
            }
        }
        return findings
    }

    // MARK: Dates

    static func futureDates(_ handbook: Handbook, asOf: Day) -> [AuditReport.Finding] {
        var findings: [AuditReport.Finding] = []
        handbook.forEachDocument { document in
            guard document.status != .retired else { return }
            var dated: (Day, SourceLocation?, String)?
            if let record = document.record, let date = record.date {
                dated = (date, record.dateLocation, "record")
            } else if let assessment = document.impactAssessment, let date = assessment.date {
                dated = (date, assessment.dateLocation, "impact assessment")
            }
            if let (date, location, what) = dated, date > asOf {
                findings.append(
                    finding(
                        "future-date", document,
                        "this \(what) is dated \(date), after \(asOf); evidence cannot come from the future, so it does not count: correct the date",
                        at: location))
            }
            if let accepted = document.risk?.acceptedOn, accepted.value > asOf {
                findings.append(
                    finding(
                        "future-date", document,
                        "the residual risk is accepted on \(accepted.value), after \(asOf); correct 'accepted_on'",
                        at: accepted.location))
            }
        }
        return findings
    }

    // MARK: Risks

    static func riskFindings(_ handbook: Handbook, asOf: Day) -> [AuditReport.Finding] {
        let criteria = handbook.settings.riskCriteria
        var findings: [AuditReport.Finding] = []
        handbook.forEachDocument(of: .risk) { document in
            guard document.status != .retired, let risk = document.risk else { return }
            if let inherent = risk.inherentScore, let residual = risk.residualScore, residual > inherent {
                findings.append(
                    finding(
                        "residual-above-inherent", document,
                        "the residual score \(residual) is above the inherent score \(inherent); treatment cannot raise a risk: correct the scores",
                        at: risk.residualLocation))
            }
            guard let residual = risk.residualScore ?? risk.inherentScore, residual > criteria.acceptanceThreshold
            else {
                return
            }
            let who = criteria.acceptors.isEmpty ? "a role" : criteria.acceptors.joined(separator: " or ")
            if let by = risk.acceptedBy, !criteria.acceptors.isEmpty, !criteria.acceptors.contains(by.value) {
                findings.append(
                    finding(
                        "residual-not-accepted", document,
                        "the residual risk (\(residual)) is accepted by \(by.value), who may not accept above \(criteria.acceptanceThreshold); have \(who) accept it",
                        at: by.location))
            } else if risk.acceptedBy == nil || risk.acceptedOn == nil {
                findings.append(
                    finding(
                        "residual-not-accepted", document,
                        "the residual risk (\(residual)) is above the acceptance threshold (\(criteria.acceptanceThreshold)) without 'accepted_by' (\(who)) and 'accepted_on'; record who accepted it and when, or treat it further",
                        at: risk.residualLocation))
            }
        }
        return findings
    }

    // MARK: Objectives

    /// A target is measurable when it names a number (a rate, a count, a date).
    static func isMeasurable(_ target: String) -> Bool { target.contains { $0.isNumber } }

    static func objectiveFindings(_ handbook: Handbook, asOf: Day) -> [AuditReport.Finding] {
        // Approved records by the ids they relate to, with their dates: an objective is closed
        // by a record evaluating it on or after its due date.
        var evaluations: [String: [Day]] = [:]
        handbook.forEachDocument(of: .record) { document in
            guard document.status == .approved, let date = document.record?.date, date <= asOf else {
                return
            }
            for related in document.related { evaluations[related.value, default: []].append(date) }
        }
        var findings: [AuditReport.Finding] = []
        handbook.forEachDocument(of: .objective) { document in
            guard document.status != .retired, let objective = document.objective else { return }
            let target = objective.target ?? ""
            if placeholder(in: target) == nil, !isMeasurable(target) {
                findings.append(
                    finding(
                        "objective-without-target", document,
                        target.isEmpty
                            ? "no 'target'; set a measurable one (a figure and a date)"
                            : "the target names no figure; make it measurable (clause 6.2 asks for measurable objectives)"
                    ))
            }
            if let due = objective.due, due < asOf,
                !(evaluations[document.id.value] ?? []).contains(where: { $0 >= due })
            {
                findings.append(
                    finding(
                        "objective-overdue", document,
                        "due \(due) and no approved record evaluates it since; record whether it was achieved (relate the record to \(document.id.value)) or set a new due date",
                        at: objective.dueLocation))
            }
        }
        return findings
    }

    // MARK: Impact assessments

    static func impactAssessmentFindings(_ handbook: Handbook, asOf: Day) -> [AuditReport.Finding] {
        let intervals = handbook.settings.intervals
        var findings: [AuditReport.Finding] = []
        handbook.forEachDocument(of: .aiSystem) { document in
            guard document.status != .retired, let linked = document.aiSystem?.impactAssessment,
                let position = handbook.position(of: linked.value),
                let assessment = handbook.documents[position].impactAssessment
            else { return }
            let system = document.id.value
            if !assessment.aiSystems.contains(where: { $0.value == system }) {
                findings.append(
                    finding(
                        "impact-assessment-mismatch", document,
                        "\(system) names \(linked.value) as its impact assessment, but \(linked.value) assesses \(assessment.aiSystems.isEmpty ? "no AI system" : assessment.aiSystems.map(\.value).joined(separator: ", ")); link the system's own assessment or add \(system) to its 'ai_systems'",
                        at: linked.location))
            }
        }
        handbook.forEachDocument(of: .impactAssessment) { document in
            guard document.status != .retired, let date = document.impactAssessment?.date,
                date <= asOf, let expiry = intervals.expiry(of: "impact-assessment", dated: date), expiry <= asOf
            else { return }
            findings.append(
                finding(
                    "stale-impact-assessment", document,
                    "assessed \(date), older than its \(intervals.months(for: "impact-assessment")!)-month interval; reassess (the next was due \(expiry))",
                    at: document.impactAssessment?.dateLocation))
        }
        return findings
    }

    // MARK: Approval

    static func approvalFindings(_ handbook: Handbook) -> [AuditReport.Finding] {
        var findings: [AuditReport.Finding] = []
        handbook.forEachDocument { document in
            guard document.status == .approved else { return }
            var lacking: [String] = []
            // Roles are appointed by the organisation chart rather than approved as documents.
            if document.approvers.isEmpty, document.type != .role { lacking.append("approver") }
            if document.version == nil { lacking.append("version") }
            if document.effective == nil { lacking.append("effective") }
            if !lacking.isEmpty {
                findings.append(
                    finding(
                        "incomplete-approval", document,
                        "approved without \(lacking.joined(separator: ", ")); clause 7.5.3 asks who approved which version from when"
                    ))
            }
            // Approved by someone other than its owner when any one approver is another role.
            if document.type == .policy, let owner = document.owner?.value,
                let approver = document.approvers.first,
                document.approvers.allSatisfy({ $0.value == owner })
            {
                findings.append(
                    finding(
                        "self-approved-policy", document,
                        "warning: approved by its own owner, \(owner); policies are approved by top management or another role",
                        at: approver.location))
            }
        }
        return findings
    }

    // MARK: SoA and treatment plan

    static func statementFindings(
        _ handbook: Handbook, soa: StatementOfApplicability, evidence: MandatoryEvidence, asOf: Day
    ) -> [AuditReport.Finding] {
        var findings: [AuditReport.Finding] = []
        if let document = soa.document {
            let id = document.id.value
            if document.status != .approved {
                findings.append(
                    .init(
                        kind: "soa-not-approved", document: id,
                        message:
                            "the Statement of Applicability is \(document.status.rawValue); have it approved (clause 6.1.3)",
                        location: document.id.location))
            }
            for entry in soa.allEntries
            where entry.isApplicable && (entry.justification ?? "").allSatisfy(\.isWhitespace) {
                findings.append(
                    .init(
                        kind: "soa-missing-justification", document: id,
                        message:
                            "\(entry.control.id) \(entry.control.title) is applicable without a justification; say why it is included",
                        location: entry.decision?.control.location))
            }
        }
        let plans = evidence.treatmentPlans
        if plans.approved.isEmpty {
            findings.append(
                .init(
                    kind: "treatment-plan-not-approved", document: plans.others.first,
                    message: plans.others.isEmpty
                        ? "there is no risk treatment plan; add a record with 'record_kind: risk-treatment-plan' and have the risk owners approve it"
                        : "the risk treatment plan \(plans.others.joined(separator: ", ")) is not approved (or dated after \(asOf)); have the risk owners approve it"
                ))
        }
        return findings
    }

    // MARK: Nonconformities and actions

    static func actionFindings(_ handbook: Handbook, asOf: Day) -> [AuditReport.Finding] {
        var findings: [AuditReport.Finding] = []
        handbook.forEachDocument(of: .record) { document in
            guard document.status != .retired, let action = document.record?.nonconformity else {
                return
            }
            let closed = action.actionStatus == "closed"
            if !closed, let due = action.due, due.value < asOf {
                findings.append(
                    finding(
                        "overdue-action", document,
                        "the action was due \(due.value) and is \(action.actionStatus ?? "open"), \(due.value.days(until: asOf)) days late; close it or agree a new due date",
                        at: due.location))
            }
            if closed, action.effectivenessChecked == nil {
                findings.append(
                    finding(
                        "unverified-action", document,
                        "the action is closed without an effectiveness check; record 'effectiveness_checked' with the date the check was made (clause 10.2 e)"
                    ))
            }
        }
        return findings
    }
}
