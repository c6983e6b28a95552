/// The audit readiness report: for every item of documented information ISO/IEC 42001 requires,
/// is there approved evidence, only drafts, or nothing; plus the SoA summary and findings an
/// auditor would raise (stale reviews, untreated risks, systems without impact assessments …).
public struct AuditReport: Sendable, Equatable {
    public enum CoverageStatus: String, Sendable, Comparable {
        case missing
        case draftOnly = "draft-only"
        case covered

        var weight: Double {
            switch self {
            case .covered: 1
            case .draftOnly: 0.5
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
        /// Documents listing the clause (not retired), approved ones first.
        public var documents: [String]
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
    }

    public var asOf: Day
    public var mandatory: [MandatoryItem]
    public var soa: SoASummary
    public var findings: [Finding]
    /// Coverage of every clause and control, for the dashboard's charts.
    public var clauseCoverage: [String: CoverageStatus]
    public var controlCoverage: [String: CoverageStatus]
    public var score: Double
    /// Every AI system's EU AI Act obligations (README, "EU AI Act obligations per AI system").
    public var obligations: [Obligation]

    public struct Obligation: Sendable, Equatable {
        public var system: String
        public var requirement: String
        public var role: String
        /// covered, partial, open or upcoming.
        public var status: String
        public var appliesFrom: Day?
        /// Every document that addresses it, approved first.
        public var documents: [String]
    }

    public var missingCount: Int { mandatory.filter { $0.status == .missing }.count }
    public var draftOnlyCount: Int { mandatory.filter { $0.status == .draftOnly }.count }
    public var coveredCount: Int { mandatory.filter { $0.status == .covered }.count }

    /// - Parameters: `soa` and `obligations` when the caller has already derived them (the site does).
    public init(
        handbook: Handbook, asOf: Day, soa statement: StatementOfApplicability? = nil,
        obligations: AIActObligations? = nil
    ) {
        self.asOf = asOf
        // Reads each document's status in place: `handbook.document(_:)` copied whole documents,
        // several times each, for every clause and control.
        func coverage(of ids: [String]) -> (CoverageStatus, [String]) {
            var approved: [String] = []
            var others: [String] = []
            for id in ids {
                guard let position = handbook.position(of: id) else { continue }
                switch handbook.documents[position].status {
                case .retired: continue
                case .approved: approved.append(id)
                default: others.append(id)
                }
            }
            approved.sort()
            others.sort()
            let status: CoverageStatus = !approved.isEmpty ? .covered : !others.isEmpty ? .draftOnly : .missing
            return (status, approved + others)
        }
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
        mandatory = handbook.standard.mandatory.map { item in
            let (status, documents) = coverage(of: relations.documentsByClause[item.clause] ?? [])
            return MandatoryItem(
                clause: item.clause, clauseTitle: handbook.standard.clause(item.clause)?.title ?? "", what: item.what,
                status: status, documents: documents)
        }
        clauseCoverage = Dictionary(
            uniqueKeysWithValues: handbook.standard.clauses.map {
                ($0.id, coverageStatus(of: relations.documentsByClause[$0.id] ?? []))
            })

        let statement = statement ?? StatementOfApplicability(handbook)
        let counts = statement.counts
        soa = SoASummary(
            present: statement.document != nil, controls: counts.controls, decided: counts.decided,
            applicable: counts.applicable, implemented: counts.implemented)
        controlCoverage = Dictionary(
            uniqueKeysWithValues: statement.entries.map { entry in
                (entry.control.id, entry.isExcluded ? .covered : coverageStatus(of: entry.implementedBy))
            })

        let obligations = obligations ?? AIActObligations(handbook, asOf: asOf)
        self.obligations = obligations.systems.flatMap { system in
            system.obligations.map {
                Obligation(
                    system: system.id, requirement: $0.requirement.id, role: $0.role.rawValue,
                    status: $0.status.rawValue,
                    appliesFrom: $0.appliesFrom, documents: $0.coverage.documents)
            }
        }
        findings = AuditFindings.all(handbook: handbook, soa: statement, obligations: obligations, asOf: asOf)
        score = AuditReport.score(
            mandatory: mandatory, soa: statement, findings: findings.filter { !$0.isWarning }.count,
            documents: handbook.documents.count)
    }

    /// The readiness score, 0 to 1 (README, "Audit readiness"):
    /// 0.6 × mandatory coverage (covered 1, draft-only ½, missing 0, averaged)
    /// + 0.25 × SoA (per control: excluded with justification or implemented 1, partial ½,
    ///   planned ¼, undecided or excluded without justification 0, averaged)
    /// + 0.15 × (1 − findings ÷ documents, at least 0). Rounded to two decimals.
    static func score(
        mandatory: [MandatoryItem], soa: StatementOfApplicability, findings: Int, documents: Int
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
        let findingScore = max(0, 1 - Double(findings) / Double(max(1, documents)))
        let score = 0.6 * coverage + 0.25 * soaScore + 0.15 * findingScore
        return (score * 100).rounded() / 100
    }
}
