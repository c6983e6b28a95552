/// The Statement of Applicability (clause 6.1.3) as the handbook implies it: every Annex A
/// control with the decision the SoA document records, joined with the documents that list the
/// control (its implementation) and the risks that name it as a treatment. Derived, never typed
/// twice, so it cannot drift from the documents.
public struct StatementOfApplicability: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var control: StandardModel.Control
        /// The objective group the control sits in (A.6.2) and the top-level objective (A.6).
        public var objective: StandardModel.Objective
        public var topObjective: StandardModel.Objective
        public var decision: Document.Decision?
        /// Ids of documents (other than risks and the SoA) listing the control in `controls`.
        public var implementedBy: [String]
        /// Ids of risks listing the control as a treatment.
        public var treatsRisks: [String]

        public var isDecided: Bool { decision?.applicable != nil }
        public var isApplicable: Bool { decision?.applicable == true }
        public var isExcluded: Bool { decision?.applicable == false }
        public var status: String? { isApplicable ? decision?.status?.value : nil }
        public var justification: String? { decision?.justification }
    }

    public struct Counts: Sendable, Equatable {
        public var controls = 0
        public var decided = 0
        public var applicable = 0
        public var excluded = 0
        public var implemented = 0
        public var partial = 0
        public var planned = 0
    }

    /// The `type: soa` document, if there is one.
    public var document: Document?
    /// Every Annex A control, in the standard's order.
    public var entries: [Entry]
    /// Controls of the organisation's own: decisions whose key is no Annex A id but which carry
    /// a `title` (Annex A is not exhaustive), in the order written, after Annex A everywhere.
    public var organisationEntries: [Entry] = []

    /// Annex A first, then the organisation's own controls.
    public var allEntries: [Entry] { entries + organisationEntries }

    /// The objective group organisation-specific controls are listed under.
    public static let organisationObjective = StandardModel.Objective(
        id: "ORG", title: "Controls of the organisation's own", parent: nil)

    /// Whether `decision` declares a control of the organisation's own rather than naming an
    /// Annex A control: its key is not an Annex A id and it has a title.
    static func isOrganisational(_ decision: Document.Decision, standard: StandardModel) -> Bool {
        !standard.hasControl(decision.control.value) && !(decision.title ?? "").allSatisfy(\.isWhitespace)
    }

    public var counts: Counts {
        var counts = Counts()
        counts.controls = entries.count
        for entry in entries {
            if entry.isDecided { counts.decided += 1 }
            if entry.isApplicable { counts.applicable += 1 }
            if entry.isExcluded { counts.excluded += 1 }
            switch entry.status {
            case "implemented": counts.implemented += 1
            case "partial": counts.partial += 1
            case "planned": counts.planned += 1
            default: break
            }
        }
        return counts
    }

    public init(_ handbook: Handbook) {
        let standard = handbook.standard
        document = handbook.soaDocument
        var decisions: [String: Document.Decision] = [:]
        for decision in document?.soaDecisions?.decisions ?? [] where decisions[decision.control.value] == nil {
            decisions[decision.control.value] = decision
        }
        entries = standard.controls.map { control in
            let ids = handbook.relations.documentsByControl[control.id] ?? []
            var implementedBy: [String] = []
            var treatsRisks: [String] = []
            for id in ids {
                switch handbook.position(of: id).map({ handbook.documents[$0].type }) {
                case .risk?: treatsRisks.append(id)
                case .soa?, nil: break
                default: implementedBy.append(id)
                }
            }
            let objective = standard.objective(control.objective)!
            return Entry(
                control: control, objective: objective, topObjective: standard.topObjective(of: control) ?? objective,
                decision: decisions[control.id], implementedBy: implementedBy.sorted(),
                treatsRisks: treatsRisks.sorted())
        }
        var seen: Set<String> = []
        for decision in document?.soaDecisions?.decisions ?? []
        where Self.isOrganisational(decision, standard: standard) && seen.insert(decision.control.value).inserted {
            let id = decision.control.value
            var implementedBy: [String] = []
            var treatsRisks: [String] = []
            for other in handbook.relations.documentsByControl[id] ?? [] {
                switch handbook.position(of: other).map({ handbook.documents[$0].type }) {
                case .risk?: treatsRisks.append(other)
                case .soa?, nil: break
                default: implementedBy.append(other)
                }
            }
            let objective = Self.organisationObjective
            organisationEntries.append(
                Entry(
                    control: .init(id: id, title: decision.title ?? id, objective: objective.id), objective: objective,
                    topObjective: objective, decision: decision, implementedBy: implementedBy.sorted(),
                    treatsRisks: treatsRisks.sorted()))
        }
    }

    /// Ids of the organisation's own controls the SoA declares, for checking `controls` lists.
    public static func organisationControlIDs(_ handbook: Handbook) -> Set<String> {
        Set(
            (handbook.soaDocument?.soaDecisions?.decisions ?? []).filter {
                isOrganisational($0, standard: handbook.standard)
            }
            .map(\.control.value))
    }
}
