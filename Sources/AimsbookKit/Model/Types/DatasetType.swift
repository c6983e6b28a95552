extension DocumentType {
    public static let dataset = DocumentType(declaring: "dataset")
}

/// A dataset used by AI systems (Annex A.7, data for AI systems): where it comes from, whether
/// it holds personal data, when its quality was last checked, and the AI systems using it.
enum DatasetType {
    static let descriptor = DocumentTypeDescriptor(
        .dataset, displayName: "Dataset", pluralName: "Datasets", requiresOwner: true,
        fields: [
            .references("ai_systems", to: .aiSystem) { $0.dataset?.aiSystems },
            "source", .yesNo("personal_data"), .date("quality_checked"),
        ],
        readDetails: { reader in
            var dataset = Document.Dataset(aiSystems: reader.list("ai_systems"), source: reader.text("source")?.value)
            if let entry = reader.frontMatter["personal_data"] {
                dataset.personalData = reader.bool(entry.value, key: "personal_data")
            }
            dataset.qualityChecked = reader.day("quality_checked")
            return Document.Details(dataset)
        },
        panel: .rows(title: "Dataset") { document in
            let dataset = document.dataset
            return [
                PanelRow("Source", .text(dataset?.source)),
                PanelRow("Personal data", .yesNo(dataset?.personalData)),
                PanelRow("Quality checked", .date(dataset?.qualityChecked?.value), missing: "Not yet"),
                PanelRow(
                    "AI systems using it", .documents(dataset?.aiSystems.map(\.value) ?? []), missing: "None named"),
            ]
        },
        starter: Starter(
            folder: "datasets", idPrefix: "DATA",
            fields: [
                ("ai_systems", "[]"), ("source", "\"to be stated\""),
                ("controls", "[A.7.2, A.7.3, A.7.4, A.7.5, A.7.6]"),
            ],
            sections: ["Description", "Acquisition and provenance", "Quality", "Preparation", "Personal data"],
            example: StarterHandbook.Entry(
                path: "datasets/example-dataset.md", id: "DATA-001", type: .dataset, title: "Example dataset",
                controls: ["A.7.3", "A.7.4", "A.7.5"],
                extra: [("ai_systems", "[AIS-001]"), ("source", "\"to be stated\"")],
                purpose:
                    "One entry of the register of data for AI systems: where the data comes from, its quality and provenance, and the AI systems using it (controls A.7.2 to A.7.6). Copy it for each dataset.",
                sections: ["Description", "Acquisition and provenance", "Quality", "Preparation"])))
}

extension Document {
    public struct Dataset: TypeDetails {
        public var aiSystems: [Located<String>]
        public var source: String?
        /// `personal_data`: whether the data identifies people; nil when not stated.
        public var personalData: Bool? = nil
        public var qualityChecked: Located<Day>? = nil
    }

    public var dataset: Dataset? { self.details.value as? Dataset }
}
