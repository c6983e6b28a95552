import Testing

@testable import AimsbookKit

/// The sample handbook in content/ is the demo and the template users copy: it must stay clean.
@Suite struct SampleHandbookTests {
    @Test func checksWithoutErrorsOrWarnings() throws {
        let checked = try Pipeline.check(HandbookPaths(root: Fixtures.repositoryRoot), asOf: Fixtures.asOf)
        #expect(checked.handbook.documents.count >= 25)
        #expect(checked.diagnostics.isEmpty, "\(checked.diagnostics.map { "\($0.location): \($0.message)" })")
    }

    @Test func coversEveryTypeAndEveryMandatoryItem() throws {
        let checked = try Pipeline.check(HandbookPaths(root: Fixtures.repositoryRoot), asOf: Fixtures.asOf)
        let types = Set(checked.handbook.documents.map(\.type))
        #expect(types == Set(DocumentType.allCases))
        #expect(checked.handbook.documents(of: .role).count >= 5)
        #expect(checked.handbook.documents(of: .risk).count >= 6)
        let report = AuditReport(handbook: checked.handbook, asOf: Fixtures.asOf)
        #expect(report.missingCount == 0)
        #expect(report.soa.decided == 38)
    }
}
