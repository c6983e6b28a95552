/// One handbook document as the rest of the pipeline sees it: typed fields with the positions
/// they were written at, its type's own fields, and its parsed body.
@dynamicMemberLookup
public struct Document: Sendable, Hashable {
    /// The fields, read and written as the document's own (`document.title`) through dynamic
    /// member lookup.
    public struct Fields: Sendable, Hashable {
        public var id: Located<String>
        public var type: DocumentType
        public var title: String
        public var owner: Located<String>?
        /// The roles that approve the document (`approver: ROLE-CEO` or `approvers: [...]`), as
        /// written, in order; any one of them approves it.
        public var approvers: [Located<String>]
        public var status: DocumentStatus
        public var version: String?
        public var effective: Day?
        public var review: Located<Day>?
        public var clauses: [Located<String>]
        public var controls: [Located<String>]
        public var related: [Located<String>]
        public var tags: [String]
        /// Requirements of other frameworks cited directly (`eu_ai_act: [Art.14]`), by pack id.
        public var citations: [String: [Located<String>]]
        public var details: Details
        /// Root-relative path of the source file (`content/risks/bias.md`).
        public var path: String
        /// Path inside content/ (`risks/bias.md`).
        public var contentPath: String
        public var body: MarkdownDocument
        /// The Markdown as written and the file line it starts on, for views that render the body
        /// differently (the print view links within one page).
        public var bodySource: String
        public var bodyFirstLine: Int
        /// The last git commit that changed the file, when the handbook is a git repository.
        public var lastChange: LastChange?
        /// What each of `body.links` points at, in the same order: resolved once, in the model
        /// stage, for the page, the backlinks and the checks alike.
        public var linkTargets: [LinkTarget]
        /// Every commit that changed the file, newest first, when the handbook is a git repository.
        public var history: DocumentHistory? = nil
        /// How long the document is kept once superseded or retired (`retention: 6y`).
        public var retention: Retention? = nil
        /// Placeholder text and empty sections of the body, found when the body is set aside for
        /// the outline (`Document.outline`), so the audit made from outlines still sees them; nil
        /// until then (the audit then reads the body itself).
        public var bodyPlaceholders: [BodyPlaceholder]? = nil
        /// `review_interval`, when written, and the date `review` was counted from (the last
        /// approval in git, or else `effective`); nil when `review` was written out or not worked out.
        public var reviewSchedule: ReviewSchedule? = nil
        /// Fields of other tools (`x-…` keys and the entries of `extra:`), as written, in order.
        public var extraFields: [ExtraField] = []
        /// The key the approvers were written under (`approver` or `approvers`), for messages.
        public var approversKey = "approver"
    }

    /// The fields live in one shared box, copied only when a shared document is changed: a
    /// document is passed, filtered and sorted thousands of times a build, and a copy of two
    /// dozen strings, arrays and locations (a retain and a release each) was a tenth of a
    /// rebuild's CPU.
    // @unchecked: `fields` changes only through `uniqueBox()`, when this document is the box's only holder.
    private final class Box: @unchecked Sendable {
        // Unchecked: no access overlaps one that writes (`uniqueBox()` writes only a box no other
        // document holds); the checks cost a title edit's rebuild about a fifth (docs/performance.md).
        @exclusivity(unchecked) var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    init(
        id: Located<String>, type: DocumentType, title: String, owner: Located<String>?, approvers: [Located<String>],
        status: DocumentStatus, version: String?, effective: Day?, review: Located<Day>?, clauses: [Located<String>],
        controls: [Located<String>], related: [Located<String>], tags: [String],
        citations: [String: [Located<String>]] = [:], details: Details, path: String, contentPath: String,
        body: MarkdownDocument, bodySource: String, bodyFirstLine: Int, lastChange: LastChange? = nil,
        linkTargets: [LinkTarget] = []
    ) {
        box = Box(
            Fields(
                id: id, type: type, title: title, owner: owner, approvers: approvers, status: status, version: version,
                effective: effective, review: review, clauses: clauses, controls: controls, related: related,
                tags: tags, citations: citations, details: details, path: path, contentPath: contentPath, body: body,
                bodySource: bodySource, bodyFirstLine: bodyFirstLine, lastChange: lastChange, linkTargets: linkTargets))
    }

    /// The box, first copied when another document shares it.
    private mutating func uniqueBox() -> Box {
        if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
        return box
    }

    public static func == (lhs: Document, rhs: Document) -> Bool {
        lhs.box === rhs.box || lhs.box.fields == rhs.box.fields
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(box.fields) }

    /// Whether the two share their fields' storage, and so hold the same fields: a document is
    /// changed only through a box of its own (`uniqueBox()`), so while `other` is kept, a document
    /// with its box is the same value. A rebuild tells the documents it took over unchanged from
    /// the last one by this, without comparing or hashing their fields.
    func sharesStorage(with other: Document) -> Bool { box === other.box }

    public subscript<Value>(dynamicMember field: WritableKeyPath<Fields, Value>) -> Value {
        get { box.fields[keyPath: field] }
        set { uniqueBox().fields[keyPath: field] = newValue }
    }

    /// The date a record or assessment was made, where the type has one.
    public var date: Day? { record?.date ?? impactAssessment?.date }
}
