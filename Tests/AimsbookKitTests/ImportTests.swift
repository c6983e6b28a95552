import Foundation
import Testing

@testable import AimsbookKit

@Suite struct ImportTests {
    static let registerURL = Fixtures.directory.appendingPathComponent("import/risk-register.csv")

    static func registerText() throws -> String {
        let data = try Data(contentsOf: registerURL)
        guard case .success(let text) = TextDecoding.decode(data) else { throw CocoaError(.fileReadCorruptFile) }
        return text
    }

    static func riskOptions(createsRoles: Bool = true) throws -> RegisterImport.Options {
        var mapping = ImportMapping()
        try mapping.add(map: "Risk ID=id")
        try mapping.add(map: "Risk=title")
        try mapping.add(map: "Risk owner=owner")
        try mapping.add(map: "Next review=review")
        return .init(type: .risk, mapping: mapping, createsRoles: createsRoles, sourceName: "risk-register.csv")
    }

    /// The handbook with the plan's files written into it, as the command would leave it.
    static func applying(_ plan: RegisterImport.Plan, to source: HandbookSource) -> HandbookSource {
        var result = source
        for file in plan.files {
            let markdown = HandbookSource.MarkdownFile(
                path: "content/" + file.contentPath, contentPath: file.contentPath, text: file.text)
            if let index = result.markdownFiles.firstIndex(where: { $0.contentPath == file.contentPath }) {
                result.markdownFiles[index] = markdown
            } else {
                result.markdownFiles.append(markdown)
            }
        }
        return result
    }

    static func errors(_ source: HandbookSource) -> [String] {
        Pipeline.check(source, asOf: Fixtures.asOf, rendersHTML: false).diagnostics.filter { $0.severity == .error }
            .map { "\($0.location): \($0.message)" }
    }

    // MARK: Dates

    @Test(arguments: [
        ("14 February 2026", "2026-02-14"), ("February 14, 2026", "2026-02-14"), ("14 Feb 2026", "2026-02-14"),
        ("14th February 2026", "2026-02-14"), ("2026-02", "2026-02-01"), ("February 2026", "2026-02-01"),
        ("14.02.2026", "2026-02-14"), ("2026-02-14", "2026-02-14"), ("13/04/2026", "2026-04-13"),
        ("04/13/2026", "2026-04-13"), ("2026/4/13", "2026-04-13"), ("1 Sept 2026", "2026-09-01"),
    ])
    func readsDatesWithOneReading(_ text: String, _ expected: String) {
        #expect(WrittenDate.read(text) == .day(Day(expected)!))
    }

    @Test(arguments: ["03/04/2026", "31 February 2026", "soon", "Q3 2026", "2026", "14 February", "2026-13"])
    func refusesDatesWithNoneOrTwoReadings(_ text: String) {
        guard case .unreadable(let message) = WrittenDate.read(text) else {
            Issue.record("'\(text)' was read as a date")
            return
        }
        #expect(message.contains("YYYY-MM-DD"))
    }

    // MARK: Tables

    @Test func csvRowsKeepTheLineTheyStartOn() throws {
        let table = try RegisterTable.csv(
            "Risk,Owner\n\"Two\nlines\",CEO\n\nThird,\"Head of\nProduct\"\nFourth;x,CEO\n")
        #expect(table.header == ["Risk", "Owner"])
        #expect(table.rows.map(\.line) == [2, 5, 7])
        #expect(table.rows[0].cells == ["Two\nlines", "CEO"])
    }

    @Test func csvWithSemicolonsAsSpreadsheetsWriteThemInEurope() throws {
        let table = try RegisterTable.csv("Risiko;Owner\nBias, in data;CEO\n")
        #expect(table.rows.first?.cells == ["Bias, in data", "CEO"])
    }

    @Test func malformedCSVSaysHowToQuote() {
        #expect(throws: RegisterTable.Failure.self) { try RegisterTable.csv("a,b\n\"x\"y,z\n") }
    }

    @Test func markdownTableCellsReadAsWritten() {
        let text = """
            ---
            id: REG-1
            ---
            # Roles

            | Title | Reports to | Members |
            | --- | --- | --- |
            | Head of **Product** | CEO | Ana<br>Bo |
            | `AI` Lead | [CEO](ROLE-CEO) | |

            """
        let tables = MarkdownTableReader.tables(in: text)
        #expect(tables.count == 1)
        #expect(tables[0].header == ["Title", "Reports to", "Members"])
        #expect(tables[0].headerLine == 6)
        #expect(tables[0].rows.map(\.line) == [8, 9])
        #expect(tables[0].rows.map(\.cells) == [["Head of Product", "CEO", "Ana\nBo"], ["AI Lead", "CEO", ""]])
    }

    // MARK: Front matter kept

