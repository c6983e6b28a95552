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

    /// Documents are read, parsed and rendered on all cores; the site must not depend on it.
    @Test func aParallelBuildGivesTheSameBytesAsASerialOne() throws {
        let paths = HandbookPaths(root: Fixtures.repositoryRoot)
        func build() throws -> [OutputFile] {
            let checked = try Pipeline.check(paths, asOf: Fixtures.asOf)
            return try SiteRenderer.render(checked.handbook, options: .init(asOf: Fixtures.asOf))
        }
        let parallel = try build()
        let serial = try Parallel.$isSerial.withValue(true) { try build() }
        #expect(parallel.count > 150)
        #expect(parallel.map(\.path) == serial.map(\.path))
        for (one, other) in zip(parallel, serial) where one != other {
            Issue.record("\(one.path) differs between a parallel and a serial build")
        }
    }
}
