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
    }

    /// The fields live in one shared box, copied only when a shared document is changed: a
    /// document is passed, filtered and sorted thousands of times a build, and a copy of two
    /// dozen strings, arrays and locations (a retain and a release each) was a tenth of a
    /// rebuild's CPU.
    private final class Box: @unchecked Sendable {
        // Changed only through `uniqueBox()`, when this document is its only holder.
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

    /// The fields only one type has.
    public enum Details: Sendable, Hashable {
        case none
        case role(Role)
        case risk(Risk)
        case aiSystem(AISystem)
        case impactAssessment(ImpactAssessment)
        case objective(Objective)
        case record(Record)
        case soa(SoADecisions)
    }

    public struct Role: Sendable, Hashable {
        public var reportsTo: Located<String>?
        public var members: [String]
    }

    public struct Risk: Sendable, Hashable {
        public var category: String?
        public var likelihood: Int?
        public var impact: Int?
        public var residualLikelihood: Int?
        public var residualImpact: Int?
        public var treatment: String?
        public var aiSystems: [Located<String>]
        /// The role that accepted the residual risk, and when (clause 6.1.3 f).
        public var acceptedBy: Located<String>? = nil
        public var acceptedOn: Located<Day>? = nil
        /// Where `residual_likelihood` (or else `residual_impact`) was written.
        public var residualLocation: SourceLocation? = nil

        public var inherentScore: Int? { likelihood.flatMap { l in impact.map { l * $0 } } }
        public var residualScore: Int? { residualLikelihood.flatMap { l in residualImpact.map { l * $0 } } }
    }

    public struct AISystem: Sendable, Hashable {
        public var lifecycle: String?
        public var euAIActRisk: String?
        public var provider: String?
        public var supplier: String?
        public var impactAssessment: Located<String>?
        /// Where `eu_ai_act_risk` was written, for diagnostics about the class.
        public var euAIActRiskLocation: SourceLocation? = nil
        /// `ai_act_role`: provider, deployer or both; nil when not written (see `AIActApplicability`).
        public var aiActRole: String? = nil
        /// `annex_iii`: the Annex III point, such as `5(b)`, checked against `AIActApplicability.annexIII`.
        public var annexIII: String? = nil
        /// `transparency`: the Art.50 facts (`interacts-with-people`, …), each checked.
        public var transparency: [String] = []
        /// `not_high_risk_assessment`: the document recording an Art.6(3) derogation.
        public var notHighRiskAssessment: Located<String>? = nil
        /// Where `annex_iii` was written, for diagnostics about the point.
        public var annexIIILocation: SourceLocation? = nil
    }

    public struct ImpactAssessment: Sendable, Hashable {
        public var aiSystems: [Located<String>]
        public var date: Day?
        public var dateLocation: SourceLocation? = nil
    }

    public struct Objective: Sendable, Hashable {
        public var target: String?
        public var due: Day?
        public var dueLocation: SourceLocation? = nil
    }

    public struct Record: Sendable, Hashable {
        public var kind: String?
        public var date: Day?
        public var dateLocation: SourceLocation? = nil
        /// For internal audits: the clauses the audit examined (`audited_clauses`).
        public var auditedClauses: [Located<String>] = []
        /// For nonconformities and corrective actions (clause 10.2).
        public var nonconformity: Nonconformity? = nil
    }

    /// `severity`, `action_status`, `due`, `root_cause`, `effectiveness_checked` of a
    /// nonconformity or corrective-action record.
    public struct Nonconformity: Sendable, Hashable {
        public var severity: String?
        public var actionStatus: String?
        public var due: Located<Day>?
        public var rootCause: String?
        public var effectivenessChecked: Day?
    }

    /// The `decisions` of a `type: soa` document, one per control as written.
    public struct SoADecisions: Sendable, Hashable {
        public var decisions: [Decision]
        public var location: SourceLocation?
    }

    public struct Decision: Sendable, Hashable {
        public var control: Located<String>
        public var applicable: Bool?
        public var status: Located<String>?
        public var justification: String?
        /// For a control of the organisation's own (a key that is not an Annex A id): its title.
        public var title: String? = nil
        /// The fields written with a value that is not valid, already reported: not missing.
        public var invalidFields: Set<String> = []
    }

    public var role: Role? { if case .role(let value) = self.details { value } else { nil } }
    public var risk: Risk? { if case .risk(let value) = self.details { value } else { nil } }
    public var aiSystem: AISystem? { if case .aiSystem(let value) = self.details { value } else { nil } }
    public var impactAssessment: ImpactAssessment? {
        if case .impactAssessment(let value) = self.details { value } else { nil }
    }
    public var objective: Objective? { if case .objective(let value) = self.details { value } else { nil } }
    public var record: Record? { if case .record(let value) = self.details { value } else { nil } }
    public var soaDecisions: SoADecisions? { if case .soa(let value) = self.details { value } else { nil } }

    /// The date a record or assessment was made, where the type has one.
    public var date: Day? { record?.date ?? impactAssessment?.date }
}
