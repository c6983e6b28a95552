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

        let details = type.map { readDetails(of: $0, &reader) } ?? .none
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
        return Output(document: document, declaredID: id, diagnostics: reader.diagnostics)
    }

    static func readDetails(of type: DocumentType, _ reader: inout FieldReader) -> Document.Details {
        switch type {
        case .policy, .procedure:
            return .none
        case .role:
            return .role(.init(reportsTo: reader.text("reports_to"), members: reader.list("members").map(\.value)))
        case .risk:
            var risk = Document.Risk(
                category: reader.oneOf("category", Vocabulary.riskCategory),
                likelihood: reader.score("likelihood"), impact: reader.score("impact"),
                residualLikelihood: reader.score("residual_likelihood"),
                residualImpact: reader.score("residual_impact"),
                treatment: reader.oneOf("treatment", Vocabulary.treatment),
                aiSystems: reader.list("ai_systems"))
            risk.acceptedBy = reader.text("accepted_by")
            risk.acceptedOn = reader.day("accepted_on")
            risk.residualLocation =
                (reader.frontMatter["residual_likelihood"] ?? reader.frontMatter["residual_impact"])?
                .value.location
            return .risk(risk)
        case .aiSystem:
            return .aiSystem(
                .init(
                    lifecycle: reader.oneOf("lifecycle", Vocabulary.lifecycle),
                    euAIActRisk: reader.oneOf("eu_ai_act_risk", Vocabulary.euAIActRisk),
                    provider: reader.oneOf("provider", Vocabulary.provider),
                    supplier: reader.text("supplier")?.value,
                    impactAssessment: reader.text("impact_assessment"),
                    euAIActRiskLocation: reader.frontMatter["eu_ai_act_risk"]?.value.location,
                    aiActRole: reader.oneOf("ai_act_role", Vocabulary.aiActRole),
                    annexIII: reader.annexIIIPoint(),
                    transparency: reader.list("transparency").compactMap {
                        reader.checkOneOf($0, key: "transparency", Vocabulary.transparency)
                    },
                    notHighRiskAssessment: reader.text("not_high_risk_assessment"),
                    annexIIILocation: reader.frontMatter["annex_iii"]?.value.location))
        case .impactAssessment:
            let date = reader.day("date")
            return .impactAssessment(
                .init(aiSystems: reader.list("ai_systems"), date: date?.value, dateLocation: date?.location))
        case .objective:
            let due = reader.day("due")
            return .objective(.init(target: reader.text("target")?.value, due: due?.value, dueLocation: due?.location))
        case .record:
            return .record(readRecord(&reader))
        case .soa:
            return .soa(readDecisions(&reader))
        }
    }

    static func readRecord(_ reader: inout FieldReader) -> Document.Record {
        let date = reader.day("date")
        var record = Document.Record(
            kind: reader.oneOf("record_kind", Vocabulary.recordKind), date: date?.value, dateLocation: date?.location)
        record.auditedClauses = reader.list("audited_clauses")
        let fields = ["severity", "action_status", "due", "root_cause", "effectiveness_checked"]
        if fields.contains(where: reader.has) {
            record.nonconformity = Document.Nonconformity(
                severity: reader.oneOf("severity", Vocabulary.severity),
                actionStatus: reader.oneOf("action_status", Vocabulary.actionStatus), due: reader.day("due"),
                rootCause: reader.text("root_cause")?.value,
                effectivenessChecked: reader.day("effectiveness_checked")?.value)
        }
        return record
    }

    static func readDecisions(_ reader: inout FieldReader) -> Document.SoADecisions {
        guard let entry = reader.frontMatter["decisions"] else {
            return .init(decisions: [], location: nil)
        }
        guard case .mapping(let entries, let location) = entry.value else {
            reader.diagnostics.append(
                .error(
                    "invalid-value",
                    "'decisions' must map each Annex A control to its decision, e.g. 'A.2.2: { applicable: true, status: implemented, justification: \"…\" }'",
                    at: entry.value.location))
            return .init(decisions: [], location: entry.keyLocation)
        }
        var decisions: [Document.Decision] = []
        for decisionEntry in entries {
            let control = Located(decisionEntry.key, at: decisionEntry.keyLocation)
            guard case .mapping(let fields, _) = decisionEntry.value else {
                reader.diagnostics.append(
                    .error(
                        "invalid-value",
                        "the decision for \(control.value) must be a mapping with applicable, status and justification",
                        at: decisionEntry.value.location))
                decisions.append(.init(control: control, applicable: nil, status: nil, justification: nil))
                continue
            }
            var decision = Document.Decision(control: control, applicable: nil, status: nil, justification: nil)
            for field in fields {
                switch field.key {
                case "applicable":
                    decision.applicable = reader.bool(field.value, key: "applicable")
                    if decision.applicable == nil { decision.invalidFields.insert("applicable") }
                case "status":
                    if case .scalar(let text, let location) = field.value {
                        let value = Located(text, at: location)
                        if reader.checkOneOf(value, key: "implementation status", Vocabulary.implementationStatus)
                            != nil
                        {
                            decision.status = value
                        } else {
                            decision.invalidFields.insert("status")
                        }
                    } else {
                        reader.diagnostics.append(
                            .error("invalid-value", "'status' must be a single value", at: field.value.location))
                        decision.invalidFields.insert("status")
                    }
                case "justification":
                    decision.justification = field.value.scalar
                case "title":
                    decision.title = field.value.scalar
                default:
                    reader.diagnostics.append(
                        .warning(
                            "unknown-field",
                            "'\(field.key)' is not part of an SoA decision"
                                + Suggestion.didYouMean(
                                    field.key, in: ["applicable", "status", "justification", "title"]),
                            at: field.keyLocation))
                }
            }
            decisions.append(decision)
        }
        return .init(decisions: decisions, location: location)
    }
}