    @Test func editingFrontMatterKeepsOtherFieldsCommentsAndBody() {
        let text = "---\nid: R-1\n# kept\ntitle: Old\ncontrols:\n  - A.5.2\ncustom: x\n---\n# Body\n\ntext\n"
        let edited = FrontMatterEdit.setting(
            [("title", "New"), ("controls", "[A.6.2.4]"), ("review", "2027-01-01")], in: text)
        #expect(
            edited
                == "---\nid: R-1\n# kept\ntitle: New\ncontrols: [A.6.2.4]\ncustom: x\nreview: 2027-01-01\n---\n# Body\n\ntext\n"
        )
    }

    // MARK: Whole registers

    @Test func thirtyRowRiskRegisterImportsIntoAHandbookThatChecksClean() throws {
        let source = AuthoringTests.starterSource()
        let table = try RegisterTable.csv(Self.registerText())
        #expect(table.rows.count == 30)
        let plan = RegisterImport.plan(table, into: source, options: try Self.riskOptions())
        #expect(plan.problems.isEmpty, "\(plan.problems)")
        #expect(plan.count(.created) == 35)  // 30 risks and 5 roles named by title
        let imported = Self.applying(plan, to: source)
        #expect(Self.errors(imported).isEmpty, "\(Self.errors(imported))")

        let handbook = Pipeline.check(imported, asOf: Fixtures.asOf, rendersHTML: false).handbook
        let risk = try #require(handbook.document("RISK-104"))
        let owner = try #require(handbook.document(risk.owner!.value))
        #expect(owner.type == .role && owner.title == "AI Governance Lead")
        #expect(risk.review?.value == Day("2027-09-01"))
        #expect(risk.status == .draft)
        #expect(risk.risk?.category == "reputational")
        #expect(risk.controls.map(\.value) == ["A.7.4", "A.8.2"])
        #expect(handbook.document("RISK-105")?.review?.value == Day("2027-06-01"))
        #expect(handbook.document("RISK-125")?.title == "Regulatory change: EU AI Act")
        #expect(risk.bodySource.contains("Second line of the description"))
    }

    @Test func importingAgainUpdatesFrontMatterAndKeepsTheAuthorsBody() throws {
        var source = AuthoringTests.starterSource()
        let first = RegisterImport.plan(
            try RegisterTable.csv(Self.registerText()), into: source, options: try Self.riskOptions())
        source = Self.applying(first, to: source)
        // An author writes the body of one risk; someone edits the spreadsheet.
        let index = try #require(source.markdownFiles.firstIndex { $0.contentPath == "risks/risk-103.md" })
        let split = try FrontMatterSplitter.split(source.markdownFiles[index].text, file: "").get()
        source.markdownFiles[index].text = "---\n\(split.yaml)\n---\n## Treatment\n\nWritten by the owner.\n"
        var edited = try Self.registerText()
        edited = edited.replacingOccurrences(of: "Prompt injection,", with: "Prompt injection via documents,")
        edited = edited.replacingOccurrences(
            of: "Head of Engineering,April 2027,", with: "Head of Engineering,30 April 2027,")

        let second = RegisterImport.plan(try RegisterTable.csv(edited), into: source, options: try Self.riskOptions())
        #expect(second.problems.isEmpty, "\(second.problems)")
        #expect(second.count(.created) == 0)
        #expect(second.files.filter { $0.action == .updated }.map(\.id) == ["RISK-103"])
        #expect(second.count(.unchanged) == 29)
        let updated = Self.applying(second, to: source)
        #expect(Self.errors(updated).isEmpty, "\(Self.errors(updated))")
        let text = try #require(updated.markdownFiles.first { $0.contentPath == "risks/risk-103.md" }?.text)
        #expect(text.contains("title: Prompt injection via documents\n"))
        #expect(text.contains("review: 2027-04-30\n"))
        #expect(text.hasSuffix("---\n## Treatment\n\nWritten by the owner.\n"))
    }

    @Test func everyRowThatCannotBeMappedIsReportedWithItsLineAndNothingIsPlanned() throws {
        let csv = """
            Risk ID,Risk,Risk owner,Next review,Likelihood
            RISK-201,Fine,AI Governance Officer,14 February 2027,2
            RISK-202,Unknown owner,Head of Nothing,14 February 2027,2
            RISK-203,"Two
            lines",AI Governance Officer,03/04/2027,2
            RISK-204,Out of range,AI Governance Officer,2027-02,9
            RISK-201,Same id,AI Governance Officer,2027-02,2

            """
        let source = AuthoringTests.starterSource()
        let plan = RegisterImport.plan(
            try RegisterTable.csv(csv), into: source, options: try Self.riskOptions(createsRoles: false))
        #expect(plan.problems.map(\.line) == [3, 4, 7], "\(plan.problems)")
        #expect(plan.problems[0].message.contains("'Head of Nothing' is not the id or title of a role"))
        #expect(plan.problems[1].message.contains("could be day/month or month/day"))
        #expect(plan.problems[2].message.contains("also the id of the row on line 2"))
        // Line 6's likelihood of 9 is found by the handbook's own checks, once the rows map.
        let fixed = csv.replacingOccurrences(of: "Head of Nothing", with: "AI Governance Officer")
            .replacingOccurrences(of: "03/04/2027", with: "2027-04-03")
            .replacingOccurrences(of: "RISK-201,Same id", with: "RISK-205,Same id")
        let second = RegisterImport.plan(
            try RegisterTable.csv(fixed), into: source, options: try Self.riskOptions(createsRoles: false))
        #expect(second.problems.map(\.line) == [6], "\(second.problems)")
        #expect(second.problems.first?.message.contains("RISK-204") == true)
    }

    @Test func unmappedColumnsAreNamedWithTheMapping() throws {
        let table = try RegisterTable.csv("Risk,Risk owner,Severity\nA,CEO,high\n")
        let plan = RegisterImport.plan(
            table, into: AuthoringTests.starterSource(),
            options: .init(type: .risk, mapping: ImportMapping(), sourceName: "r.csv"))
        #expect(plan.files.isEmpty)
        #expect(plan.problems.count == 3)
        #expect(plan.problems.allSatisfy { $0.line == 1 })
        #expect(plan.problems[0].message.contains("--map \"Risk=FIELD\""))
    }

    @Test func mappingFileGivesColumnsFixedValuesAndFolder() throws {
        let mapping = try ImportMapping.parse(
            yaml:
                "type: role\nfolder: people\ncolumns:\n  Job title: title\n  Notes: \"-\"\nset:\n  status: approved\n",
            file: "map.yml")
        #expect(mapping.type == .role)
        let table = try RegisterTable.csv("Job title,Reports to,Notes\nHead of Product,AI Governance Officer,x\n")
        let plan = RegisterImport.plan(
            table, into: AuthoringTests.starterSource(), options: .init(type: .role, mapping: mapping, sourceName: "m"))
        #expect(plan.problems.isEmpty, "\(plan.problems)")
        let file = try #require(plan.files.first)
        #expect(file.contentPath == "people/role-001.md")
        #expect(file.text.contains("status: approved\n"))
        #expect(file.text.contains("reports_to: ROLE-AIGO\n"))
    }
}

