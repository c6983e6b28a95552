/// A kind of document an AIMS handbook holds (content-format.md). The name is all a value
/// carries; everything else about the type — its fields, the documents its references must
/// name, how its details are read, shown and started — is declared once, in its own file under
/// Model/Types, and found through `descriptor`. `DocumentType.registered` lists the types.
public struct DocumentType: RawRepresentable, Sendable, Hashable, CaseIterable, Comparable {
    public let rawValue: String

    /// A registered type's name, else nil.
    public init?(rawValue: String) {
        guard Self.descriptors[rawValue] != nil else { return nil }
        self.rawValue = rawValue
    }

    /// For a type file's own name (`DocumentType.risk`); the type becomes usable once registered.
    init(declaring name: String) { rawValue = name }

    /// Every registered type, in navigation order.
    public static var allCases: [DocumentType] { ordered }

    private static let ordered = registered.map(\.type)

    private static let descriptors = Dictionary(uniqueKeysWithValues: registered.map { ($0.type.rawValue, $0) })

    private static let orders = Dictionary(uniqueKeysWithValues: registered.enumerated().map { ($1.type.rawValue, $0) })

    /// This type's declaration. Every `DocumentType` value is a registered type's: `init(rawValue:)`
    /// refuses other names, and a type file's own constant is usable only once its descriptor is
    /// in `registered` (one declared but not listed stops at its first use, in any test of it).
    public var descriptor: DocumentTypeDescriptor { Self.descriptors[rawValue]! }

    /// Types whose documents must name an owning role.
    public var requiresOwner: Bool { descriptor.requiresOwner }

    /// Front-matter fields of this type beyond the common ones.
    public var ownFields: [String] { descriptor.ownFields }

    /// Singular and plural names for headings and navigation.
    public var displayName: String { descriptor.displayName }

    public var pluralName: String { descriptor.pluralName }

    /// The order of types in navigation: the order of `registered`, governance first, evidence last.
    public var order: Int { Self.orders[rawValue]! }

    public static func < (lhs: DocumentType, rhs: DocumentType) -> Bool { lhs.order < rhs.order }

    public static let commonFields = [
        "id", "type", "title", "owner", "approver", "approvers", "status", "version", "effective", "review", "clauses",
        "controls", "related", "tags", "eu_ai_act", "iso27001", "retention", "review_interval",
    ]

    /// The reference fields every type has. Like a type's own (`DocumentTypeDescriptor.references`),
    /// each drives the reference check, the backlinks and `Relations.inputs` together.
    public static let commonReferences: [ReferenceField] = [
        ReferenceField("owner", to: [.role], isList: false, backlink: false) { $0.owner.map { [$0] } ?? [] },
        ReferenceField(
            "approvers", to: [.role], isList: true, backlink: false, singularName: "approver",
            writtenName: { $0.approversKey }
        ) { $0.approvers },
        ReferenceField("related", to: [], isList: true, mayNameItself: false) { $0.related },
    ]

    /// What each common field holds (`FieldKind`): the reference fields' as they declare it, the
    /// others here; a common field not named (`title`, `version`, `retention`) is free text.
    static let commonFieldKinds: [String: FieldKind] = Dictionary(
        uniqueKeysWithValues: commonReferences.flatMap(\.kinds) + [
            ("status", .word(in: DocumentStatus.allCases.map(\.rawValue))), ("effective", .date), ("review", .date),
            ("clauses", .list), ("controls", .list), ("tags", .list), ("eu_ai_act", .list), ("iso27001", .list),
        ])
}

/// A document's life-cycle state. Only `approved` documents count as evidence.
public enum DocumentStatus: String, Sendable, Hashable, CaseIterable {
    case draft
    case inReview = "in-review"
    case approved
    case retired
}

/// The closed vocabularies of content-format.md, so validation and rendering share one list.
public enum Vocabulary {
    public static let riskCategory = ["technical", "legal", "ethical", "security", "reputational", "other"]
    public static let treatment = ["mitigate", "accept", "avoid", "transfer"]
    public static let lifecycle = ["planned", "development", "deployed", "retired"]
    public static let euAIActRisk = ["prohibited", "high", "limited", "minimal"]
    public static let provider = ["internal", "third-party"]
    public static let aiActRole = ["provider", "deployer", "both"]
    /// The Art.50 facts of an AI system, each naming the paragraph it triggers (`AIActApplicability`).
    public static let transparency = [
        "interacts-with-people", "generates-content", "emotion-recognition", "biometric-categorisation", "deep-fake",
    ]
    public static let recordKind = [
        "internal-audit", "management-review", "nonconformity", "corrective-action", "training", "monitoring",
        "incident", "other", "risk-treatment-plan",
    ]
    public static let severity = ["major", "minor", "observation"]
    public static let actionStatus = ["open", "in-progress", "closed"]
    public static let implementationStatus = ["planned", "partial", "implemented"]
}
