/// What evidences each mandatory item, as an auditor reads it (lessons.md, "What auditors check
/// first"): a process is evidenced by approved policies and procedures; a record item only by
/// approved records of the right kind, dated, not after the as-of date and within their
/// interval, never by the procedure that says they will exist.
struct MandatoryEvidence {
    /// The `evidence` of an item in the built-in model.
    enum Kind: String {
        case process
        case records
        case objectives
        case riskAssessments = "risk-assessments"
        case riskTreatments = "risk-treatments"
        case impactAssessments = "impact-assessments"
        case soa
        case treatmentPlan = "treatment-plan"
    }

    /// An item's status, its documents (evidence first) and, when not covered, what is lacking.
    struct Assessment {
        var status: AuditReport.CoverageStatus
        var documents: [String]
        var note: String?
    }

    /// Types whose approved documents define a process.
    static let processTypes: Set<DocumentType> = [.policy, .procedure]

    let handbook: Handbook
    let asOf: Day
    let intervals: RecordIntervals
    let criteria: RiskCriteria
    /// The approved risk-treatment-plan records not dated after the as-of date, newest first, and
    /// the others (drafts, undated, future): found once for the item, its gate and its finding.
    let treatmentPlans: (approved: [String], others: [String])

    init(handbook: Handbook, asOf: Day) {
        self.handbook = handbook
        self.asOf = asOf
        intervals = handbook.settings.intervals
        criteria = handbook.settings.riskCriteria
        treatmentPlans = Self.treatmentPlans(handbook, asOf: asOf)
    }

    func assess(_ item: StandardModel.MandatoryItem) -> Assessment {
        switch Kind(rawValue: item.evidence ?? "process") ?? .process {
        case .process: process(item.clause)
        case .records: records(item)
        case .objectives: objectives()
        case .riskAssessments: risks(item.clause, process: "6.1.2", evidences: { $0.inherentScore != nil })
        case .riskTreatments:
            risks(item.clause, process: "6.1.3") { risk in
                guard let treatment = risk.treatment else { return false }
                return treatment != "mitigate" || risk.residualScore != nil
            }
        case .impactAssessments: impactAssessments(item.clause)
        case .soa: soa()
        case .treatmentPlan: treatmentPlan()
        }
    }

    // MARK: Documents by kind

    /// Ids of documents (not retired) listing `clause` whose type is in `types`, approved first.
    func listing(_ clause: String, types: Set<DocumentType>) -> (approved: [String], others: [String]) {
        var approved: [String] = []
        var others: [String] = []
        for id in handbook.relations.documentsByClause[clause] ?? [] {
            guard let position = handbook.position(of: id) else { continue }
            let document = handbook.documents[position]
            guard types.contains(document.type), document.status != .retired else { continue }
            if document.status == .approved { approved.append(id) } else { others.append(id) }
        }
        return (approved.sorted(), others.sorted())
    }

    /// Whether an approved policy or procedure documents the process behind `clause` (the clause
    /// itself or its parent: 9.2 for 9.2.2).
    func processDocumented(_ clauses: [String]) -> [String] {
        var ids: [String] = []
        for clause in clauses {
            for id in listing(clause, types: Self.processTypes).approved where !ids.contains(id) { ids.append(id) }
        }
        return ids
    }

    func parentClauses(of clause: String) -> [String] {
        [clause] + (handbook.standard.clause(clause)?.parent.map { [$0] } ?? [])
    }

    func process(_ clause: String) -> Assessment {
        let (approved, others) = listing(clause, types: Self.processTypes)
        if !approved.isEmpty { return Assessment(status: .covered, documents: approved + others) }
        if !others.isEmpty {
            return Assessment(
                status: .draftOnly, documents: others,
                note: "no policy or procedure listing \(clause) is approved yet")
        }
        return Assessment(
            status: .missing, documents: [],
            note:
                "no policy or procedure lists clause \(clause); document the process and list \(clause) in its 'clauses'"
        )
    }

