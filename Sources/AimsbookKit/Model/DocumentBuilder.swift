/// Turns one file's front matter into a `Document`, checking what can be checked from the file
/// alone: required fields, value forms, enumerations, dates and scores. Cross-document rules
/// (does the owner exist?) belong to the validate stage.
public enum DocumentBuilder {
    public struct Output: Sendable {
        /// Nil when the document has no usable id or type; its diagnostics say why.
        public var document: Document?
        /// The id as written even when the document itself could not be built, so references to
        /// a broken document do not also report it as unknown.
        public var declaredID: Located<String>?
        /// When the front matter is not valid YAML at all: the id read from its raw text
        /// (`FrontMatterIDRecovery`), for the same purpose. A guess, so it is kept apart from
        /// `declaredID` and takes no part in the duplicate-id check.
        public var recoveredID: String? = nil
        public var diagnostics: [Diagnostic]
    }

    public static func build(_ frontMatter: FrontMatter, path: String, contentPath: String) -> Output {
        var reader = FieldReader(frontMatter)

        let id = reader.text("id")
        if id == nil, !reader.has("id") { reader.missing("id", "POL-001") }
        if let id, !DocumentID.isValid(id.value) {
            reader.diagnostics.append(
                .error(
                    "invalid-id",
                    "'\(id.value)' is not a valid id; use letters, digits and '-', starting with a letter (for example POL-001)",
                    at: id.location))
        }

        var type: DocumentType?
        if let typeValue = reader.text("type") {
            type = DocumentType(rawValue: typeValue.value)
            if type == nil {
                let names = DocumentType.allCases.map(\.rawValue)
                reader.diagnostics.append(
                    .error(
                        "invalid-type",
                        "'\(typeValue.value)' is not a document type; use one of \(names.joined(separator: ", "))"
                            + Suggestion.didYouMean(typeValue.value, in: names),
                        at: typeValue.location))
            }
        } else if !reader.has("type") {
            reader.missing("type", "policy")
        }

        let title = reader.text("title")
        if title == nil, !reader.has("title") { reader.missing("title", "AI Policy") }

        var status = DocumentStatus.draft
        if let value = reader.text("status") {
            if let parsed = reader.checkOneOf(value, key: "status", DocumentStatus.allCases.map(\.rawValue)) {
                status = DocumentStatus(rawValue: parsed)!
            }
        } else if !reader.has("status") {
            reader.missing("status", "draft")
        }

        let owner = reader.text("owner")
        if let type, type.requiresOwner, owner == nil, !reader.has("owner") {
            reader.missing("owner", "ROLE-… (the id of the role that owns this \(type.displayName.lowercased()))")
        }
        let approvers = reader.approvers()
        let version = reader.text("version")?.value
        let effective = reader.day("effective")?.value
        var review = reader.day("review")
        var reviewSchedule: ReviewSchedule?
        if let interval = reader.text("review_interval") {
            (review, reviewSchedule) = reader.reviewSchedule(every: interval, from: effective, written: review)
        }
        let clauses = reader.list("clauses")
        let controls = reader.list("controls")
        let related = reader.list("related")
        let tags = reader.list("tags").map(\.value)
        let retention = reader.retention()
        let citations = FrameworkLibrary.citationFields.map { ($0.pack, reader.list($0.field)) }.filter { !$1.isEmpty }

        let details = type.map { $0.descriptor.readDetails(&reader) } ?? .none
        if let type {
            reader.warnUnknownFields(known: DocumentType.commonFields + type.ownFields, typeName: type.rawValue)
        }

        guard let id, DocumentID.isValid(id.value), let type else {
            return Output(document: nil, declaredID: id, diagnostics: reader.diagnostics)
        }
        var document = Document(
            id: id, type: type, title: title?.value ?? id.value, owner: owner, approvers: approvers, status: status,
            version: version, effective: effective, review: review, clauses: clauses, controls: controls,
            related: related, tags: tags, details: details, path: path, contentPath: contentPath,
            body: MarkdownDocument(), bodySource: "", bodyFirstLine: 1)
        document.citations = Dictionary(citations, uniquingKeysWith: { a, _ in a })
        document.retention = retention
        document.reviewSchedule = reviewSchedule
        document.extraFields = ExtraField.read(frontMatter)
        if frontMatter["approvers"] != nil { document.approversKey = "approvers" }
        return Output(document: document, declaredID: id, diagnostics: reader.diagnostics)
    }
}
