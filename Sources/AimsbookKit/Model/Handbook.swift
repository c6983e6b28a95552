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
    /// Ids written in files that could not become documents (bad type, …, or front matter that
    /// is not YAML at all, whose id is read from the text): they exist, so references to them
    /// are not reported a second time. Links to such files by path: `LinkTarget.brokenDocument`.
    public var brokenIDs: Set<String>
    public var relations: Relations
    /// The framework packs (ISO/IEC 42001, EU AI Act, ISO/IEC 27001) with the handbook's own changes.
    public var frameworks: FrameworkLibrary = .builtIn

    private var index: [String: Int]
    /// Positions in `documents` of each type's documents, in order: the rules ask for one type's
    /// documents many times, and filtering copied every document (a large value) each time.
    private var positionsByType: [DocumentType: [Int]]
    /// How many documents of each type have each status (in `DocumentStatus.allCases` order),
    /// counted once: the home page's table asked 54 times, each a pass over every document.
    private var statusCounts: [DocumentType: [Int]]
    /// Each status's place in a count of `statusCounts`.
    private static let statusOrder = Dictionary(
        uniqueKeysWithValues: DocumentStatus.allCases.enumerated().map { ($1, $0) })

    public init(
        settings: Settings, standard: StandardModel, documents: [Document], assets: [HandbookSource.Asset],
        templateOverrides: [String: String], resolver: LinkResolver, brokenIDs: Set<String>,
        relations: Relations? = nil
    ) {
        self.settings = settings
        self.standard = standard
        self.documents = Self.sortedByID(documents)
        self.assets = assets
        self.templateOverrides = templateOverrides
        self.resolver = resolver
        self.brokenIDs = brokenIDs
        var index: [String: Int] = [:]
        index.reserveCapacity(self.documents.count)
        var positionsByType: [DocumentType: [Int]] = [:]
        var statusCounts: [DocumentType: [Int]] = [:]
        for (position, document) in self.documents.enumerated() {
            let id = document.id.value
            if index[id] == nil { index[id] = position }
            let type = document.type
            positionsByType[type, default: []].append(position)
            statusCounts[type, default: Array(repeating: 0, count: Self.statusOrder.count)][
                Self.statusOrder[document.status]!] += 1
        }
        self.index = index
        self.positionsByType = positionsByType
        self.statusCounts = statusCounts
        // Kept from the last build by `serve` when no document's `Relations.inputs` changed.
        self.relations = relations ?? Relations(documents: self.documents)
    }

    /// This handbook with `documents`, which differ from its own only at `changed` and there
    /// keep their ids and types (`ModelUpdate`): the indexes by id and by type carry over, and
    /// only the status counts of the changed documents are redone. Building the index of 2,000
    /// ids again was a millisecond of a one-file rebuild.
    func replacing(documents new: [Document], changed: [Int], relations: Relations) -> Handbook {
        var updated = self
        for position in changed where documents[position].status != new[position].status {
            let (old, now) = (documents[position], new[position])
            assert(old.id.value == now.id.value && old.type == now.type)
            updated.statusCounts[now.type]![Self.statusOrder[old.status]!] -= 1
            updated.statusCounts[now.type]![Self.statusOrder[now.status]!] += 1
        }
        updated.documents = new
        updated.relations = relations
        return updated
    }

    /// Sorted by id; an array already in order (as `HandbookBuilder` makes it) is kept as it is,
    /// without copying every document into a new one. Strictly increasing only: equal ids are
    /// left to `sorted`, whatever order it gives them.
    static func sortedByID(_ documents: [Document]) -> [Document] {
        var position = documents.startIndex
        while position + 1 < documents.endIndex, documents[position].id.value < documents[position + 1].id.value {
            position += 1
        }
        if position + 1 >= documents.endIndex { return documents }
        return documents.sorted { $0.id.value < $1.id.value }
    }

    public func document(_ id: String) -> Document? { index[id].map { documents[$0] } }

    /// Where the document with this id sits in `documents`. Reading one field through it,
    /// `documents[position].type`, does not copy the whole document as `document(_:)` does:
    /// rules that ask for the type of every referenced document spent a tenth of a `check` copying.
    public func position(of id: String) -> Int? { index[id] }

    public func documents(of type: DocumentType) -> [Document] { (positionsByType[type] ?? []).map { documents[$0] } }

    /// Where the documents of `type` sit in `documents`, in id order.
    public func positions(of type: DocumentType) -> [Int] { positionsByType[type] ?? [] }

    /// Positions in `documents` in the navigation's order: by type (`DocumentType.order`), then
    /// id. Made from the positions by type, without sorting.
    public var positionsInTypeOrder: [Int] { DocumentType.allCases.flatMap { positionsByType[$0] ?? [] } }

    /// How many documents (of `type`, or of any type) meet `condition`.
    public func count(of type: DocumentType? = nil, where condition: (Document) -> Bool = { _ in true }) -> Int {
        guard let type else { return documents.count(where: condition) }
        return (positionsByType[type] ?? []).count { condition(documents[$0]) }
    }

    /// Calls `body` with each document (of `type`, or every one), in id order. A document is a
    /// copy-on-write box: handing one out costs a retain, not a copy of its fields.
    public func forEachDocument(of type: DocumentType? = nil, _ body: (Document) throws -> Void) rethrows {
        if let type {
            for position in positionsByType[type] ?? [] { try body(documents[position]) }
        } else {
            for document in documents { try body(document) }
        }
    }

    /// How many documents (of `type`, or of any type) have `status`.
    public func count(of type: DocumentType? = nil, status: DocumentStatus) -> Int {
        guard let position = DocumentStatus.allCases.firstIndex(of: status) else { return 0 }
        guard let type else { return statusCounts.values.reduce(0) { $0 + $1[position] } }
        return statusCounts[type]?[position] ?? 0
    }

    /// The one Statement of Applicability, if the handbook has any (a second is an error).
    public var soaDocument: Document? { positionsByType[.soa]?.first.map { documents[$0] } }
}