@Suite struct SoADecisionImportTests {
    @Test func decisionsFromARegisterReplaceTheirEntriesAndKeepTheOthers() throws {
        let source = AuthoringTests.starterSource()
        let csv = """
            Control,Applicable,Status,Justification
            A.2.2,Yes,Implemented,"Our AI policy, POL-001"
            A.10.4,No,,We supply no AI systems to customers

            """
        var mapping = ImportMapping()
        try mapping.add(map: "Control=control")
        let plan = RegisterImport.plan(
            try RegisterTable.csv(csv), into: source,
            options: .init(type: .soa, mapping: mapping, sourceName: "soa.csv"))
        #expect(plan.problems.isEmpty, "\(plan.problems)")
        let file = try #require(plan.files.first)
        #expect(file.action == .updated)
        #expect(
            file.text.contains(
                "  A.2.2: { applicable: true, status: \"implemented\", justification: \"Our AI policy, POL-001\" }\n"))
        #expect(
            file.text.contains(
                "  A.10.4: { applicable: false, justification: \"We supply no AI systems to customers\" }\n"))
        #expect(file.text.contains("  A.2.3: { applicable: true, status: planned,"))
        let imported = ImportTests.applying(plan, to: source)
        #expect(ImportTests.errors(imported).isEmpty, "\(ImportTests.errors(imported))")
        let decisions = try #require(
            Pipeline.check(imported, asOf: Fixtures.asOf, rendersHTML: false).handbook.soaDocument?.soaDecisions)
        #expect(decisions.decisions.count == 38)
    }

    @Test func anInvalidDecisionIsReportedAtItsRegisterLine() throws {
        let csv = "Control,Applicable,Status\nA.2.2,yes,implemented\nA.2.3,yes,done\nA.2.4,perhaps,planned\n"
        var mapping = ImportMapping()
        try mapping.add(map: "Control=control")
        let options = RegisterImport.Options(type: .soa, mapping: mapping, sourceName: "soa.csv")
        let plan = RegisterImport.plan(
            try RegisterTable.csv(csv), into: AuthoringTests.starterSource(), options: options)
        #expect(plan.problems.map(\.line) == [4], "\(plan.problems)")
        let fixed = csv.replacingOccurrences(of: "perhaps", with: "yes")
        let second = RegisterImport.plan(
            try RegisterTable.csv(fixed), into: AuthoringTests.starterSource(), options: options)
        #expect(second.problems.map(\.line).contains(3), "\(second.problems)")
        #expect(second.files.isEmpty == false)
    }
}
