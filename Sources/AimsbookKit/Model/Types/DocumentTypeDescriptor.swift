import Mustache

/// Everything aimsbook knows about one document type, declared in one place (the type's file
/// under Model/Types), as a swift-docc directive declares its arguments: its names, whether it
/// needs an owner, its own front-matter fields with the reference fields among them, how its
/// details are read, the rows of its details panel, and the starter `new` and `init` write.
/// The reference fields drive the reference check (`ReferenceRules`), the backlinks and
/// `Relations.inputs` together, so none can name a field another forgets.
public final class DocumentTypeDescriptor: Sendable {
    public let type: DocumentType
    public let displayName: String
    public let pluralName: String
    public let requiresOwner: Bool
    /// Front-matter fields of this type beyond the common ones, in the order they are declared.
    public let ownFields: [String]
    /// The own fields that name other documents.
    public let references: [ReferenceField]
    /// `DocumentType.commonReferences` and then `references`.
    public let allReferences: [ReferenceField]
    /// What each field, common (`DocumentType.commonFieldKinds`) or own, holds, by name: what
    /// `aimsbook import` writes a register's cell as.
    public let fieldKinds: [String: FieldKind]
    /// Reads the type's own fields; a type with none gives `.none`.
    let readDetails: @Sendable (inout FieldReader) -> Document.Details
    /// The type's section of the details panel, if it has one.
    let panel: DetailsPanel?
    let starter: Starter
    /// The compliance view that shows the type better than its plain list, if any.
    let richerView: (label: String, path: String)?

    init(
        _ type: DocumentType, displayName: String, pluralName: String, requiresOwner: Bool, fields: [Field] = [],
        readDetails: @escaping @Sendable (inout FieldReader) -> Document.Details = { _ in .none },
        panel: DetailsPanel? = nil, starter: Starter, richerView: (label: String, path: String)? = nil
    ) {
        self.type = type
        self.displayName = displayName
        self.pluralName = pluralName
        self.requiresOwner = requiresOwner
        ownFields = fields.map(\.name)
        references = fields.compactMap(\.reference)
        allReferences = DocumentType.commonReferences + references
        fieldKinds = DocumentType.commonFieldKinds.merging(fields.map { ($0.name, $0.kind) }) { _, own in own }
        self.readDetails = readDetails
        self.panel = panel
        self.starter = starter
        self.richerView = richerView
    }

    /// One own field of a type: a plain value of a kind (`"supplier"` is free text,
    /// `.date("due")` a date), or a reference to other documents.
    enum Field: ExpressibleByStringLiteral {
        case plain(String, FieldKind)
        case reference(ReferenceField)

        init(stringLiteral name: String) { self = .plain(name, .text) }

        var name: String {
            switch self {
            case .plain(let name, _): name
            case .reference(let field): field.name
            }
        }

        var kind: FieldKind {
            switch self {
            case .plain(_, let kind): kind
            case .reference(let field): field.kind
            }
        }

        var reference: ReferenceField? { if case .reference(let field) = self { field } else { nil } }
    }
}

/// What a front-matter field holds, as a reader outside the type's `readDetails` (`aimsbook
/// import`) must know it: each field's kind is declared with the field, so a new field is
/// imported as it is read.
public enum FieldKind: Sendable, Hashable {
    /// Free text, written as a YAML string.
    case text
    /// A day, `YYYY-MM-DD`.
    case date
    /// A whole number from 1 to 5 (the risk register's scale).
    case score
    /// `true` or `false`.
    case yesNo
    /// One word of a closed vocabulary.
    case word(in: [String])
    /// A list of single values (clause or control ids, free strings).
    case list
    /// A list of words of a closed vocabulary.
    case words(in: [String])
    /// Ids of documents of the types a reference field expects (any type when empty): one, or a
    /// list. Made only from a `ReferenceField`'s declaration.
    case documents(expects: [DocumentType], isList: Bool)
}

