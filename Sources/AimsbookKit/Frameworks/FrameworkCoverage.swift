/// Which documents address a requirement of a framework pack, and how well.
public struct RequirementCoverage: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// Approved documents cover every clause and control it maps to, the SoA marks every
        /// mapped control implemented, and, for a shared process or a requirement mapped to
        /// nothing, an approved document cites it.
        case covered
        /// Some evidence, not all: drafts only, part of what it maps to, a mapped control the
        /// SoA marks partial, planned or excluded, or only an approved document citing it.
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
        /// For an ISO/IEC 27001 Annex A control (`iso27001` of a mapping): covered by documents
        /// citing it with `iso27001: [A.8.8]`.
        public var isISO27001: Bool = false
        /// For a 42001 control: the SoA's word on it (implemented, partial, planned, excluded,
        /// undecided; nil without an SoA).
        public var soaStatus: String? = nil

        /// Evidence enough: covered by an approved document and, for a 42001 control, implemented.
        public var isMet: Bool { isCovered && (!isControl || isISO27001 || soaStatus == "implemented") }
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
        var documents: [String] = []
        forEachDocument { documents.append($0) }
        return documents
    }

    /// The first documents of `documents` and how many there are, worked out once where many
    /// pages show the same coverage (an AI system's obligations, `AIActObligations`): counting
    /// hashes every id of lists that run to hundreds.
    public struct Counted: Sendable, Hashable {
        public var first: [String]
        public var count: Int
    }

    public internal(set) var counted: Counted?

    /// Works out `counted`, keeping the first `limit` documents.
    mutating func count(keeping limit: Int) { counted = firstDocuments(limit) }

    /// How many documents address the requirement (`documents.count`, without the list).
    public var documentCount: Int {
        if let counted { return counted.count }
        var count = 0
        forEachDocument { _ in count += 1 }
        return count
    }

    /// The first `limit` documents of `documents`, and how many there are, in one pass.
    public func firstDocuments(_ limit: Int) -> Counted {
        if let counted, limit <= counted.first.count || counted.first.count == counted.count {
            return Counted(first: Array(counted.first.prefix(limit)), count: counted.count)
        }
        var first: [String] = []
        var count = 0
        forEachDocument { id in
            if count < limit { first.append(id) }
            count += 1
        }
        return Counted(first: first, count: count)
    }

    /// Each document of `documents` once, in order. The set of those seen is made large enough
    /// up front: growing it, hashing every id again each time, was most of the cost for a
    /// requirement mapped to clauses that hundreds of documents address.
    private func forEachDocument(_ body: (String) -> Void) {
        var seen = Set<String>(minimumCapacity: targets.reduce(direct.count) { $0 + $1.documents.count })
        for id in direct where seen.insert(id).inserted { body(id) }
        for target in targets {
            for id in target.documents where seen.insert(id).inserted { body(id) }
        }
    }

    /// Mapped clauses and controls no approved document covers yet.
    public var uncovered: [String] { targets.filter { !$0.isCovered }.map(\.id) }

    /// Mapped controls documents cover but the SoA does not mark implemented.
    public var notImplemented: [Target] { targets.filter { $0.isCovered && !$0.isMet } }

    /// The mapping is a shared process and no approved document cites the requirement itself
    /// (ISO/IEC 27001's clauses read against a 42001 handbook).
    public var needsOwnEvidence: Bool { mapping?.shared == true && !citedByApproved }

    /// An approved document cites the requirement (or the article it is a paragraph of).
    public internal(set) var citedByApproved = false
}

/// Works out `RequirementCoverage` from the handbook: indexes built once, then one lookup per
/// requirement. Retired documents address nothing. With an AI system given, documents about
/// other systems (their ai-system page, risks, impact assessments and datasets naming only
/// other systems) do not count; organisation-wide documents (policies, procedures, records …) do.
public struct FrameworkCoverage: Sendable {
    private(set) var handbook: Handbook
    /// pack id → requirement id → documents citing it, as positions in `handbook.documents`,
    /// approved first, then by id.
    let citing: [String: [String: [Int]]]
    /// clause id → documents listing it or one of its subclauses, approved first, then by id.
    let clauseDocuments: [String: [Int]]
    /// control id → documents listing it, approved first, then by id.
    let controlDocuments: [String: [Int]]
    /// By position in `handbook.documents`: which AI systems each document speaks for (`concerns`).
    let ties: [SystemTie]
    /// Each Annex A control's status in the SoA: implemented, partial, planned, excluded or
    /// undecided; empty without an SoA document.
    let soaStatus: [String: String]