    func objectives() -> Assessment {
        var approved: [String] = []
        var others: [String] = []
        handbook.forEachDocument(of: .objective) { document in
            switch document.status {
            case .retired: break
            case .approved: approved.append(document.id.value)
            default: others.append(document.id.value)
            }
        }
        if !approved.isEmpty { return Assessment(status: .covered, documents: approved + others) }
        if !others.isEmpty {
            return Assessment(status: .draftOnly, documents: others, note: "no objective is approved yet")
        }
        return Assessment(
            status: .missing, documents: [], note: "there are no objectives; add documents of 'type: objective'")
    }

    // MARK: Records

    /// A dated piece of evidence and whether it is current on the as-of date.
    struct Dated {
        var id: String
        var date: Day?
        var approved: Bool
        /// Nil when current; otherwise why it does not count.
        var problem: String?
    }

    /// Why evidence of `kind` dated `date` does not count on the as-of date, or nil when it does.
    func currency(of kind: String, date: Day?, approved: Bool) -> String? {
        guard approved else { return "not approved" }
        guard let date else { return "not dated" }
        if date > asOf { return "dated \(date), after \(asOf)" }
        if let expiry = intervals.expiry(of: kind, dated: date), expiry <= asOf {
            return
                "from \(date), older than its \(intervals.months(for: kind)!)-month interval (next was due \(expiry))"
        }
        return nil
    }

    /// The records (not retired) that can evidence `item`, newest first.
    func candidateRecords(_ item: StandardModel.MandatoryItem) -> [Dated] {
        let kinds = item.recordKinds ?? []
        var found: [Dated] = []
        handbook.forEachDocument(of: .record) { document in
            guard document.status != .retired, let record = document.record else { return }
            let matches =
                kinds.isEmpty
                ? document.clauses.contains { $0.value == item.clause }
                : record.kind.map(kinds.contains) ?? false
            guard matches else { return }
            let approved = document.status == .approved
            found.append(
                Dated(
                    id: document.id.value, date: record.date, approved: approved,
                    problem: currency(of: record.kind ?? "other", date: record.date, approved: approved)))
        }
        return found.sorted {
            ($0.date ?? Day(year: 1, month: 1, day: 1)!, $0.id) > ($1.date ?? Day(year: 1, month: 1, day: 1)!, $1.id)
        }
    }

    func records(_ item: StandardModel.MandatoryItem) -> Assessment {
        let candidates = candidateRecords(item)
        let current = candidates.filter { $0.problem == nil }.map(\.id)
        let others = candidates.filter { $0.problem != nil }.map(\.id)
        let kinds = item.recordKinds ?? []
        let what = kinds.isEmpty ? "record listing \(item.clause)" : kinds.joined(separator: " or ") + " record"
        if !current.isEmpty { return Assessment(status: .covered, documents: current + others) }
        let process = processDocumented(parentClauses(of: item.clause))
        let approvedStale = candidates.filter(\.approved)
        if !process.isEmpty || !approvedStale.isEmpty {
            var note = "no current approved \(what)"
            if let latest = approvedStale.first, let problem = latest.problem {
                note += "; the latest, \(latest.id), is \(problem)"
            } else if !process.isEmpty {
                note +=
                    "; the process is documented (\(process.joined(separator: ", "))) but not evidenced as performed"
            }
            return Assessment(status: .notPerformed, documents: others + process, note: note)
        }
        let drafts = listing(item.clause, types: Self.processTypes).others
        if !others.isEmpty || !drafts.isEmpty {
            return Assessment(status: .draftOnly, documents: others + drafts, note: "only drafts: no approved \(what)")
        }
        return Assessment(status: .missing, documents: [], note: "no \(what) and no documented process")
    }

    // MARK: Risks, impact assessments, SoA, treatment plan

    func risks(_ clause: String, process: String, evidences: (Document.Risk) -> Bool) -> Assessment {
        var current: [String] = []
        var others: [String] = []
        handbook.forEachDocument(of: .risk) { document in
            guard document.status != .retired, let risk = document.risk, evidences(risk) else { return }
            let effective = document.effective
            if document.status == .approved, effective.map({ $0 <= asOf }) ?? true {
                current.append(document.id.value)
            } else {
                others.append(document.id.value)
            }
        }
        if !current.isEmpty { return Assessment(status: .covered, documents: current + others) }
        let documented = processDocumented([process, clause])
        if !documented.isEmpty {
            return Assessment(
                status: .notPerformed, documents: others + documented,
                note: "the process is documented, but no approved risk carries its results")
        }
        if !others.isEmpty { return Assessment(status: .draftOnly, documents: others, note: "only draft risks") }
        return Assessment(status: .missing, documents: [], note: "no risk documents and no documented process")
    }

