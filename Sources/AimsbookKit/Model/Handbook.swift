/// The whole handbook as a model: settings, the standard it implements, every document, and the
/// relations between them, derived once so pages and reports never recompute them.
public struct Handbook: Sendable {
    public var settings: Settings
    public var standard: StandardModel
    /// Sorted by id, the order of every list unless a page says otherwise.
    public var documents: [Document]
    public var assets: [HandbookSource.Asset]
    public var templateOverrides: [String: String]
    public var resolver: LinkResolver
    /// Ids written in files that could not become documents (bad type, …): they exist, so
    /// references to them are not reported a second time.
    public var brokenIDs: Set<String>
    public var relations: Relations
    /// The framework packs (ISO/IEC 42001, EU AI Act, ISO/IEC 27001) with the handbook's own changes.
    public var frameworks: FrameworkLibrary = .builtIn

    private var index: [String: Int]

    public init(
        settings: Settings, standard: StandardModel, documents: [Document], assets: [HandbookSource.Asset],
        templateOverrides: [String: String], resolver: LinkResolver, brokenIDs: Set<String>
    ) {
        self.settings = settings
        self.standard = standard
        self.documents = documents.sorted { $0.id.value < $1.id.value }
        self.assets = assets
        self.templateOverrides = templateOverrides
        self.resolver = resolver
        self.brokenIDs = brokenIDs
        self.index = Dictionary(self.documents.enumerated().map { ($1.id.value, $0) }, uniquingKeysWith: { a, _ in a })
        self.relations = Relations(documents: self.documents)
    }

    public func document(_ id: String) -> Document? { index[id].map { documents[$0] } }

    public func documents(of type: DocumentType) -> [Document] { documents.filter { $0.type == type } }

    /// The one Statement of Applicability, if the handbook has any (a second is an error).
    public var soaDocument: Document? { documents.first { $0.type == .soa } }
}

/// Who points at whom: backlinks, and which documents address each clause and control. Built
/// in one pass over the documents (never per page), keyed by id.
public struct Relations: Sendable {
    /// document id → ids of documents that link to it or list it in related, ai_systems or impact_assessment.
    public var referencedBy: [String: [String]] = [:]
    public var documentsByClause: [String: [String]] = [:]
    public var documentsByControl: [String: [String]] = [:]
    /// role id → ids of documents it owns / approves.
    public var ownedBy: [String: [String]] = [:]
    public var approvedBy: [String: [String]] = [:]
    /// ai-system id → ids of risks and impact assessments naming it.
    public var risksByAISystem: [String: [String]] = [:]
    public var assessmentsByAISystem: [String: [String]] = [:]

    init(documents: [Document]) {
        var referencedBy: [String: Set<String>] = [:]
        for document in documents {
            let id = document.id.value
            var targets: [String] = document.related.map(\.value)
            if let risk = document.risk {
                targets += risk.aiSystems.map(\.value)
                for system in risk.aiSystems { risksByAISystem[system.value, default: []].append(id) }
            }
            if let assessment = document.impactAssessment {
                targets += assessment.aiSystems.map(\.value)
                for system in assessment.aiSystems { assessmentsByAISystem[system.value, default: []].append(id) }
            }
            if let system = document.aiSystem, let assessment = system.impactAssessment {
                targets.append(assessment.value)
            }
            for case .document(let target, _) in document.linkTargets {
                targets.append(target)
            }
            for target in targets where target != id { referencedBy[target, default: []].insert(id) }
            for clause in Set(document.clauses.map(\.value)) { documentsByClause[clause, default: []].append(id) }
            for control in Set(document.controls.map(\.value)) { documentsByControl[control, default: []].append(id) }
            if let owner = document.owner { ownedBy[owner.value, default: []].append(id) }
            if let approver = document.approver { approvedBy[approver.value, default: []].append(id) }
        }
        self.referencedBy = referencedBy.mapValues { $0.sorted() }
    }
}
