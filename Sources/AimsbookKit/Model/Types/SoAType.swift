extension DocumentType {
    public static let soa = DocumentType(declaring: "soa")
}

/// The Statement of Applicability (clause 6.1.3 d): a decision for every Annex A control. At
/// most one per handbook (`SoARules`).
enum SoAType {
    static let descriptor = DocumentTypeDescriptor(
        .soa, displayName: "Statement of Applicability", pluralName: "Statement of Applicability",
        requiresOwner: false, fields: ["decisions"],
        readDetails: { reader in Document.Details(readDecisions(&reader)) },
        panel: DetailsPanel(key: "soaPanel") { _, context, linker in
            let counts = context.soa.counts
            return [
                "href": linker.to(SitePaths.soa), "applicable": counts.applicable, "excluded": counts.excluded,
                "implemented": counts.implemented, "controls": counts.controls,
            ] as View
        },
        starter: Starter(
            folder: "", idPrefix: "SOA", namesOwner: true,
            fields: { standard in
                // Every control starts applicable and planned: deciding exclusions is the review's job.
                let decisions = standard.controls.map { control in
                    "\n  \(control.id): { applicable: true, status: planned, justification: \"To review: does '\(control.title)' apply, and why?\" }"
                }
                return [("clauses", "[6.1.3]"), ("decisions", decisions.joined())]
            },
            sections: ["How controls were selected", "Changes since the last review"]),
        richerView: ("Statement of Applicability table", SitePaths.soa))

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

extension Document {
    /// The `decisions` of a `type: soa` document, one per control as written.
    public struct SoADecisions: TypeDetails {
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

    public var soaDecisions: SoADecisions? { self.details.value as? SoADecisions }
}