    /// The AI systems a document speaks for, read once from its type's fields.
    struct SystemTie: Sendable {
        /// nil: every system (a document not tied to particular systems).
        var systems: [String]?
        /// An impact assessment also speaks for the system whose `impact_assessment` names it.
        var isAssessment: Bool
    }

    public init(_ handbook: Handbook) {
        self.handbook = handbook
        // Read through pointers: iterating the documents would copy each (a large value).
        var position: [String: Int] = [:]
        var statuses: [DocumentStatus] = []
        var citing: [String: [String: [String]]] = [:]
        var ties: [SystemTie] = []
        handbook.forEachDocument { document in
            let id = document.id.value
            position[id] = statuses.count
            statuses.append(document.status)
            ties.append(Self.tie(of: document))
            guard document.status != .retired else { return }
            for (pack, requirements) in document.citations {
                for requirement in Set(requirements.map(\.value)) {
                    citing[pack, default: [:]][requirement, default: []].append(id)
                }
            }
        }
        /// Retired documents address nothing; approved ones come first, each group in id order
        /// (the documents are sorted by id, so their positions are too).
        func ordered(_ ids: some Sequence<String>) -> [Int] {
            var seen: Set<Int> = []
            let indices = ids.compactMap { position[$0] }.filter {
                statuses[$0] != .retired && seen.insert($0).inserted
            }.sorted()
            return indices.filter { statuses[$0] == .approved } + indices.filter { statuses[$0] != .approved }
        }

        self.citing = citing.mapValues { $0.mapValues { ordered($0) } }
        let relations = handbook.relations
        var clauseDocuments: [String: [Int]] = [:]
        // Every clause a crosswalk can name: the standard's, and any a handbook's pack maps to.
        let mapped = handbook.frameworks.packs.flatMap { $0.mappings.flatMap(\.clauses) }
        for clause in Set(handbook.standard.clauses.map(\.id) + mapped) {
            let family = handbook.standard.clauses.filter { $0.id == clause || $0.id.hasPrefix(clause + ".") }
            clauseDocuments[clause] = ordered(family.flatMap { relations.documentsByClause[$0.id] ?? [] })
        }
        self.clauseDocuments = clauseDocuments
        controlDocuments = relations.documentsByControl.mapValues { ordered($0) }
        self.ties = ties
        var soaStatus: [String: String] = [:]
        for decision in handbook.documents(of: .soa).first?.soaDecisions?.decisions ?? [] {
            soaStatus[decision.control.value] =
                decision.applicable == false ? "excluded" : decision.status?.value ?? "undecided"
        }
        self.soaStatus = soaStatus
    }

    /// The same indexes over `handbook`, a later outline with the same documents in the same
    /// order whose statuses, citations and type's fields are these (a rebuild after a title
    /// edit, `RenderContext.Derived.Kept`).
    func reading(_ handbook: Handbook) -> FrameworkCoverage {
        var coverage = self
        coverage.handbook = handbook
        return coverage
    }

    static func tie(of document: Document) -> SystemTie {
        if document.type == .aiSystem {
            return SystemTie(systems: [document.id.value], isAssessment: false)
        }
        // A list of AI systems its type declares (a risk's, an impact assessment's, a dataset's
        // `ai_systems`) ties a document to the systems it names.
        let systems = document.type.descriptor.references.filter { $0.isList && $0.expects == [.aiSystem] }
            .flatMap { $0.values(document).map(\.value) }
        return SystemTie(systems: systems.isEmpty ? nil : systems, isAssessment: document.type == .impactAssessment)
    }

    /// What one AI system's coverage keeps across its requirements: requirements share clauses
    /// and controls (6.1.2 is covered by hundreds of risks), so each target's documents are
    /// filtered for the system once, not once per requirement mapped to it.
    public struct SystemScope {
        let system: String
        /// The id of the impact assessment the system names (`impact_assessment`).
        let assessment: String?
        var relevantByTarget: [String: [Int]] = [:]
    }