/// What the relations say about one document: who refers to it, what it owns and approves (a
/// role), the risks and impact assessments naming it (an AI system). A document's page reads
/// only this, so a new link remakes the pages of the documents whose entry it changes.
public struct DocumentRelations: Sendable, Equatable {
    public var referencedBy: [String]
    public var owns: [String]
    public var approves: [String]
    public var risks: [String]
    public var assessments: [String]
}

/// Who points at whom: backlinks, and which documents address each clause and control. Built
/// in one pass over the documents (never per page), keyed by id.
public struct Relations: Sendable, Equatable {
    public func about(_ id: String) -> DocumentRelations {
        DocumentRelations(
            referencedBy: referencedBy[id] ?? [], owns: ownedBy[id] ?? [], approves: approvedBy[id] ?? [],
            risks: risksByAISystem[id] ?? [], assessments: assessmentsByAISystem[id] ?? [])
    }

    /// The clauses whose addressing documents differ between `self` and `other`.
    public func clausesWhoseDocumentsDiffer(from other: Relations) -> Set<String> {
        Self.keysWhoseListsDiffer(documentsByClause, other.documentsByClause)
    }

    /// The clauses and controls whose mentioning documents differ between `self` and `other`.
    public func mentionsThatDiffer(from other: Relations) -> Set<String> {
        Self.keysWhoseListsDiffer(mentionedBy, other.mentionedBy)
    }

    /// The ids whose `about` differs between `self` and `other`.
    public func idsWhoseEntryDiffers(from other: Relations) -> Set<String> {
        Self.keysWhoseListsDiffer(referencedBy, other.referencedBy)
            .union(Self.keysWhoseListsDiffer(ownedBy, other.ownedBy))
            .union(Self.keysWhoseListsDiffer(approvedBy, other.approvedBy))
            .union(Self.keysWhoseListsDiffer(risksByAISystem, other.risksByAISystem))
            .union(Self.keysWhoseListsDiffer(assessmentsByAISystem, other.assessmentsByAISystem))
    }

    /// Keys with a different list in `a` and `b`, a missing list counting as a different one.
    static func keysWhoseListsDiffer(_ a: [String: [String]], _ b: [String: [String]]) -> Set<String> {
        var keys: Set<String> = []
        for (key, list) in a where b[key] != list { keys.insert(key) }
        for key in b.keys where a[key] == nil { keys.insert(key) }
        return keys
    }

    /// document id → ids of documents that link to it or name it in a backlink reference field
    /// (`ReferenceField.isBacklink`: related, ai_systems, impact_assessment, …).
    public var referencedBy: [String: [String]] = [:]
    public var documentsByClause: [String: [String]] = [:]
    public var documentsByControl: [String: [String]] = [:]
    /// clause or control id → ids of documents whose body links to it (`see [[6.1.2]]`).
    public var mentionedBy: [String: [String]] = [:]
    /// role id → ids of documents it owns / approves.
    public var ownedBy: [String: [String]] = [:]
    public var approvedBy: [String: [String]] = [:]
    /// ai-system id → ids of risks and impact assessments naming it.
    public var risksByAISystem: [String: [String]] = [:]
    public var assessmentsByAISystem: [String: [String]] = [:]

