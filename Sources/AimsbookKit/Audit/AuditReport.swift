/// The audit readiness report: for every item of documented information ISO/IEC 42001 requires,
/// is there approved evidence, only drafts, or nothing; plus the SoA summary and findings an
/// auditor would raise (stale reviews, untreated risks, systems without impact assessments …).
public struct AuditReport: Sendable, Equatable {
    public enum CoverageStatus: String, Sendable, Comparable {
        case missing
        /// The process is documented, but no current record shows it was performed.
        case notPerformed = "not-performed"
        case draftOnly = "draft-only"
        case covered

        var weight: Double {
            switch self {
            case .covered: 1
            case .draftOnly, .notPerformed: 0.5
            case .missing: 0
            }
        }

        public static func < (lhs: CoverageStatus, rhs: CoverageStatus) -> Bool { lhs.weight < rhs.weight }
    }

    public struct MandatoryItem: Sendable, Equatable {
        public var clause: String
        public var clauseTitle: String
        public var what: String
        public var status: CoverageStatus
        /// The evidence first (approved, current), then the rest the item's status rests on.
        public var documents: [String]
        /// What evidences the item (`process`, `records`, `soa`, …, see `MandatoryEvidence.Kind`).
        public var evidence: String = "process"
        /// When not covered: what is lacking.
        public var note: String? = nil
    }

    /// A condition of readiness (`AuditGates`): passed, or what to do.
    public struct Gate: Sendable, Equatable {
        public var id: String
        public var passed: Bool
        public var message: String
    }

    public struct SoASummary: Sendable, Equatable {
        public var present: Bool
        public var controls: Int
        public var decided: Int
        public var applicable: Int
        public var implemented: Int
    }

    public struct Finding: Sendable, Equatable {
        public var kind: String
        public var document: String?
        public var message: String
        /// A warning-level finding: shown and exported, not counted against the score.
        public var isWarning = false
        /// The file and line to change, where there is one.
        public var location: SourceLocation? = nil
    }

    public var asOf: Day
    public var mandatory: [MandatoryItem]
    public var soa: SoASummary
    public var findings: [Finding]
    /// Coverage of every clause and control, for the dashboard's charts.
    public var clauseCoverage: [String: CoverageStatus]
    public var controlCoverage: [String: CoverageStatus]
    public var score: Double
    /// Every gate, in `AuditGates.ids` order; `ready` when all pass.
    public var gates: [Gate]
    public var ready: Bool { gates.allSatisfy(\.passed) }
    public var failedGates: [Gate] { gates.filter { !$0.passed } }

    /// Every AI system's EU AI Act obligations (README, "EU AI Act obligations per AI system").
    public var obligations: [Obligation]

    public struct Obligation: Sendable, Equatable {
        public var system: String
        public var requirement: String
        public var role: String
        /// covered, partial, open or upcoming.
        public var status: String
        public var appliesFrom: Day?
        /// What `documents` is read from, when asked: the report's JSON lists them, the site
        /// does not, and listing them for every system's obligations was a fifth of the report's
        /// work in each rebuild of `serve`.
        var coverage: RequirementCoverage
        /// Every document that addresses it, approved first.
        public var documents: [String] { coverage.documents }
    }

    public var notPerformedCount: Int { mandatory.filter { $0.status == .notPerformed }.count }
    public var missingCount: Int { mandatory.filter { $0.status == .missing }.count }
    public var draftOnlyCount: Int { mandatory.filter { $0.status == .draftOnly }.count }
    public var coveredCount: Int { mandatory.filter { $0.status == .covered }.count }

