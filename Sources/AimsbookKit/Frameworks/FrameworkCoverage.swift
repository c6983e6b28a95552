/// Which documents address a requirement of a framework pack, and how well.
public struct RequirementCoverage: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// An approved document cites the requirement, or approved documents cover every
        /// clause and control it maps to.
        case covered
        /// Some document addresses it, but only drafts, or only part of what it maps to.
        case partial
        /// No document addresses it.
        case open
    }

    /// A clause or control the requirement maps to, and the documents covering it.
    public struct Target: Sendable, Hashable {
        public var id: String
        public var isControl: Bool
        public var documents: [String]
        /// An approved document covers it.
        public var isCovered: Bool
    }

    public var pack: String
    public var requirement: FrameworkPack.Requirement
    public var mapping: FrameworkPack.Mapping?
    /// Documents citing the requirement itself (`eu_ai_act: [Art.14]`), approved first.
    public var direct: [String]
    public var targets: [Target]
    public var status: Status

    /// Every document that addresses the requirement, directly or through the crosswalk.
    public var documents: [String] {
        var seen: Set<String> = []
        return (direct + targets.flatMap(\.documents)).filter { seen.insert($0).inserted }
    }

    /// Mapped clauses and controls no approved document covers yet.
    public var uncovered: [String] { targets.filter { !$0.isCovered }.map(\.id) }
}

/// Works out `RequirementCoverage` from the handbook: indexes built once, then one lookup per
/// requirement. Retired documents address nothing. With an AI system given, documents about
/// other systems (their ai-system page, risks and impact assessments naming only other
/// systems) do not count; organisation-wide documents (policies, procedures, records …) do.
public struct FrameworkCoverage: Sendable {
    let handbook: Handbook
    /// pack id → requirement id → documents citing it.
    let citing: [String: [String: [String]]]

    public init(_ handbook: Handbook) {
        self.handbook = handbook
        var citing: [String: [String: [String]]] = [:]
        for document in handbook.documents where document.status != .retired {
            for (pack, requirements) in document.citations {
                for requirement in Set(requirements.map(\.value)) {
                    citing[pack, default: [:]][requirement, default: []].append(document.id.value)
                }
            }
        }
        self.citing = citing
    }

    /// The documents citing a requirement directly, in any status but retired.
    public func citing(_ requirement: String, in pack: String) -> [String] { citing[pack]?[requirement] ?? [] }

    public func coverage(
        of requirement: FrameworkPack.Requirement, in pack: FrameworkPack, forSystem system: String? = nil
    ) -> RequirementCoverage {
        let relevant = { (id: String) -> Document? in
            guard let document = handbook.document(id), document.status != .retired else { return nil }
            if let system, !concerns(document, system: system) { return nil }
            return document
        }
        let direct = ordered(citing(requirement.id, in: pack.id).compactMap(relevant))
        let mapping = pack.mapping(for: requirement.id)
        var targets: [RequirementCoverage.Target] = []
        for clause in mapping?.clauses ?? [] {
            let documents = ordered(clauseDocuments(clause).compactMap(relevant))
            targets.append(
                .init(
                    id: clause, isControl: false, documents: documents.map(\.id.value),
                    isCovered: documents.contains { $0.status == .approved }))
        }
        for control in mapping?.controls ?? [] {
            let documents = ordered((handbook.relations.documentsByControl[control] ?? []).compactMap(relevant))
            targets.append(
                .init(
                    id: control, isControl: true, documents: documents.map(\.id.value),
                    isCovered: documents.contains { $0.status == .approved }))
        }
        let status: RequirementCoverage.Status
        if direct.contains(where: { $0.status == .approved }) || (!targets.isEmpty && targets.allSatisfy(\.isCovered)) {
            status = .covered
        } else if !direct.isEmpty || targets.contains(where: { !$0.documents.isEmpty }) {
            status = .partial
        } else {
            status = .open
        }
        return RequirementCoverage(
            pack: pack.id, requirement: requirement, mapping: mapping, direct: direct.map(\.id.value), targets: targets,
            status: status)
    }

    /// Documents listing a clause or one of its subclauses (9.2 is covered by a 9.2.2 audit programme).
    func clauseDocuments(_ clause: String) -> [String] {
        var seen: Set<String> = []
        return handbook.standard.clauses.filter { $0.id == clause || $0.id.hasPrefix(clause + ".") }
            .flatMap { handbook.relations.documentsByClause[$0.id] ?? [] }
            .filter { seen.insert($0).inserted }
    }

    /// Approved first, then by id.
    func ordered(_ documents: [Document]) -> [Document] {
        documents.sorted {
            ($0.status != .approved ? 1 : 0, $0.id.value) < ($1.status != .approved ? 1 : 0, $1.id.value)
        }
    }

    /// Whether a document speaks for an AI system: its own page, a risk or impact assessment
    /// naming it (or named by it), or any document not tied to particular systems.
    func concerns(_ document: Document, system: String) -> Bool {
        switch document.details {
        case .aiSystem:
            return document.id.value == system
        case .risk(let risk):
            return risk.aiSystems.isEmpty || risk.aiSystems.contains { $0.value == system }
        case .impactAssessment(let assessment):
            return assessment.aiSystems.isEmpty || assessment.aiSystems.contains { $0.value == system }
                || handbook.document(system)?.aiSystem?.impactAssessment?.value == document.id.value
        default:
            return true
        }
    }
}
