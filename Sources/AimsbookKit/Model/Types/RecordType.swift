extension DocumentType {
    public static let record = DocumentType(declaring: "record")
}

/// A record: evidence that something was done (an internal audit, a management review, a
/// nonconformity and its corrective action, …), of a kind and dated.
enum RecordType {
    static let descriptor = DocumentTypeDescriptor(
        .record, displayName: "Record", pluralName: "Records", requiresOwner: false,
        fields: [
            .word("record_kind", Vocabulary.recordKind), .date("date"), .list("audited_clauses"),
            .word("severity", Vocabulary.severity), .word("action_status", Vocabulary.actionStatus), .date("due"),
            "root_cause", .date("effectiveness_checked"),
        ],
        readDetails: { reader in Document.Details(read(&reader)) },
        panel: DetailsPanel(key: "recordPanel") { document, context, linker in
            guard let record = document.record else { return nil }
            let action = record.nonconformity
            return [
                "hasKind": record.kind != nil, "kind": DocumentDetails.label(record.kind ?? ""),
                "date": context.date(record.date),
                "hasAudited": !record.auditedClauses.isEmpty,
                "audited": record.auditedClauses.map { ["id": $0.value, "href": linker.clause($0.value)] as View },
                "hasAction": action != nil,
                "severity": ActionRegister.severityBadge(action?.severity),
                "actionStatus": ActionRegister.statusBadge(action?.actionStatus),
                "due": context.date(action?.due?.value), "rootCause": action?.rootCause ?? "",
                "hasRootCause": action?.rootCause != nil, "checked": context.date(action?.effectivenessChecked),
            ] as View
        },
        starter: Starter(
            folder: "records", idPrefix: "REC", fields: [("record_kind", "other")],
            sections: ["Summary", "Details", "Actions"]))

    static func read(_ reader: inout FieldReader) -> Document.Record {
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
}

extension Document {
    public struct Record: TypeDetails {
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

    public var record: Record? { self.details.value as? Record }
}