    /// - Parameters: `soa` and `obligations` when the caller has already derived them (the site does).
    public init(
        handbook: Handbook, asOf: Day, soa statement: StatementOfApplicability? = nil,
        obligations: AIActObligations? = nil
    ) {
        self.asOf = asOf
        // The status alone, for the clause and control maps: the first approved document
        // decides it, without listing and sorting the hundreds a clause such as 6.1.2 can have.
        func coverageStatus(of ids: [String]) -> CoverageStatus {
            var status = CoverageStatus.missing
            for id in ids {
                guard let position = handbook.position(of: id) else { continue }
                switch handbook.documents[position].status {
                case .retired: continue
                case .approved: return .covered
                default: status = .draftOnly
                }
            }
            return status
        }
        let relations = handbook.relations
        let evidence = MandatoryEvidence(handbook: handbook, asOf: asOf)
        let statement = statement ?? StatementOfApplicability(handbook)
        let obligations = obligations ?? AIActObligations(handbook, asOf: asOf)
        // The mandatory items and the two sets of findings read the handbook only: made side by
        // side, they cost a rebuild of 2,000 documents the longest of them instead of the sum.
        enum Part: Sendable {
            case mandatory([MandatoryItem])
            case findings([Finding])
        }
        let parts = [0, 1, 2].concurrentMap { part -> Part in
            switch part {
            case 0:
                .mandatory(
                    handbook.standard.mandatory.map { item in
                        let assessment = evidence.assess(item)
                        return MandatoryItem(
                            clause: item.clause, clauseTitle: handbook.standard.clause(item.clause)?.title ?? "",
                            what: item.what, status: assessment.status, documents: assessment.documents,
                            evidence: item.evidence ?? "process", note: assessment.note)
                    })
            case 1:
                .findings(
                    AuditFindings.all(handbook: handbook, soa: statement, obligations: obligations, asOf: asOf))
            default:
                .findings(ReadinessFindings.all(handbook: handbook, soa: statement, evidence: evidence, asOf: asOf))
            }
        }
        var mandatory: [MandatoryItem] = []
        var findings: [Finding] = []
        for part in parts {
            switch part {
            case .mandatory(let items): mandatory = items
            case .findings(let found): findings += found
            }
        }
        self.mandatory = mandatory
        // A clause that requires documented information is as covered as its least evidenced
        // item: an approved procedure listing 9.3.3 does not make management reviews held.
        var itemStatus: [String: CoverageStatus] = [:]
        for item in mandatory { itemStatus[item.clause] = min(itemStatus[item.clause] ?? item.status, item.status) }
        clauseCoverage = Dictionary(
            uniqueKeysWithValues: handbook.standard.clauses.map {
                ($0.id, itemStatus[$0.id] ?? coverageStatus(of: relations.documentsByClause[$0.id] ?? []))
            })

        let counts = statement.counts
        soa = SoASummary(
            present: statement.document != nil, controls: counts.controls, decided: counts.decided,
            applicable: counts.applicable, implemented: counts.implemented)
        controlCoverage = Dictionary(
            uniqueKeysWithValues: statement.entries.map { entry in
                (entry.control.id, entry.isExcluded ? .covered : coverageStatus(of: entry.implementedBy))
            })

        self.obligations = obligations.systems.flatMap { system in
            system.obligations.map {
                Obligation(
                    system: system.id, requirement: $0.requirement.id, role: $0.role.rawValue,
                    status: $0.status.rawValue,
                    appliesFrom: $0.appliesFrom, coverage: $0.coverage)
            }
        }
        self.findings = findings
        gates = AuditGates.all(evidence: evidence, mandatory: mandatory, soa: statement, findings: findings)
        // Warning-level findings are shown and exported, not counted against the score.
        score = AuditReport.score(
            mandatory: mandatory, soa: statement, gates: gates, findings: findings.filter { !$0.isWarning }.count)
    }

    /// The progress score, 0 to 1 (README, "Audit readiness"); readiness is `ready`, not this:
    /// 0.5 × mandatory items (covered 1, draft-only or not-performed ½, missing 0, averaged)
    /// + 0.2 × SoA (per control: excluded with justification or implemented 1, partial ½,
    ///   planned ¼, undecided or excluded without justification 0, averaged)
    /// + 0.2 × gates passed ÷ gates
    /// + 0.1 × (1 − findings ÷ 20, at least 0): a count, not a share of the documents, so a large
    ///   handbook's findings weigh as much as a small one's. Rounded to two decimals.
    static func score(
        mandatory: [MandatoryItem], soa: StatementOfApplicability, gates: [Gate], findings: Int
    ) -> Double {
        let coverage = mandatory.isEmpty ? 1 : mandatory.map(\.status.weight).reduce(0, +) / Double(mandatory.count)
        let controlScores = soa.entries.map { entry -> Double in
            if entry.isExcluded { return (entry.justification ?? "").allSatisfy(\.isWhitespace) ? 0 : 1 }
            switch entry.status {
            case "implemented": return 1
            case "partial": return 0.5
            case "planned": return 0.25
            default: return 0
            }
        }
        let soaScore =
            soa.document == nil || controlScores.isEmpty ? 0 : controlScores.reduce(0, +) / Double(controlScores.count)
        let gateScore = gates.isEmpty ? 1 : Double(gates.filter(\.passed).count) / Double(gates.count)
        let findingScore = max(0, 1 - Double(findings) / 20)
        let score = 0.5 * coverage + 0.2 * soaScore + 0.2 * gateScore + 0.1 * findingScore
        return (score * 100).rounded() / 100
    }
}
