import Testing

@testable import AimsbookKit

/// `aimsbook import` writes each cell as its field's declared kind (`FieldKind`), for every
/// field of every registered type, the ones added later too: a type's fields are imported as
/// they are read without a list of the import's own to keep up to date.
@Suite struct ImportFieldKindTests {
    /// The types whose registers become one document per row; an SoA register imports decisions
    /// (`SoADecisionImport`), not fields.
    static let types = DocumentType.registered.map(\.type).filter { $0 != .soa }

    /// A cell of `kind` as a register might write it and the YAML the field must get, given
    /// the handbook whose documents are named (by title), or nil for free text.
    static func sample(_ kind: FieldKind, in handbook: Handbook) -> (cell: String, yaml: String)? {
        switch kind {
        case .text: return nil
        case .date: return ("14 February 2027", "2027-02-14")
        case .score: return ("04", "4")
        case .yesNo: return ("Yes", "true")
        case .word(let vocabulary):
            let word = vocabulary.last!
            return (word.uppercased().replacingOccurrences(of: "-", with: " "), word)
        case .list: return ("first; second", "[first, second]")
        case .words(let vocabulary):
            let words = Array(vocabulary.suffix(2))
            return (
                words.map { $0.uppercased().replacingOccurrences(of: "-", with: " ") }.joined(separator: "; "),
                "[" + words.joined(separator: ", ") + "]"
            )
        case .documents(let expects, let isList):
            let documents = handbook.documents(of: expects.first ?? .policy).prefix(2)
            let titles = documents.map(\.title).joined(separator: expects == [.role] ? "; " : ", ")
            let ids = documents.map(\.id.value)
            return isList ? (titles, "[" + ids.joined(separator: ", ") + "]") : (documents[0].title, ids[0])
        }
    }