/// A front-matter field naming other documents by id (`ai_systems: [AIS-001]`): which types it
/// may name, and where the builder keeps what it read.
public struct ReferenceField: Sendable {
    public let name: String
    /// The types a named document must have; empty: any type.
    public let expects: [DocumentType]
    /// Whether the field holds a list of ids (`[AIS-001, AIS-002]`) rather than one.
    public let isList: Bool
    /// Whether the named document lists this one under "Referenced by".
    public let isBacklink: Bool
    /// Whether the field may name its own document.
    public let mayNameItself: Bool
    /// The ids as read into the document (a single value is a list of one), with their positions.
    public let values: @Sendable (Document) -> [Located<String>]
    /// The key a document wrote the field under, when the field has more than one
    /// (`approver` or `approvers`); messages name the field as written.
    let writtenName: (@Sendable (Document) -> String)?
    /// The key that names one document instead of a list (`approver` of `approvers`), if any.
    let singularName: String?

    init(
        _ name: String, to expects: [DocumentType], isList: Bool, backlink: Bool = true, mayNameItself: Bool = true,
        singularName: String? = nil, writtenName: (@Sendable (Document) -> String)? = nil,
        values: @escaping @Sendable (Document) -> [Located<String>]
    ) {
        self.name = name
        self.expects = expects
        self.isList = isList
        isBacklink = backlink
        self.mayNameItself = mayNameItself
        self.singularName = singularName
        self.writtenName = writtenName
        self.values = values
    }

    /// The field's name as `document` wrote it.
    func name(in document: Document) -> String { writtenName?(document) ?? name }

    /// The ids the field holds, as a kind.
    var kind: FieldKind { .documents(expects: expects, isList: isList) }

    /// The kind of each key the field may be written under: its name, and its singular name.
    var kinds: [(String, FieldKind)] {
        [(name, kind)] + (singularName.map { [($0, .documents(expects: expects, isList: false))] } ?? [])
    }

    /// "role document", "ai system or impact assessment document", "document".
    var expectedKind: String {
        guard !expects.isEmpty else { return "document" }
        return Self.or(expects.map { $0.displayName.lowercased() }) + " document"
    }

    /// "role", "risk or impact-assessment": the type names as written in front matter.
    var expectedNames: String { Self.or(expects.map(\.rawValue)) }

    private static func or(_ names: [String]) -> String {
        names.count < 2 ? names.joined() : names.dropLast().joined(separator: ", ") + " or " + names.last!
    }
}

extension DocumentTypeDescriptor.Field {
    /// A day: `due: 2026-03-31`.
    static func date(_ name: String) -> Self { .plain(name, .date) }

    /// A score from 1 to 5: `likelihood: 3`.
    static func score(_ name: String) -> Self { .plain(name, .score) }

    /// `personal_data: true`.
    static func yesNo(_ name: String) -> Self { .plain(name, .yesNo) }

    /// One word of `vocabulary`: `treatment: mitigate`.
    static func word(_ name: String, _ vocabulary: [String]) -> Self { .plain(name, .word(in: vocabulary)) }

    /// A list of single values: `audited_clauses: [9.2, 9.3]`.
    static func list(_ name: String) -> Self { .plain(name, .list) }

    /// A list of words of `vocabulary`: `transparency: [generates-content]`.
    static func words(_ name: String, _ vocabulary: [String]) -> Self { .plain(name, .words(in: vocabulary)) }

    /// A field naming one document: `impact_assessment: IA-001`.
    static func reference(
        _ name: String, to expects: DocumentType..., backlink: Bool = true, mayNameItself: Bool = true,
        _ value: @escaping @Sendable (Document) -> Located<String>?
    ) -> Self {
        .reference(
            ReferenceField(name, to: expects, isList: false, backlink: backlink, mayNameItself: mayNameItself) {
                value($0).map { [$0] } ?? []
            })
    }

    /// A field naming a list of documents: `ai_systems: [AIS-001, AIS-002]`.
    static func references(
        _ name: String, to expects: DocumentType..., backlink: Bool = true,
        _ values: @escaping @Sendable (Document) -> [Located<String>]?
    ) -> Self {
        .reference(ReferenceField(name, to: expects, isList: true, backlink: backlink) { values($0) ?? [] })
    }
}

extension Document {
    /// The fields only one type has: the value its type's `readDetails` made (`Document.Risk`,
    /// …, each declared in its type's file), or none.
    public struct Details: Sendable, Hashable {
        let value: (any TypeDetails)?

        public static let none = Details(nil)

