import Testing

@testable import AimsbookKit

@Suite struct AuthoringTests {
    static func starterSource(extra: [String: String] = [:]) -> HandbookSource {
        var files: [String: String] = [:]
        var settings: String?
        for file in StarterHandbook.files() {
            if file.path.hasPrefix("content/") {
                files[String(file.path.dropFirst("content/".count))] = file.text
            } else if file.path == "aimsbook.yml" {
                settings = file.text
            }
        }
        files.merge(extra) { _, new in new }
        return Fixtures.source(files, settings: settings)
    }

    @Test func initGivesAHandbookThatChecksCleanAndIsAllDraft() {
        let checked = Pipeline.check(Self.starterSource(), asOf: Fixtures.asOf)
        #expect(checked.diagnostics.isEmpty, "\(checked.diagnostics.map { "\($0.location): \($0.message)" })")
        #expect(Set(checked.handbook.documents.map(\.type)) == Set(DocumentType.allCases))
        let report = AuditReport(handbook: checked.handbook, asOf: Fixtures.asOf)
        #expect(
            report.mandatory.allSatisfy { $0.status == .draftOnly },
            "\(report.mandatory.filter { $0.status != .draftOnly }.map(\.clause))")
        #expect(report.soa.decided == 38)
        #expect(report.soa.applicable == 38)
    }

    @Test(arguments: DocumentType.allCases.filter { $0 != .soa })
    func newDocumentsCheckClean(_ type: DocumentType) throws {
        let handbook = Pipeline.check(Self.starterSource(), asOf: Fixtures.asOf).handbook
        let document = try NewDocument.make(type: type, id: nil, title: "A new: \"quoted\" title", in: handbook)
        #expect(document.contentPath.hasSuffix(".md"))
        #expect(handbook.document(document.id) == nil)
        let checked = Pipeline.check(
            Self.starterSource(extra: [document.contentPath: document.markdown]), asOf: Fixtures.asOf)
        #expect(checked.diagnostics.isEmpty, "\(checked.diagnostics.map { "\($0.location): \($0.message)" })")
        #expect(checked.handbook.document(document.id)?.title == "A new: \"quoted\" title")
    }

    @Test func newPicksTheNextFreeIDAndRefusesTakenOnes() throws {
        #expect(NewDocument.nextFreeID(for: .risk, existing: ["RISK-001", "RISK-011", "POL-020"]) == "RISK-012")
        #expect(NewDocument.nextFreeID(for: .policy, existing: []) == "POL-001")
        let handbook = Pipeline.check(Self.starterSource(), asOf: Fixtures.asOf).handbook
        #expect(throws: NewDocument.Failure.self) {
            try NewDocument.make(type: .policy, id: "POL-001", title: "x", in: handbook)
        }
        #expect(throws: NewDocument.Failure.self) {
            try NewDocument.make(type: .policy, id: "pol-001", title: "x", in: handbook)
        }
        #expect(throws: NewDocument.Failure.self) {
            try NewDocument.make(type: .soa, id: nil, title: "x", in: handbook)
        }
        #expect(throws: NewDocument.Failure.self) {
            try NewDocument.make(type: .policy, id: "../x", title: "x", in: handbook)
        }
    }
}
