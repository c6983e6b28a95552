extension DocumentType {
    public static let objective = DocumentType(declaring: "objective")
}

/// An AI objective (clause 6.2): a target and when it is due.
enum ObjectiveType {
    static let descriptor = DocumentTypeDescriptor(
        .objective, displayName: "Objective", pluralName: "Objectives", requiresOwner: true,
        fields: ["target", .date("due")],
        readDetails: { reader in
            let due = reader.day("due")
            return Document.Details(
                Document.Objective(target: reader.text("target")?.value, due: due?.value, dueLocation: due?.location))
        },
        panel: DetailsPanel(key: "objectivePanel") { document, context, _ in
            guard let objective = document.objective else { return nil }
            let overdue = objective.due.map { $0 < context.asOf && document.status != .retired } ?? false
            return [
                "hasTarget": objective.target != nil, "target": objective.target ?? "",
                "due": context.date(objective.due),
                "overdue": overdue,
            ] as View
        },
        starter: Starter(
            folder: "objectives", idPrefix: "OBJ", fields: [("target", "\"to be set\""), ("clauses", "[6.2]")],
            sections: ["Objective", "How it is measured", "Plan", "Resources"]))
}

extension Document {
    public struct Objective: TypeDetails {
        public var target: String?
        public var due: Day?
        public var dueLocation: SourceLocation? = nil
    }

    public var objective: Objective? { self.details.value as? Objective }
}