        init(_ value: (any TypeDetails)?) { self.value = value }

        public static func == (lhs: Details, rhs: Details) -> Bool {
            guard let left = lhs.value else { return rhs.value == nil }
            guard let right = rhs.value else { return false }
            return left.isEqual(to: right)
        }

        public func hash(into hasher: inout Hasher) {
            if let value { hasher.combine(value) } else { hasher.combine(0) }
        }
    }
}

/// The value holding one type's own fields (`Document.Risk`).
public protocol TypeDetails: Sendable, Hashable {}

extension TypeDetails {
    fileprivate func isEqual(to other: any TypeDetails) -> Bool { (other as? Self) == self }
}

/// A type's section of the document page's details panel (templates/details-panel.mustache):
/// the template section it fills and the view it fills it with, or nil when the document has
/// nothing to show there. `rows` makes the generic panel of labelled values, which needs no
/// template of its own.
struct DetailsPanel: Sendable {
    /// The section of details-panel.mustache; every registered type's key is set, all but one
    /// to false, so the page shows exactly one panel.
    let key: MustacheKey
    let view: @Sendable (Document, RenderContext, Linker) throws -> View?

    /// The key of the generic panel `rows` fills.
    static let rowsKey: MustacheKey = "rowsPanel"

    /// A panel headed `title` of one labelled value per row.
    static func rows(title: String, _ rows: @escaping @Sendable (Document) -> [PanelRow]) -> DetailsPanel {
        DetailsPanel(key: rowsKey) { document, context, linker in
            ["title": title, "rows": rows(document).map { $0.view(context: context, linker: linker) }] as View
        }
    }
}

/// One row of the generic details panel: a label and a value, or a muted note when there is none.
struct PanelRow: Sendable {
    enum Value: Sendable {
        case text(String?)
        case yesNo(Bool?)
        case date(Day?)
        /// Ids of documents, shown as links with their titles.
        case documents([String])
    }

    var label: String
    var value: Value
    /// What the row says when it has no value.
    var missing = "Not stated"

    init(_ label: String, _ value: Value, missing: String = "Not stated") {
        self.label = label
        self.value = value
        self.missing = missing
    }

    func view(context: RenderContext, linker: Linker) -> View {
        var view: View = [
            "label": label, "missing": missing, "hasValue": true, "text": false, "date": false, "documents": false,
            "hasDocuments": false, "wide": false,
        ]
        switch value {
        case .text(let text?): view["text"] = text
        case .yesNo(let flag?): view["text"] = flag ? "Yes" : "No"
        case .date(let day?): view["date"] = context.date(day)
        case .documents(let ids) where !ids.isEmpty:
            view["documents"] = context.documentRefs(ids, linker: linker)
            view["hasDocuments"] = true
            view["wide"] = true
        default: view["hasValue"] = false
        }
        return view
    }
}

/// What `aimsbook new` writes for a type, and what `aimsbook init` starts with.
struct Starter: Sendable {
    /// The conventional folder under content/ ("" for the top level).
    let folder: String
    /// The id prefix (`RISK` of RISK-001).
    let idPrefix: String
    /// Whether the starter names an owner though the type does not require one.
    var namesOwner = false
    /// Further fields after owner and status, as (key, YAML value as written); a value starting
    /// with a line break is a block.
    let fields: @Sendable (StandardModel) -> [(String, String)]
    /// The headings of the body, each with a placeholder.
    let sections: [String]
    /// The document of this type a new handbook (`init`) starts with, if any.
    var example: StarterHandbook.Entry? = nil

    init(
        folder: String, idPrefix: String, namesOwner: Bool = false, fields: [(String, String)] = [],
        sections: [String], example: StarterHandbook.Entry? = nil
    ) {
        self.folder = folder
        self.idPrefix = idPrefix
        self.namesOwner = namesOwner
        self.fields = { _ in fields }
        self.sections = sections
        self.example = example
    }

    init(
        folder: String, idPrefix: String, namesOwner: Bool = false,
        fields: @escaping @Sendable (StandardModel) -> [(String, String)], sections: [String]
    ) {
        self.folder = folder
        self.idPrefix = idPrefix
        self.namesOwner = namesOwner
        self.fields = fields
        self.sections = sections
    }
}