    func impactAssessments(_ clause: String) -> Assessment {
        var found: [Dated] = []
        handbook.forEachDocument(of: .impactAssessment) { document in
            guard document.status != .retired, let assessment = document.impactAssessment else {
                return
            }
            let approved = document.status == .approved
            found.append(
                Dated(
                    id: document.id.value, date: assessment.date, approved: approved,
                    problem: currency(of: "impact-assessment", date: assessment.date, approved: approved)))
        }
        let current = found.filter { $0.problem == nil }.map(\.id)
        let others = found.filter { $0.problem != nil }.map(\.id)
        if !current.isEmpty { return Assessment(status: .covered, documents: current + others) }
        let documented = processDocumented(["6.1.4", clause])
        if !documented.isEmpty || found.contains(where: \.approved) {
            return Assessment(
                status: .notPerformed, documents: others + documented,
                note: "no approved impact assessment dated within its interval")
        }
        if !others.isEmpty { return Assessment(status: .draftOnly, documents: others, note: "only draft assessments") }
        return Assessment(status: .missing, documents: [], note: "no impact assessment and no documented process")
    }

    func soa() -> Assessment {
        guard let document = handbook.soaDocument else {
            return Assessment(status: .missing, documents: [], note: "there is no document of 'type: soa'")
        }
        let id = document.id.value
        if document.status == .approved { return Assessment(status: .covered, documents: [id]) }
        return Assessment(
            status: .draftOnly, documents: [id], note: "\(id) is \(document.status.rawValue), not approved")
    }

    static func treatmentPlans(_ handbook: Handbook, asOf: Day) -> (approved: [String], others: [String]) {
        var approved: [(Day, String)] = []
        var others: [String] = []
        handbook.forEachDocument(of: .record) { document in
            guard document.status != .retired, let record = document.record,
                record.kind == "risk-treatment-plan"
            else { return }
            if document.status == .approved, let date = record.date, date <= asOf {
                approved.append((date, document.id.value))
            } else {
                others.append(document.id.value)
            }
        }
        return (approved.sorted { $0 > $1 }.map(\.1), others.sorted())
    }

    /// Risks (not retired) whose residual score is above the acceptance threshold and which lack
    /// an acceptance by a role allowed to give it.
    func unacceptedRisks() -> [String] {
        var ids: [String] = []
        handbook.forEachDocument(of: .risk) { document in
            guard document.status != .retired, let risk = document.risk,
                let residual = risk.residualScore ?? risk.inherentScore, residual > criteria.acceptanceThreshold
            else { return }
            if !isAccepted(risk) { ids.append(document.id.value) }
        }
        return ids
    }

    func isAccepted(_ risk: Document.Risk) -> Bool {
        guard let by = risk.acceptedBy?.value, let on = risk.acceptedOn?.value, on <= asOf else { return false }
        return criteria.acceptors.isEmpty || criteria.acceptors.contains(by)
    }

    func treatmentPlan() -> Assessment {
        let plans = treatmentPlans
        let unaccepted = unacceptedRisks()
        if let plan = plans.approved.first {
            if unaccepted.isEmpty { return Assessment(status: .covered, documents: plans.approved + plans.others) }
            return Assessment(
                status: .notPerformed, documents: [plan] + unaccepted,
                note:
                    "\(plan) is approved, but the residual risk of \(unaccepted.joined(separator: ", ")) is above the acceptance threshold (\(criteria.acceptanceThreshold)) without 'accepted_by' and 'accepted_on'"
            )
        }
        let documented = processDocumented(["6.1.3"])
        if !documented.isEmpty {
            return Assessment(
                status: .notPerformed, documents: plans.others + documented,
                note:
                    "the treatment process is documented but no approved record of 'record_kind: risk-treatment-plan' exists"
            )
        }
        if !plans.others.isEmpty {
            return Assessment(status: .draftOnly, documents: plans.others, note: "the treatment plan is not approved")
        }
        return Assessment(
            status: .missing, documents: [], note: "no record of 'record_kind: risk-treatment-plan'")
    }
}