    /// - Parameter documents: sorted by id, as `Handbook` keeps them: every list is then made in
    ///   id order, and a document's id repeated in a list can only follow itself.
    init(documents: [Document]) {
        // The backlinks on one core, the other lists on another: they share nothing, and this
        // runs between two parallel stages, where a second core would otherwise wait.
        let halves = [Half.backlinks, .rest].concurrentMap { half in
            var relations = Relations()
            for document in documents {
                switch half {
                case .backlinks: relations.addBacklinks(of: document)
                case .rest: relations.addOtherLists(of: document)
                }
            }
            return relations
        }
        self = halves[1]
        referencedBy = halves[0].referencedBy
    }

    private init() {}

    /// Which lists one core fills: `referencedBy`, or all the others.
    private enum Half: Sendable { case backlinks, rest }

    /// A hash of every field of `document` that `addBacklinks` and `addOtherLists` read: a
    /// rebuild whose documents all have the inputs of the last build has the same relations
    /// (`ModelMemo.relations`). Both read document references only through the reference
    /// fields the type declares (`DocumentTypeDescriptor.allReferences`), and this hashes every
    /// one of them, so a new type's references are inputs without a line here.
    static func inputs(of document: Document) -> Int {
        // Element by element, each list ended by its count: no arrays made to hash thousands of
        // documents on every rebuild.
        var hasher = Hasher()
        func combine(_ values: [Located<String>]) {
            for value in values { hasher.combine(value.value) }
            hasher.combine(values.count)
        }
        hasher.combine(document.id.value)
        hasher.combine(document.type)
        for field in document.type.descriptor.allReferences { combine(field.values(document)) }
        var links = 0
        for case .document(let target, _) in document.linkTargets {
            hasher.combine(target)
            links += 1
        }
        hasher.combine(links)
        var mentions = 0
        for target in document.linkTargets {
            switch target {
            case .clause(let id), .control(let id):
                hasher.combine(id)
                mentions += 1
            default: break
            }
        }
        hasher.combine(mentions)
        combine(document.clauses)
        combine(document.controls)
        return hasher.finalize()
    }

    /// `inputs(of:)` of each document, in order, on all cores: `serve` hashes every document's
    /// on every rebuild.
    static func inputs(of documents: [Document]) -> [Int] {
        documents.concurrentMap { inputs(of: $0) }
    }

    /// `referencedBy`: what this document links to or names in a reference field its type
    /// declares a backlink (related, ai_systems, impact_assessment, …).
    private mutating func addBacklinks(of document: Document) {
        let id = document.id.value
        var targets: [String] = []
        for field in document.type.descriptor.allReferences where field.isBacklink {
            targets += field.values(document).map(\.value)
        }
        for case .document(let target, _) in document.linkTargets {
            targets.append(target)
        }
        // Each list gets this document's id once, after the ids of the documents before it.
        for target in targets where target != id {
            referencedBy[target, default: []].appendOnce(id)
        }
    }

    /// Every other list: by AI system, clause, control, owner and approver. What it reads of a
    /// document beyond clauses and controls is a declared reference field (risk's and impact
    /// assessment's ai_systems, owner, approver), so `inputs(of:)` covers it.
    private mutating func addOtherLists(of document: Document) {
        let id = document.id.value
        for system in document.risk?.aiSystems ?? [] { risksByAISystem[system.value, default: []].append(id) }
        for system in document.impactAssessment?.aiSystems ?? [] {
            assessmentsByAISystem[system.value, default: []].append(id)
        }
        for clause in document.clauses { documentsByClause[clause.value, default: []].appendOnce(id) }
        for control in document.controls { documentsByControl[control.value, default: []].appendOnce(id) }
        if let owner = document.owner { ownedBy[owner.value, default: []].append(id) }
        for target in document.linkTargets {
            switch target {
            case .clause(let requirement), .control(let requirement):
                mentionedBy[requirement, default: []].appendOnce(id)
            default: break
            }
        }
        for approver in document.approvers { approvedBy[approver.value, default: []].appendOnce(id) }
    }
}

extension Array where Element == String {
    /// Appends `id` unless it is already the last element: for lists made in id order, one
    /// document at a time, where a repeat can only follow itself.
    fileprivate mutating func appendOnce(_ id: String) {
        if last != id { append(id) }
    }
}