    public func scope(forSystem system: String) -> SystemScope {
        SystemScope(system: system, assessment: handbook.document(system)?.aiSystem?.impactAssessment?.value)
    }

    public func coverage(
        of requirement: FrameworkPack.Requirement, in pack: FrameworkPack, forSystem system: String? = nil
    ) -> RequirementCoverage {
        var scope = system.map(self.scope(forSystem:))
        return coverage(of: requirement, in: pack, scope: &scope)
    }

    /// The requirement's coverage, for the system of `scope` when there is one.
    public func coverage(
        of requirement: FrameworkPack.Requirement, in pack: FrameworkPack, scope: inout SystemScope?
    ) -> RequirementCoverage {
        let documents = handbook.documents
        func relevant(_ indices: [Int]) -> [Int] {
            guard let system = scope else { return indices }
            return indices.filter { concerns(position: $0, system: system) }
        }
        func relevant(target: String, _ indices: [Int]) -> [Int] {
            guard scope != nil else { return indices }
            if let kept = scope?.relevantByTarget[target] { return kept }
            let filtered = relevant(indices)
            scope?.relevantByTarget[target] = filtered
            return filtered
        }
        func isApproved(_ index: Int) -> Bool { documents[index].status == .approved }
        func ids(_ indices: [Int]) -> [String] { indices.map { documents[$0].id.value } }

        // Citing an article cites each of its paragraphs: `eu_ai_act: [Art.26]` counts for
        // Art.26(5). A clause's subclauses are not its paragraphs: citing 6.1 is not citing 6.1.2.
        var citingIDs = citing[pack.id]?[requirement.id] ?? []
        if requirement.id.hasSuffix(")"), let parent = requirement.parent, let byParent = citing[pack.id]?[parent] {
            citingIDs = Array(Set(citingIDs + byParent)).sorted {
                isApproved($0) != isApproved($1) ? isApproved($0) : $0 < $1
            }
        }
        let direct = relevant(citingIDs)
        let mapping = pack.mapping(for: requirement.id)
        var targets: [RequirementCoverage.Target] = []
        for clause in mapping?.clauses ?? [] {
            let covering = relevant(target: "clause " + clause, clauseDocuments[clause] ?? [])
            targets.append(
                .init(
                    id: clause, isControl: false, documents: ids(covering),
                    isCovered: covering.contains(where: isApproved)))
        }
        for control in mapping?.controls ?? [] {
            let covering = relevant(target: "control " + control, controlDocuments[control] ?? [])
            targets.append(
                .init(
                    id: control, isControl: true, documents: ids(covering),
                    isCovered: covering.contains(where: isApproved), soaStatus: soaStatus[control]))
        }
        for control in mapping?.iso27001 ?? [] {
            let covering = relevant(target: "iso27001 " + control, citing["iso27001"]?[control] ?? [])
            targets.append(
                .init(
                    id: control, isControl: true, documents: ids(covering),
                    isCovered: covering.contains(where: isApproved), isISO27001: true))
        }
        // A citation is a claim, not evidence: it counts only from an approved document, and
        // alone makes a mapped requirement at most partial.
        let cited = direct.contains(where: isApproved)
        let status: RequirementCoverage.Status
        if targets.isEmpty {
            status = cited ? .covered : .open
        } else if targets.allSatisfy(\.isMet) && (cited || mapping?.shared != true) {
            status = .covered
        } else if cited || targets.contains(where: { !$0.documents.isEmpty }) {
            status = .partial
        } else {
            status = .open
        }
        var coverage = RequirementCoverage(
            pack: pack.id, requirement: requirement, mapping: mapping, direct: ids(direct), targets: targets,
            status: status)
        coverage.citedByApproved = cited
        return coverage
    }

    /// Whether a document speaks for an AI system: its own page, a risk or impact assessment
    /// naming it (or named by it), or any document not tied to particular systems.
    func concerns(position: Int, system scope: SystemScope) -> Bool {
        let tie = ties[position]
        guard let systems = tie.systems else { return true }
        return systems.contains(scope.system)
            || (tie.isAssessment && scope.assessment == handbook.documents[position].id.value)
    }
}
