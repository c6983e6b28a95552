import Testing

@testable import AimsbookKit

/// Roles named by their titles, and ids of the standard suggested only as the same id.
@Suite struct NamesPeopleWriteTests {
    @Test func aRoleNamedByItsExactTitleResolvesWithAWarningGivingTheID() throws {
        let files = BuildCacheTests.editing(
            RenderTests.files, "policies/ai-policy.md", "owner: ROLE-OWNER", "owner: AI Governance  officer")
        let checked = Pipeline.check(Fixtures.source(files), asOf: Fixtures.asOf, rendersHTML: false)
        let warnings = checked.diagnostics.filter { $0.code == "role-by-title" }
        #expect(warnings.count == 1)
        #expect(warnings.first?.message.contains("write its id, ROLE-OWNER") == true)
        #expect(warnings.first.map { "\($0.location)" } == "content/policies/ai-policy.md:5:8")
        #expect(
            !checked.diagnostics.contains { $0.code == "unknown-reference" }, "\(checked.diagnostics.map(\.message))")
        #expect(checked.handbook.document("POL-001")?.owner?.value == "ROLE-OWNER")
        #expect(checked.handbook.relations.about("ROLE-OWNER").owns.contains("POL-001"))
    }

    @Test func aTitleTwoRolesShareNamesNeither() {
        let source = Fixtures.source([
            "a.md": "---\nid: ROLE-A\ntype: role\ntitle: Lead\nstatus: draft\n---\n",
            "b.md": "---\nid: ROLE-B\ntype: role\ntitle: Lead\nstatus: draft\n---\n",
            "p.md": "---\nid: POL-1\ntype: policy\ntitle: P\nowner: Lead\nstatus: draft\n---\n",
        ])
        let codes = Pipeline.check(source, asOf: Fixtures.asOf, rendersHTML: false).diagnostics.map(\.code)
        #expect(codes.contains("unknown-reference") && !codes.contains("role-by-title"))
    }

    @Test func serveRebuildsAfterATitleReferenceAndARetitledRoleMatchAFreshBuild() throws {
        let byTitle = BuildCacheTests.editing(
            RenderTests.files, "policies/ai-policy.md", "owner: ROLE-OWNER", "owner: AI governance officer")
        let retitled = BuildCacheTests.editing(
            byTitle, "roles/owner.md", "title: AI governance officer", "title: AI governance lead")
        try BuildCacheTests.expectEachStepMatchesAFreshBuild([byTitle, retitled, byTitle])
        let cache = BuildCache()
        for files in [RenderTests.files, byTitle, retitled] {
            let incremental = Pipeline.check(
                BuildCacheTests.source(files, hashed: true), asOf: Fixtures.asOf, cache: cache)
            let fresh = Pipeline.check(BuildCacheTests.source(files, hashed: true), asOf: Fixtures.asOf)
            #expect(incremental.diagnostics == fresh.diagnostics)
        }
    }
}