    @Test(arguments: types)
    func everyFieldWithAKindIsImportedAsThatKind(_ type: DocumentType) throws {
        let source = AuthoringTests.starterSource()
        let handbook = Pipeline.check(source, asOf: Fixtures.asOf, rendersHTML: false).handbook
        let fields = (DocumentType.commonFields + type.ownFields).compactMap { field in
            type.descriptor.fieldKinds[field].flatMap { Self.sample($0, in: handbook) }.map { (field, $0) }
        }
        // Every type has some (owner, status, dates, lists); a test of none would prove nothing.
        #expect(fields.count >= 8, "\(fields.map(\.0))")
        let header = (["Title"] + fields.map(\.0)).joined(separator: ",")
        let row = (["Imported \(type.rawValue)"] + fields.map { "\"\($0.1.cell)\"" }).joined(separator: ",")
        let plan = RegisterImport.plan(
            try RegisterTable.csv(header + "\n" + row + "\n"), into: source,
            options: .init(type: type, mapping: ImportMapping(), sourceName: "register.csv"))
        let file = try #require(
            plan.files.first { $0.text.contains("title: Imported \(type.rawValue)\n") }, "\(plan.problems)")
        for (field, sample) in fields {
            #expect(
                file.text.contains("\n\(field): \(sample.yaml)\n"),
                "\(type.rawValue).\(field): '\(sample.cell)' should be written as '\(sample.yaml)' in\n\(file.text)")
        }
    }

    @Test func commonFieldKindsNameCommonFields() {
        #expect(Set(DocumentType.commonFieldKinds.keys).isSubset(of: DocumentType.commonFields))
        for reference in DocumentType.commonReferences {
            #expect(DocumentType.commonFieldKinds[reference.name] == reference.kind)
        }
    }

    /// A register of datasets (content/datasets/loan-applications.md has every field) imports
    /// into documents `check` accepts: its date, yes/no and AI systems by title included.
    @Test func aDatasetRegisterImportsIntoDocumentsThatCheckClean() throws {
        let csv = """
            Dataset,Owner,Approver,AI systems,Source,Personal data,Quality checked,Controls,Related,Effective,Review
            Closed loan applications,AI governance officer,Top management,Example AI system,"Core banking system, closed applications",Yes,15 September 2026,"A.7.2; A.7.3; A.7.4",AI policy,1 April 2026,2027-04-01
            Support chat transcripts,AI governance officer,,Example AI system,Support desk export,no,2026-10,A.7.5,,,

            """
        var mapping = ImportMapping()
        try mapping.add(map: "Dataset=title")
        let source = AuthoringTests.starterSource()
        let plan = RegisterImport.plan(
            try RegisterTable.csv(csv), into: source,
            options: .init(type: .dataset, mapping: mapping, sourceName: "datasets.csv"))
        #expect(plan.problems.isEmpty, "\(plan.problems)")
        #expect(plan.files.map(\.contentPath) == ["datasets/data-002.md", "datasets/data-003.md"])
        let first = try #require(plan.files.first?.text)
        #expect(first.contains("\nquality_checked: 2026-09-15\n"))
        #expect(first.contains("\npersonal_data: true\n"))
        #expect(first.contains("\nai_systems: [AIS-001]\n"))

        let imported = ImportTests.applying(plan, to: source)
        let checked = Pipeline.check(imported, asOf: Fixtures.asOf, rendersHTML: false)
        let problems = checked.diagnostics.filter { $0.location.file.contains("datasets/data-00") }
        #expect(problems.isEmpty, "\(Fixtures.summary(problems))")
        let loans = try #require(checked.handbook.document("DATA-002")?.dataset)
        #expect(loans.personalData == true)
        #expect(loans.qualityChecked?.value == Day("2026-09-15"))
        #expect(loans.aiSystems.map(\.value) == ["AIS-001"])
        #expect(loans.source == "Core banking system, closed applications")
        let chats = try #require(checked.handbook.document("DATA-003"))
        #expect(chats.dataset?.personalData == false)
        #expect(chats.dataset?.qualityChecked?.value == Day("2026-10-01"))
        #expect(chats.controls.map(\.value) == ["A.7.5"])
        #expect(checked.handbook.document("DATA-002")?.related.map(\.value) == ["POL-001"])
    }

    /// Fields a list of the import's own once left out, written as people write them: each was
    /// kept as text, so the row failed the check (or, for `accepted_by`, named no role).
    @Test(arguments: [
        (DocumentType.risk, "Owner,Accepted by,Accepted on\nAI governance officer,Top management,1 March 2026\n"),
        (
            .record,
            "Record kind,Severity,Action status,Effectiveness checked,Audited clauses\n"
                + "Corrective action,Minor,In progress,1 May 2026,\"9.2; 9.3\"\n"
        ),
        (
            .aiSystem,
            "Owner,AI act role,Transparency,Not high risk assessment\n"
                + "AI governance officer,Deployer,\"Interacts with people; Generates content\",AI policy\n"
        ),
    ])
    func fieldsOnceMissedImportIntoDocumentsThatCheckClean(_ type: DocumentType, _ csv: String) throws {
        let source = AuthoringTests.starterSource()
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false)
        let table = try RegisterTable.csv("Title,\(lines[0])\nImported,\(lines[1...].joined(separator: "\n"))")
        var mapping = ImportMapping()
        try mapping.add(map: "AI act role=ai_act_role")
        let plan = RegisterImport.plan(
            table, into: source, options: .init(type: type, mapping: mapping, sourceName: "register.csv"))
        #expect(plan.problems.isEmpty, "\(plan.problems)")
        let file = try #require(plan.files.first)
        let imported = ImportTests.applying(plan, to: source)
        let checked = Pipeline.check(imported, asOf: Fixtures.asOf, rendersHTML: false)
        let problems = checked.diagnostics.filter { $0.location.file.hasSuffix(file.contentPath) }
        #expect(problems.isEmpty, "\(Fixtures.summary(problems))")
        let document = try #require(checked.handbook.document(file.id))
        switch type {
        case .risk:
            #expect(document.risk?.acceptedBy?.value == "ROLE-TOP")
            #expect(document.risk?.acceptedOn?.value == Day("2026-03-01"))
        case .record:
            #expect(document.record?.nonconformity?.actionStatus == "in-progress")
            #expect(document.record?.auditedClauses.map(\.value) == ["9.2", "9.3"])
        default:
            #expect(document.aiSystem?.transparency == ["interacts-with-people", "generates-content"])
            #expect(document.aiSystem?.notHighRiskAssessment?.value == "POL-001")
        }
    }

    @Test func aYesNoCellThatIsNeitherIsTheRowsProblem() throws {
        let plan = RegisterImport.plan(
            try RegisterTable.csv("Title,Owner,Personal data\nChats,AI governance officer,perhaps\n"),
            into: AuthoringTests.starterSource(),
            options: .init(type: .dataset, mapping: ImportMapping(), sourceName: "datasets.csv"))
        #expect(plan.problems.map(\.line) == [2])
        #expect(plan.problems.first?.message == "Personal data: 'perhaps' is not yes or no; write yes or no")
        #expect(plan.files.isEmpty)
    }
}
